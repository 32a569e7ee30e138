"""What a built site weighs: its output and search index, and the first load of a page
(its HTML and the local CSS, JS and images it loads), raw and gzip."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


class _Assets(HTMLParser):
    """The stylesheets, scripts and images a page loads on first view."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.urls.append(str(a["href"]))
        elif a.get("src") and (tag == "script" or (tag == "img" and a.get("loading") != "lazy")):
            self.urls.append(str(a["src"]))


def first_load(site: Path, page: Path) -> dict[str, Any]:
    """Bytes (raw and gzip) of a page's HTML and the local CSS, JS and images it loads."""
    html = page.read_bytes()
    parser = _Assets()
    parser.feed(html.decode())
    base = "/" + page.relative_to(site).as_posix()
    files = {"html": (len(html), gz(html))}
    for url in parser.urls:
        if re.match(r"^[a-z]+:|^//", url):
            files[url] = (0, 0)  # outside the site: none expected (fonts are off)
            continue
        target = site / urljoin(base, url.split("?")[0].split("#")[0]).lstrip("/")
        data = target.read_bytes()
        files[target.relative_to(site).as_posix()] = (len(data), gz(data))
    return {
        "page": page.relative_to(site).as_posix(),
        "raw_kb": round(sum(r for r, _ in files.values()) / 1024, 1),
        "gzip_kb": round(sum(g for _, g in files.values()) / 1024, 1),
        "files": {k: {"raw": r, "gzip": g} for k, (r, g) in files.items()},
    }


def article_page(site: Path) -> Path:
    """The first article page of a built site (an ``og:type`` of article)."""
    for page in sorted((site / "articles").glob("*/index.html")):
        if '<meta property="og:type" content="article"' in page.read_text():
            return page
    raise FileNotFoundError(f"no article page under {site}/articles")


def site_figures(site: Path) -> dict[str, Any]:
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.is_file() else b""
    return {
        "output_mb": round(dir_size(site) / 2**20, 2),
        "html_pages": sum(1 for _ in site.rglob("*.html")),
        "search_index_kb": round(len(raw) / 1024, 1),
        "search_index_gzip_kb": round(gz(raw) / 1024, 1),
    }
