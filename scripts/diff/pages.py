"""Reading a built page for the content diff: its text through the shared HTML reader
(scripts/quality/html_reader.py) and its reading grade; its title, words, reading time,
sources and review from the build record (macros/record.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from macros import record
from macros.reading import NOT_PROSE, join
from scripts.quality import readability
from scripts.quality.html_reader import HEADINGS, MainText, tag

#: What the text comparison leaves out besides what is never prose: the numbered source
#: list (its sources are compared from the build record, by title).
NOT_COMPARED = join(NOT_PROSE, ".b12-refs")
CITE = ".b12-cite"
# A citation inside block text: the reference it points at, between these marks.
CITE_OPEN, CITE_CLOSE = "\u27e6", "\u27e7"
#: The review facts a reader sees (macros/chrome.py ``facts``), as the report names them.
REVIEW_FACTS = {
    "review_label": "Review status",
    "reviewed_text": "Last checked",
    "review_due_text": "Next review due",
    "reviewer": "Reviewed by",
}


def cited_numbers(marker: str) -> list[int]:
    """The source numbers of a citation marker's text: "Sources [1–3, 5]" -> 1, 2, 3, 5."""
    inside = marker[marker.find("[") + 1 : marker.rfind("]")] if "[" in marker else ""
    numbers: list[int] = []
    for first, last in re.findall(r"(\d+)(?:\s*[–-]\s*(\d+))?", inside):
        numbers += range(int(first), int(last or first) + 1)
    return numbers


@dataclass(frozen=True)
class Block:
    """One block of reader-facing text (a paragraph, list item, heading or table cell)."""

    section: str
    text: str


@dataclass
class PageView:
    """What a reader sees of one built page."""

    url: str
    title: str
    blocks: list[Block]
    grade: float | None
    words: int
    #: From the build record; None when the build wrote none (a commit from before it).
    minutes: int | None = None
    references: list[str] = field(default_factory=list)  # in the page's order
    review: dict[str, str] = field(default_factory=dict)


def review_facts(review: dict[str, Any] | None) -> dict[str, str]:
    """The review a page shows, as the report names its parts."""
    out: dict[str, str] = {}
    for key, label in REVIEW_FACTS.items():
        value = (review or {}).get(key)
        if isinstance(value, dict):
            value = ", ".join(str(v) for v in value.values() if v)
        if value:
            out[label] = str(value)
    return out


def _markers(main: MainText, references: list[str]) -> dict[Element, str]:
    """Each citation mark of the page as the sources it names, by title."""
    marks: dict[Element, str] = {}
    if main.content is None:
        return marks
    for wrapper in main.content.query_all(CITE):
        text = " ".join(wrapper.etree_element.itertext())
        titles = [
            references[n - 1] if 0 < n <= len(references) else f"source {n}"
            for n in cited_numbers(text)
        ]
        marks[wrapper.etree_element] = "".join(f" {CITE_OPEN}{t}{CITE_CLOSE}" for t in titles)
    return marks


def read_page(path: Path, url: str, page: record.PageRecord | None) -> PageView | None:
    """Everything a reader sees of a built page, or None if it has no main content."""
    main = MainText.read(path)
    if main.content is None:
        return None
    references = [c.label() for c in page.citations] if page else []
    blocks: list[Block] = []
    section = title = ""
    for el, text in main.items(NOT_COMPARED, replace=_markers(main, references)):
        if tag(el) in HEADINGS:
            section = text
            title = title or (text if tag(el) == "h1" else "")
        blocks.append(Block(section, text))
    measured = readability.body(main)
    return PageView(
        url=url,
        title=page.title if page else title,
        blocks=blocks,
        grade=measured["grade"],
        words=page.words if page else int(measured["words"]),
        minutes=page.minutes if page else None,
        references=references,
        review=review_facts(page.review) if page else {},
    )


def page_url(rel: str) -> str:
    """The address of a built page, as a reader types it after the domain."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def html_pages(site: Path) -> dict[str, Path]:
    """Every HTML page of a built site by its path relative to the site."""
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
