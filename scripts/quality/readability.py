"""Readability report: words, sentences and Flesch–Kincaid grade per page (textstat
0.7.8), the grade of each article's summary and key points, and glossary coverage of the
medical words each page uses.

    python -m scripts.quality.readability   # build/reports/readability.{json,txt}

Limits: summary and key points at grade 8 or below, article body at grade 10 or below.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import cssselect2
import textstat
import tinyhtml5

from scripts import config
from scripts.quality.common import REPORTS, ROOT, site_dir, write_report

SUMMARY_MAX = 8.0
BODY_MAX = 10.0
MEDICAL_TERMS = ROOT / "tests" / "quality" / "medical-terms.txt"
CONTENT = "article.md-content__inner"
# Not prose: page chrome, navigation, reference lists, citations, tables.
SKIP = (
    ".b12-page-meta, .b12-article-actions, .b12-toc, .b12-refs, .b12-disclaimer, "
    ".b12-cite, .b12-table-sources, nav, table, .b12-table-scroll, h1, h2, h3, h4, h5, h6, .headerlink, "
    ".b12-sr-only, .b12-summary__title, script, style, .md-source-file"
)
BLOCKS = "p, li, dd, dt, summary, blockquote, figcaption"

textstat.set_lang("en_US")


def _text(el: Element, skipped: set[Element]) -> str:
    """The text of ``el`` without the text of skipped descendants."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        if node in skipped:
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not el and node.tail:
            parts.append(node.tail)

    walk(el)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _sentences(texts: Iterable[str]) -> str:
    """Join blocks so each ends a sentence (list items often have no full stop)."""
    return " ".join(t if t[-1:] in ".!?:" else t + "." for t in texts if t)


def measure(text: str) -> dict[str, Any]:
    if not text.strip():
        return {"words": 0, "sentences": 0, "grade": None}
    return {
        "words": textstat.lexicon_count(text),
        "sentences": textstat.sentence_count(text),
        "grade": round(float(textstat.flesch_kincaid_grade(text)), 1),
    }


class PageText:
    def __init__(self, path: Path) -> None:
        root = tinyhtml5.parse(path.read_text(encoding="utf-8"))
        self.doc = cssselect2.ElementWrapper.from_html_root(root)
        content = next(iter(self.doc.query_all(CONTENT)), None)
        self.content = content
        self.skipped: set[Element] = set()
        if content is not None:
            for wrapper in content.query_all(SKIP):
                self.skipped.add(wrapper.etree_element)
                self.skipped.update(wrapper.etree_element.iter())

    def blocks(
        self, selector: str = BLOCKS, extra_skip: set[Element] | None = None
    ) -> Iterator[str]:
        """Prose blocks in the content; a block holding other blocks gives only its own text."""
        if self.content is None:
            return
        inner = {w.etree_element for w in self.content.query_all(BLOCKS)}
        for wrapper in self.content.query_all(selector):
            el = wrapper.etree_element
            if el in self.skipped:
                continue
            nested = {d for d in el.iter() if d is not el and d in inner}
            text = _text(el, self.skipped | nested | (extra_skip or set()))
            if text:
                yield text

    def select(self, selector: str) -> list[str]:
        if self.content is None:
            return []
        return [
            t
            for w in self.content.query_all(selector)
            if (t := _text(w.etree_element, self.skipped))
        ]

    def abbr_titles(self) -> dict[str, str]:
        """Words given a tooltip definition on the page: text (casefolded) -> title."""
        found: dict[str, str] = {}
        for w in self.doc.query_all("abbr[title]"):
            word = "".join(w.etree_element.itertext()).strip().casefold()
            found.setdefault(word, w.etree_element.get("title") or "")
        return found


def load_glossary() -> dict[str, set[str]]:
    """Glossary id -> every form (term and aliases), casefolded."""
    glossary = config.site_data().glossary
    return {i: {f.casefold() for f in [t.term, *t.aliases]} for i, t in glossary.items()}


def load_medical_terms(path: Path = MEDICAL_TERMS) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def glossary_gaps(page: PageText, terms: list[str], glossary: dict[str, set[str]]) -> list[str]:
    """Medical words used on the page without a glossary entry or without a definition.

    A word inside an <abbr title> counts as defined there; a word used elsewhere in the
    prose needs a tooltip for it (any of its glossary forms) somewhere on the page.
    """
    selector = BLOCKS + ", td, th, caption"
    full = " ".join(page.blocks(selector))
    abbrs = set()
    if page.content is not None:
        abbrs = {e for w in page.content.query_all("abbr[title]") for e in w.etree_element.iter()}
    bare = " ".join(page.blocks(selector, extra_skip=abbrs))
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


def is_article(rel: str) -> bool:
    return rel.startswith("articles/") and rel != "articles/index.html"


def check_site(site: Path) -> dict[str, Any]:
    terms = load_medical_terms()
    glossary = load_glossary()
    pages: dict[str, Any] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        page = PageText(path)
        if page.content is None:
            continue
        entry: dict[str, Any] = {"body": measure(_sentences(page.blocks()))}
        if is_article(rel):
            entry["summary"] = measure(_sentences(page.select(".b12-summary p")))
            entry["key_points"] = measure(_sentences(page.select(".b12-key-points > li")))
        if rel != "help/glossary/index.html":
            entry["glossary_gaps"] = glossary_gaps(page, terms, glossary)
        pages[rel] = entry
    return {
        "limits": {"summary_and_key_points": SUMMARY_MAX, "article_body": BODY_MAX},
        "pages": pages,
    }


def failures(report: dict[str, Any]) -> list[str]:
    out: list[str] = []
    articles = [rel for rel in report["pages"] if is_article(rel)]
    if not articles:
        out.append("no article pages found under articles/")
    for rel, entry in report["pages"].items():
        if is_article(rel):
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
    report = check_site(site_dir())
    write_report("readability", report)
    problems = failures(report)
    text = table(report) + "\n\n" + ("\n".join(problems) or "no readability problems") + "\n"
    (REPORTS / "readability.txt").write_text(text, encoding="utf-8")
    print(text)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
