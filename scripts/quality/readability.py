"""Readability report: words, sentences and Flesch–Kincaid grade per page (textstat
0.7.8), the grade of each article's summary and key points, and glossary coverage of the
medical words each page uses.

    python -m scripts.quality.readability   # build/reports/readability.{json,txt}

Limits: summary and key points at grade 8 or below, article body at grade 10 or below.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import textstat

from macros import record
from macros.reading import NOT_PROSE, TABLES, join, words
from scripts import config
from scripts.quality.common import REPORTS, ROOT, site_dir, write_report
from scripts.quality.html_reader import APPARATUS, HEADINGS, MainText, sentences

SUMMARY_MAX = 8.0
BODY_MAX = 10.0
MEDICAL_TERMS = ROOT / "tests" / "quality" / "medical-terms.txt"
#: What the reading grade leaves out: what is never prose, and tables, navigation and
#: citation apparatus, and headings (the shared reader's lists).
SKIP = join(NOT_PROSE, TABLES, APPARATUS, HEADINGS)

textstat.set_lang("en_US")


def measure(text: str) -> dict[str, Any]:
    if not text.strip():
        return {"words": 0, "sentences": 0, "grade": None}
    return {
        "words": words(text),
        "sentences": textstat.sentence_count(text),
        "grade": round(float(textstat.flesch_kincaid_grade(text)), 1),
    }


def body(page: MainText) -> dict[str, Any]:
    """Words, sentences and grade of a page's prose."""
    return measure(sentences(page.blocks(SKIP)))


def load_glossary() -> dict[str, set[str]]:
    """Glossary id -> every form (term and aliases), casefolded."""
    glossary = config.site_data().glossary
    return {i: {f.casefold() for f in [t.term, *t.aliases]} for i, t in glossary.items()}


def load_medical_terms(path: Path = MEDICAL_TERMS) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def glossary_gaps(page: MainText, terms: list[str], glossary: dict[str, set[str]]) -> list[str]:
    """Medical words used on the page without a glossary entry or without a definition.

    A word inside an <abbr title> counts as defined there; a word used elsewhere in the
    prose needs a tooltip for it (any of its glossary forms) somewhere on the page.
    """
    full = " ".join(page.blocks(SKIP))
    abbrs: set[Element] = page.skipped("abbr[title]")
    bare = " ".join(page.blocks(SKIP, extra=abbrs))
    defined = page.abbr_titles()
    gaps: list[str] = []
    for term in terms:
        pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.I)
        if not pattern.search(full):
            continue
        forms = next((f for f in glossary.values() if term.casefold() in f), None)
        found = pattern.search(bare)
        where = f" (…{bare[max(0, found.start() - 40) : found.end() + 20]}…)" if found else ""
        if forms is None:
            gaps.append(f"'{term}' is not in data/glossary.yml{where}")
        elif found and not any(f in defined for f in forms):
            gaps.append(f"'{term}' has no glossary tooltip on this page{where}")
    return gaps


def is_article(entry: dict[str, Any]) -> bool:
    return bool(entry.get("kind") == "article")


def check_site(site: Path) -> dict[str, Any]:
    """Each page's figures, and for each article (by the build record) its summary's and
    key points' too."""
    terms = load_medical_terms()
    glossary = load_glossary()
    kinds = record.page_kinds(site)
    pages: dict[str, Any] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        page = MainText.read(path)
        if page.content is None:
            continue
        entry: dict[str, Any] = {"kind": kinds.get(rel, "page"), "body": body(page)}
        if is_article(entry):
            entry["summary"] = measure(sentences(page.select(".b12-summary p", SKIP)))
            entry["key_points"] = measure(sentences(page.select(".b12-key-points > li", SKIP)))
        if rel != "help/glossary/index.html":
            entry["glossary_gaps"] = glossary_gaps(page, terms, glossary)
        pages[rel] = entry
    return {
        "limits": {"summary_and_key_points": SUMMARY_MAX, "article_body": BODY_MAX},
        "pages": pages,
    }


def failures(report: dict[str, Any]) -> list[str]:
    out: list[str] = []
    articles = [rel for rel, entry in report["pages"].items() if is_article(entry)]
    if not articles:
        out.append("no article pages found (by the build record)")
    for rel, entry in report["pages"].items():
        if is_article(entry):
            for part, limit in (
                ("summary", SUMMARY_MAX),
                ("key_points", SUMMARY_MAX),
                ("body", BODY_MAX),
            ):
                grade = entry[part]["grade"]
                if grade is None:
                    out.append(f"{rel}: no {part.replace('_', ' ')} text found")
                elif grade > limit:
                    out.append(f"{rel}: {part.replace('_', ' ')} grade {grade} > {limit}")
        out.extend(f"{rel}: {gap}" for gap in entry.get("glossary_gaps", []))
    return out


def table(report: dict[str, Any]) -> str:
    rows = ["page                                           words  sent.  grade  summary  key pts"]
    for rel, e in report["pages"].items():
        b = e["body"]
        s = e.get("summary", {}).get("grade")
        k = e.get("key_points", {}).get("grade")
        rows.append(
            f"{rel:<46} {b['words']:>5} {b['sentences']:>6} {b['grade'] or 0:>6} "
            f"{'' if s is None else s:>8} {'' if k is None else k:>8}"
        )
    return "\n".join(rows)


def main() -> int:
    try:
        report = check_site(site_dir())
    except record.RecordMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    write_report("readability", report)
    problems = failures(report)
    text = table(report) + "\n\n" + ("\n".join(problems) or "no readability problems") + "\n"
    (REPORTS / "readability.txt").write_text(text, encoding="utf-8")
    print(text)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
