"""The site's data as open data, in ``site/data/``: each data file as JSON beside its JSON
Schema, a schema.org description of each page that a data item owns (the articles and
the symptom pages), and a Frictionless ``datapackage.json`` naming them all, with the
licence.

Everything comes from the model (``data/`` through the loader) and the page rules, never
from the built HTML.

    python -m scripts.open_data SITE_DIR
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.addresses import PAGE_RULES, item_url
from macros.evidence import page_citations
from macros.loader import FILES, Site, schemas
from macros.model import Reviewed, split_citation
from scripts.config import ROOT, mkdocs_config, site_data, site_url

#: Where the open data goes inside the built site.
FOLDER = "data"
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


def _citations(item: BaseModel) -> list[str]:
    """Every citation in an item, nested items too, in order."""
    from macros.loader import refs  # the loader's walk over fields marked RefTo

    return [c for target, _, c in refs(item) if target == "references"]


def shown_with(site: Site, collection: str, item_id: str) -> list[str]:
    """The citations of the components an item's page shows besides the item itself: an
    article's symptom cards (what each feels like), comparison tables and FAQ; a symptom
    page's mechanisms; both the care card."""
    cited: list[str] = []
    if collection == "articles":
        for symptom in site.articles[item_id].symptoms:
            cited += site.symptoms[symptom].sources  # a symptom card cites what it feels like
        for table in site.comparisons.values():
            if table.article == item_id:
                cited += _citations(table)
        for entry in site.faq.values():
            if item_id in entry.articles:
                cited += _citations(entry)
    if collection == "symptoms":
        for mechanism in site.symptoms[item_id].mechanisms:
            cited += _citations(site.mechanisms[mechanism])
    return cited + _citations(site.care)


def page_address(collection: str, item_id: str) -> str:
    """The address of an item's page below the site root (directory URLs): ``articles/x/``."""
    return item_url(collection, item_id)


def _review(review: Reviewed) -> dict[str, Any]:
    """lastReviewed only once checked; reviewedBy only for a named clinician (as the
    pages' own structured data says)."""
    out: dict[str, Any] = {}
    if review.review_status != "draft":
        out["lastReviewed"] = review.reviewed.isoformat()
    if review.reviewer is not None:
        out["reviewedBy"] = {
            "@type": "Person",
            "name": review.reviewer.name,
            "description": review.reviewer.credentials,
        }
    return out


def item_pages(site: Site, docs: Path, base: str, language: str) -> dict[str, dict[str, Any]]:
    """The schema.org description of each page a data item owns, keyed by its address."""
    pages: dict[str, dict[str, Any]] = {}
    for rule in PAGE_RULES:
        for item_id, item in site.collection(rule.collection).items():
            address = page_address(rule.collection, item_id)
            cited = _citations(item)
            source = docs / rule.source(item_id)
            if source.is_file():
                cited += [c for _, c, _ in page_citations(source.read_text(encoding="utf-8"))]
            cited += shown_with(site, rule.collection, item_id)
            review = item if isinstance(item, Reviewed) else site.review
            ref_ids = dict.fromkeys(split_citation(c)[0] for c in cited)
            topics = item.symptoms if rule.collection == "articles" else [item_id]
            pages[address] = {
                "@context": "https://schema.org",
                "@type": "MedicalWebPage",
                "name": getattr(item, "title", None) or item.name,
                "description": getattr(item, "summary", None) or item.feels_like,
                "url": base + address,
                "inLanguage": language,
                "about": [
                    {"@type": "MedicalSignOrSymptom", "name": site.symptoms[s].name} for s in topics
                ],
                "audience": {"@type": "PeopleAudience", "audienceType": "Patients"},
                **_review(review),
                "citation": [
                    {
                        "@type": "CreativeWork",
                        "name": site.references[r].title,
                        "publisher": site.references[r].publisher,
                        "url": site.references[r].url,
                    }
                    for r in ref_ids
                ],
            }
    return pages


def write(out: Path, site: Site, docs: Path, base: str, language: str) -> list[Path]:
    """Write the open data into ``out/data/``; return the files written."""
    folder = out / FOLDER
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
    for address, description in item_pages(site, docs, base, language).items():
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
        folder / "datapackage.json",
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
    config = mkdocs_config()
    written = write(
        out, site_data(), Path(config.docs_dir), site_url(), str(config.theme["language"])
    )
    print(f"open data: {len(written)} files in {out / FOLDER}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
