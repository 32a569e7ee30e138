"""The ProperDocs check's comparison (`make properdocs` builds the site with both tools):
what it ignores and what it reports, on tiny sites."""

from __future__ import annotations

import gzip
from pathlib import Path

from scripts.quality.properdocs import differences


def site(root: Path, name: str, files: dict[str, bytes]) -> Path:
    folder = root / name
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


PAGE = b'<html><head><meta name="generator" content="%s"></head><body>Cramps</body></html>'
SITEMAP = b"<url><loc>https://x/</loc><lastmod>%s</lastmod></url>"


def test_the_tools_name_and_the_build_date_are_ignored(tmp_path: Path) -> None:
    first = site(
        tmp_path,
        "mkdocs",
        {
            "index.html": PAGE % b"mkdocs-1.6.1",
            "sitemap.xml": SITEMAP % b"2026-11-21",
            "sitemap.xml.gz": gzip.compress(SITEMAP % b"2026-11-21", mtime=1),
        },
    )
    second = site(
        tmp_path,
        "properdocs",
        {
            "index.html": PAGE % b"properdocs-1.6.7",
            "sitemap.xml": SITEMAP % b"2026-11-22",
            "sitemap.xml.gz": gzip.compress(SITEMAP % b"2026-11-22", mtime=2),
        },
    )
    assert differences(first, second) == []


def test_any_other_difference_is_reported(tmp_path: Path) -> None:
    """Negative control: changed text, a changed sitemap entry, a file only one tool wrote."""
    first = site(
        tmp_path,
        "mkdocs",
        {
            "index.html": PAGE % b"x",
            "a/index.html": b"same",
            "sitemap.xml.gz": gzip.compress(SITEMAP % b"1"),
        },
    )
    second = site(
        tmp_path,
        "properdocs",
        {
            "index.html": (PAGE % b"x").replace(b"Cramps", b"Cramp"),
            "a/index.html": b"same",
            "sitemap.xml.gz": gzip.compress((SITEMAP % b"1").replace(b"x/", b"y/")),
            "extra.js": b"",
        },
    )
    assert differences(first, second) == [
        "only in properdocs/: extra.js",
        "differs: index.html",
        "differs: sitemap.xml.gz",
    ]
