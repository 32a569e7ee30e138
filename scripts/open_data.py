"""The site's data as open data, in ``site/data/``: each data file as JSON beside its JSON
Schema, a schema.org description of each page that a data item owns (the articles and
the symptom pages), and a Frictionless ``datapackage.json`` naming them all, with the
licence.

The data comes from the model (``data/`` through the loader); each page's description
from the build record (macros/record.py) through the function that makes the one in
the page's head (``macros.chrome.page_description``), with the sources the page cites in
the order of their numbers. Never from the built HTML.

    python -m scripts.open_data SITE_DIR
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros import record
from macros.addresses import PAGE_RULES
from macros.chrome import page_description
from macros.loader import FILES, Site, schemas
from scripts.config import ROOT, mkdocs_config, site_data
from scripts.downloads import download_path

#: The licence of the project's own data and text. Passages quoted from sources stay
#: their publishers' words, quoted to show what each claim rests on.
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
QUOTES_NOTE = (
    "The passages under each reference (references.json) are short quotations from the "
    "sources named, kept so that a reader can check each claim; they remain their "
    "publishers' words and are not covered by this licence."
)


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, dict):
        return [_dump(v) for v in value.values()]
    return value


def item_pages(built: record.Record) -> dict[str, dict[str, Any]]:
    """The schema.org description of each page a data item owns, keyed by its address."""
    pages: dict[str, dict[str, Any]] = {}
    for rule in PAGE_RULES:
        for page in built.pages:
            if page.kind != rule.key:
                continue
            cited = [asdict(c) for c in page.citations]  # one each, in number order
            pages[page.url] = page_description(
                built.settings(),
                page.url,
                page.title,
                page.description,
                {"title": page.headline} if page.headline else None,
                page.review,
                page.about,
                cited,
            )
    return pages


def write(out: Path, site: Site, built: record.Record) -> list[Path]:
    """Write the open data beside its data package (mkdocs.yml's
    ``extra.downloads.open_data``); return the files written."""
    package = out / download_path("open_data")
    folder = package.parent
    (folder / "schema").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def put(path: Path, value: Any) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value, indent=1, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)

    resources = []
    all_schemas = schemas()
    for name in FILES:
        put(folder / f"{name}.json", _dump(getattr(site, name)))
        put(folder / "schema" / f"{name}.schema.json", all_schemas[name])
        model, is_list = FILES[name]
        resources.append(
            {
                "name": name.replace("_", "-"),
                "path": f"{name}.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "description": (model.__doc__ or "").strip().splitlines()[0],
                "jsonschema": f"schema/{name}.schema.json",
            }
        )
    base = built.site_url
    for address, description in item_pages(built).items():
        path = folder / "pages" / (address.rstrip("/") + ".json")
        put(path, description)
        resources.append(
            {
                "name": "page-" + address.rstrip("/").replace("/", "-"),
                "path": path.relative_to(folder).as_posix(),
                "format": "json",
                "mediatype": "application/ld+json",
                "encoding": "utf-8",
                "description": f"schema.org MedicalWebPage of {base}{address}",
            }
        )
    config = mkdocs_config()
    put(
        package,
        {
            "profile": "data-package",
            "name": "b12-and-your-muscles",
            "title": f"{config.site_name}: the site's data",
            "description": f"{config.site_description} {QUOTES_NOTE}",
            "homepage": base,
            "licenses": [LICENCE],
            "resources": resources,
        },
    )
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Write the site's data as open data.")
    parser.add_argument(
        "site", nargs="?", type=Path, default=ROOT / "site", help="the built site (default: site/)"
    )
    out: Path = parser.parse_args(argv).site
    try:
        built = record.read(out)
    except record.RecordMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    written = write(out, site_data(), built)
    print(
        f"open data: {len(written)} files in {out / download_path('open_data').parent}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
