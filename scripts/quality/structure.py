"""Structured data and document structure of the built site.

- every article: JSON-LD parses and has a MedicalWebPage with name, description,
  lastReviewed, inLanguage and publisher;
- every page showing FAQ items: a FAQPage with every visible question and its answer;
- every page: canonical URL under site_url, Open Graph title and description, one h1
  and no skipped heading level;
- sitemap.xml lists every page; robots.txt allows crawling and names the sitemap.

    python -m scripts.quality.structure    # build/reports/structure.json
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import cssselect2

from macros import record
from scripts import config
from scripts.quality.common import site_dir, write_report
from scripts.quality.html_reader import MainText, text_of

ARTICLE_FIELDS = ("name", "description", "lastReviewed", "inLanguage", "publisher")


def _text(wrapper: cssselect2.ElementWrapper) -> str:
    return text_of(wrapper.etree_element)


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type", [])
    return set(kind if isinstance(kind, list) else [kind])


def heading_problems(doc: cssselect2.ElementWrapper) -> list[str]:
    """One h1; going down, each heading is at most one level below the one before."""
    problems: list[str] = []
    levels = [
        (int(w.etree_element.tag[-1]), _text(w)) for w in doc.query_all("h1, h2, h3, h4, h5, h6")
    ]
    if sum(1 for level, _ in levels if level == 1) != 1:
        problems.append(f"{sum(1 for lv, _ in levels if lv == 1)} h1 headings (want 1)")
    previous = 0
    for level, text in levels:
        if previous and level > previous + 1:
            problems.append(f"heading level skipped: h{previous} then h{level} '{text[:50]}'")
        previous = level
    return problems


def check_page(path: Path, rel: str, site_url: str, kind: str = "page") -> dict[str, Any]:
    doc = MainText.read(path).doc
    problems: list[str] = []
    blocks: list[dict[str, Any]] = []
    for w in doc.query_all('script[type="application/ld+json"]'):
        try:
            data = json.loads(w.etree_element.text or "")
        except json.JSONDecodeError as exc:
            problems.append(f"JSON-LD does not parse: {exc}")
            continue
        blocks.extend(data if isinstance(data, list) else [data])
    if kind == "article":
        pages = [b for b in blocks if "MedicalWebPage" in _types(b)]
        if not pages:
            problems.append("no MedicalWebPage JSON-LD")
        for b in pages:
            missing = [f for f in ARTICLE_FIELDS if not b.get(f)]
            if missing:
                problems.append(f"MedicalWebPage lacks {', '.join(missing)}")
    questions = {_text(w) for w in doc.query_all(".b12-faq__item summary")}
    if questions:
        faq = [b for b in blocks if "FAQPage" in _types(b)]
        if not faq:
            problems.append(f"{len(questions)} FAQ items shown but no FAQPage JSON-LD")
        entries = [q for b in faq for q in b.get("mainEntity", [])]
        named = {re.sub(r"\s+", " ", str(q.get("name", ""))).strip() for q in entries}
        for q in sorted(questions - named):
            problems.append(f"FAQ question missing from FAQPage: '{q}'")
        for q in entries:
            if not (q.get("acceptedAnswer") or {}).get("text"):
                problems.append(f"FAQPage question without an answer: '{q.get('name')}'")
    canonical = [w.etree_element.get("href") or "" for w in doc.query_all('link[rel="canonical"]')]
    if rel != "404.html":
        expected = site_url + re.sub(r"(^|/)index\.html$", r"\1", rel)
        if canonical != [expected]:
            problems.append(f"canonical {canonical} (want ['{expected}'])")
    for prop in ("og:title", "og:description"):
        values = [
            w.etree_element.get("content") or "" for w in doc.query_all(f'meta[property="{prop}"]')
        ]
        if len(values) != 1 or not values[0].strip():
            problems.append(f"{prop}: {values}")
    problems.extend(heading_problems(doc))
    return {
        "kind": kind,
        "json_ld_types": sorted({t for b in blocks for t in _types(b)}),
        "faq_questions": len(questions),
        "problems": problems,
    }


def check_site(site: Path, site_url: str | None = None) -> dict[str, Any]:
    site_url = config.site_url() if site_url is None else site_url
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    site_problems: list[str] = []
    try:
        kinds = record.page_kinds(site)  # which pages are articles
    except record.RecordMissing as exc:
        kinds = {}
        site_problems.append(str(exc))
    report: dict[str, Any] = {
        "pages": {
            rel: check_page(p, rel, site_url, kinds.get(rel, "page")) for rel, p in pages.items()
        },
        "site": site_problems,
    }
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        site_problems.append("no sitemap.xml")
    else:
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        root = ET.parse(sitemap).getroot()
        locs = {(e.text or "").strip() for e in root.findall("s:url/s:loc", ns)}
        for rel in pages:
            if rel == "404.html":
                continue
            url = site_url + re.sub(r"(^|/)index\.html$", r"\1", rel)
            if url not in locs:
                site_problems.append(f"sitemap.xml does not list {url}")
    robots = site / "robots.txt"
    if not robots.is_file():
        site_problems.append("no robots.txt")
    else:
        text = robots.read_text(encoding="utf-8")
        if f"Sitemap: {site_url}sitemap.xml" not in text:
            site_problems.append(f"robots.txt does not name {site_url}sitemap.xml")
        if re.search(r"^Disallow:\s*/\s*$", text, re.M):
            site_problems.append("robots.txt disallows the whole site")
    return report


def failures(report: dict[str, Any]) -> list[str]:
    return list(report["site"]) + [
        f"{rel}: {p}" for rel, e in report["pages"].items() for p in e["problems"]
    ]


def main() -> int:
    report = check_site(site_dir())
    write_report("structure", report)
    problems = failures(report)
    faq = sum(1 for e in report["pages"].values() if "FAQPage" in e["json_ld_types"])
    print(
        f"structure: {len(problems)} problems over {len(report['pages'])} pages "
        f"({faq} with FAQPage JSON-LD)"
    )
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
