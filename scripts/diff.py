"""What readers will see change between two versions of the site, page by page.

Builds the site at BASE (a git ref, in a temporary ``git worktree``) and at the working
tree, then compares what a reader sees: the text of each page's main content (the
``<article>``, read by the shared HTML reader, scripts/quality/html_reader.py) and its
reading grade; from the two builds' records (scripts/record.py), its reading time and
words, the sources it cites and its review; the pages added and removed, the PDFs in
``pdf/`` and the search terms. Page chrome outside the article (navigation, footer,
sitemap dates) is never compared.

    python -m scripts.diff [--base REF] [--pdfs] [--report FILE] [--preview DIR]

BASE defaults to the merge base of HEAD with ``main``. With ``--pdfs`` both sides also
make their PDFs (from the PDF cache where their input is unchanged; slow where it is
not) and the PDFs are compared too. The report (Markdown, for a
GitHub job summary) goes to ``build/reports/content-diff.md`` and to standard output;
the changed pages, the files they load and the changed PDFs go to
``build/diff/preview/``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from scripts import engine, record
from scripts.engine import engine_env
from scripts.quality import readability
from scripts.quality.html_reader import HEADINGS, NOT_PROSE, MainText, join, tag

from .passage_diff import CitedPassage, passage_changes, report_lines

ROOT = Path(__file__).resolve().parent.parent
#: How many unchanged words to show either side of a change.
CONTEXT = 8
#: At most this many changes are spelt out per page or PDF; the rest are counted.
MAX_HUNKS = 25

#: What the text comparison leaves out besides what is never prose: the numbered source
#: list (its sources are compared from the build record, by title).
NOT_COMPARED = join(NOT_PROSE, ".b12-refs")
CITE = ".b12-cite"
# A citation inside block text: the reference it points at, between these marks.
CITE_OPEN, CITE_CLOSE = "\u27e6", "\u27e7"
_TOKEN = re.compile(rf"{CITE_OPEN}[^{CITE_CLOSE}]*{CITE_CLOSE}|[^\s{CITE_OPEN}]+")
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


class DiffError(Exception):
    """The comparison could not be made; the message says why."""


# Reading a built page: its text through the shared HTML reader, the rest from the
# build record.


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


# Comparing two pages.


def tokens(text: str) -> list[str]:
    """Words (with their punctuation) and citations, in order."""
    return _TOKEN.findall(text)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str) -> str:
    """Text that GitHub Markdown shows as written."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def show(token: str, numbers: dict[str, int]) -> str:
    """A token as the reader sees it: a citation by its number on the new page."""
    if token.startswith(CITE_OPEN):
        ref = token[1:-1]
        return f"[{numbers[ref]}]" if ref in numbers else f"[source: {md_escape(ref)}]"
    return md_escape(token)


def _run(words: Sequence[str], numbers: dict[str, int], mark: str = "") -> str:
    text = " ".join(show(w, numbers) for w in words)
    return f"{mark}{text}{mark}" if mark and text else text


def word_diff(old: str, new: str, numbers: dict[str, int]) -> list[str]:
    """The changes between two texts, each with a few unchanged words either side:
    removed words as ``~~removed~~``, added words as ``**added**``."""
    a, b = tokens(old), tokens(new)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    hunks: list[str] = []
    parts: list[str] = []
    for index, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            same = a[i1:i2]
            first, last = index == 0, index == len(ops) - 1
            if not first and not last and len(same) <= 2 * CONTEXT:
                parts.append(_run(same, numbers))
                continue
            if not first:
                parts.append(_run(same[:CONTEXT], numbers) + (" …" if len(same) > CONTEXT else ""))
                hunks.append(" ".join(p for p in parts if p))
                parts = []
            if not last:
                parts.append(("… " if len(same) > CONTEXT else "") + _run(same[-CONTEXT:], numbers))
            continue
        parts.append(_run(a[i1:i2], numbers, "~~"))
        parts.append(_run(b[j1:j2], numbers, "**"))
    if parts:
        hunks.append(" ".join(p for p in parts if p))
    return hunks


def long_text_diff(old: str, new: str) -> list[str]:
    """The changes between two long texts (a PDF's): line by line first, then word by
    word within each changed run of lines and the line either side of it."""
    a = [line for line in old.splitlines() if line.strip()]
    b = [line for line in new.splitlines() if line.strip()]
    hunks: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            before = " ".join(a[max(i1 - 1, 0) : i2 + 1])
            after = " ".join(b[max(j1 - 1, 0) : j2 + 1])
            hunks += word_diff(before, after, {})
    return hunks


def _similar(a: Block, b: Block) -> bool:
    return difflib.SequenceMatcher(None, tokens(a.text), tokens(b.text)).ratio() >= 0.4


def block_changes(
    old: list[Block], new: list[Block], numbers: dict[str, int]
) -> list[tuple[str, str]]:
    """(section, change) for every block that changed, was added or was removed."""
    changes: list[tuple[str, str]] = []
    a_text, b_text = [b.text for b in old], [b.text for b in new]
    matcher = difflib.SequenceMatcher(None, a_text, b_text, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        came, next_new = new[j1:j2], 0
        for before in old[i1:i2]:
            match = next((k for k in range(next_new, len(came)) if _similar(before, came[k])), None)
            if match is None:  # removed, or rewritten beyond recognition
                changes.append((before.section, _run(tokens(before.text), numbers, "~~")))
                continue
            changes += [
                (b.section, _run(tokens(b.text), numbers, "**")) for b in came[next_new:match]
            ]
            after = came[match]
            changes += [(after.section, h) for h in word_diff(before.text, after.text, numbers)]
            next_new = match + 1
        changes += [(b.section, _run(tokens(b.text), numbers, "**")) for b in came[next_new:]]
    return changes


@dataclass
class PageChange:
    """How one page changed for a reader."""

    url: str
    title: str
    changes: list[tuple[str, str]]
    cites_added: list[str]
    cites_removed: list[str]
    review: list[tuple[str, str, str]]  # what, before, after
    reading_time: tuple[int | None, int | None]
    grade: tuple[float | None, float | None] = (None, None)
    words: tuple[int, int] = (0, 0)


def compare_pages(old: PageView, new: PageView) -> PageChange | None:
    """The reader-facing change from ``old`` to ``new``, or None if they read the same."""
    numbers = {ref: n for n, ref in enumerate(new.references, start=1)}
    review = [
        (k, old.review.get(k, "—"), new.review.get(k, "—"))
        for k in REVIEW_FACTS.values()
        if old.review.get(k) != new.review.get(k)
    ]
    change = PageChange(
        url=new.url,
        title=new.title,
        changes=block_changes(old.blocks, new.blocks, numbers),
        cites_added=[r for r in new.references if r not in old.references],
        cites_removed=[r for r in old.references if r not in new.references],
        review=review,
        reading_time=(old.minutes, new.minutes),
        grade=(old.grade, new.grade),
        words=(old.words, new.words),
    )
    if change.changes or change.cites_added or change.cites_removed or change.review:
        return change
    return None


# Comparing two built sites.


@dataclass
class PdfChange:
    """A PDF whose text or page count changed."""

    name: str
    pages: tuple[int, int]
    changes: list[str]


@dataclass
class SiteDiff:
    """Everything a reader would see change between two built sites."""

    compared: int = 0
    changed: list[PageChange] = field(default_factory=list)
    added: list[PageView] = field(default_factory=list)
    removed: list[PageView] = field(default_factory=list)
    pdfs_changed: list[PdfChange] = field(default_factory=list)
    pdfs_added: list[str] = field(default_factory=list)
    pdfs_removed: list[str] = field(default_factory=list)
    terms_added: dict[str, list[str]] = field(default_factory=dict)
    terms_removed: dict[str, list[str]] = field(default_factory=dict)
    passages: list[CitedPassage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not (
            self.changed
            or self.added
            or self.removed
            or self.pdfs_changed
            or self.pdfs_added
            or self.pdfs_removed
            or self.terms_added
            or self.terms_removed
            or self.passages
        )


def _records(old_site: Path, new_site: Path, diff: SiteDiff) -> list[dict[str, Any]]:
    """Each side's build record by page address; a side built without one (a commit from
    before the record) is compared by its text alone, and the report says so."""
    pages: list[dict[str, Any]] = []
    for site, side in ((old_site, "BASE"), (new_site, "the working tree")):
        try:
            built = record.read(site)
        except record.RecordMissing as exc:
            diff.notes.append(
                f"{side}: {exc}; its reading times, citations and review are not compared"
            )
            pages.append({})
            continue
        pages.append({"/" + p.url: p for p in built.pages})
    return pages


def compare_pages_of(old_site: Path, new_site: Path, diff: SiteDiff) -> None:
    """Fill ``diff`` with the pages changed, added and removed."""
    old_pages, new_pages = html_pages(old_site), html_pages(new_site)
    old_record, new_record = _records(old_site, new_site, diff)
    if not old_record or not new_record:  # compare like with like
        old_record = new_record = {}
    for rel in sorted(set(old_pages) | set(new_pages), key=page_url):
        url = page_url(rel)
        before, after = old_record.get(url), new_record.get(url)
        if rel in old_pages and rel in new_pages:
            if old_pages[rel].read_bytes() == new_pages[rel].read_bytes() and before == after:
                diff.compared += 1
                continue
            old, new = read_page(old_pages[rel], url, before), read_page(new_pages[rel], url, after)
            if old is not None and new is not None:
                diff.compared += 1
                if change := compare_pages(old, new):
                    diff.changed.append(change)
                continue
        if rel in new_pages and (view := read_page(new_pages[rel], url, after)):
            diff.added.append(view)
        elif rel in old_pages and (view := read_page(old_pages[rel], url, before)):
            diff.removed.append(view)


def search_terms(site: Path) -> dict[str, set[str]]:
    """The terms search weighs above all others (the index's ``tags``): term -> pages."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return {}
    terms: dict[str, set[str]] = {}
    for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
        page = "/" + str(doc.get("location", "")).split("#", 1)[0]
        for term in doc.get("tags", []):
            name = term if isinstance(term, str) else str(term.get("name", ""))
            terms.setdefault(name, set()).add(page)
    return terms


def pdf_text(path: Path) -> tuple[int, str]:
    """A PDF's page count and its text (poppler's pdfinfo and pdftotext)."""
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        raise DiffError("pdftotext and pdfinfo (poppler-utils) are needed to compare PDFs")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=False
    )
    pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    if info.returncode or text.returncode or pages is None:
        raise DiffError(f"{path}: not a readable PDF: {(info.stderr or text.stderr).strip()}")
    return int(pages.group(1)), text.stdout


def compare_pdfs(old_site: Path, new_site: Path, diff: SiteDiff) -> None:
    """Fill ``diff`` with the PDFs in pdf/ added, removed, or whose text or pages changed."""
    old = {p.name: p for p in sorted((old_site / "pdf").glob("*.pdf"))}
    new = {p.name: p for p in sorted((new_site / "pdf").glob("*.pdf"))}
    diff.pdfs_added = sorted(set(new) - set(old))
    diff.pdfs_removed = sorted(set(old) - set(new))
    both = [n for n in sorted(set(old) & set(new)) if old[n].read_bytes() != new[n].read_bytes()]
    with concurrent.futures.ThreadPoolExecutor() as pool:  # pdftotext runs in parallel
        texts = list(pool.map(pdf_text, [old[n] for n in both] + [new[n] for n in both]))
    for name, (pages_a, text_a), (pages_b, text_b) in zip(
        both, texts[: len(both)], texts[len(both) :], strict=True
    ):
        if pages_a != pages_b or tokens(text_a) != tokens(text_b):
            hunks = long_text_diff(text_a, text_b)
            diff.pdfs_changed.append(PdfChange(name, (pages_a, pages_b), hunks))


def compare_sites(old_site: Path, new_site: Path, pdfs: bool = True) -> SiteDiff:
    """What a reader would see change from ``old_site`` to ``new_site``."""
    diff = SiteDiff()
    compare_pages_of(old_site, new_site, diff)
    if pdfs:
        compare_pdfs(old_site, new_site, diff)
    old_terms, new_terms = search_terms(old_site), search_terms(new_site)
    added = sorted(set(new_terms) - set(old_terms), key=str.casefold)
    removed = sorted(set(old_terms) - set(new_terms), key=str.casefold)
    diff.terms_added = {t: sorted(new_terms[t]) for t in added}
    diff.terms_removed = {t: sorted(old_terms[t]) for t in removed}
    return diff


# The report.


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _group(noun: str, counts: Sequence[tuple[int, str]]) -> str:
    """ "2 citations added, 1 removed": the noun goes with the first count that is not 0."""
    parts = [(n, verb) for n, verb in counts if n]
    return ", ".join(
        f"{_count(n, noun) if k == 0 else n} {verb}" for k, (n, verb) in enumerate(parts)
    )


def summary_line(diff: SiteDiff) -> str:
    """One line: how many pages, citations, PDFs and search terms changed."""
    cites = [(sum(len(c.cites_added) for c in diff.changed), "added")]
    cites.append((sum(len(c.cites_removed) for c in diff.changed), "removed"))
    groups = [
        _group(
            "page",
            [
                (len(diff.changed), "changed"),
                (len(diff.added), "added"),
                (len(diff.removed), "removed"),
            ],
        ),
        _group("citation", cites),
        _group(
            "PDF",
            [
                (len(diff.pdfs_changed), "changed"),
                (len(diff.pdfs_added), "added"),
                (len(diff.pdfs_removed), "removed"),
            ],
        ),
        _group(
            "search term", [(len(diff.terms_added), "added"), (len(diff.terms_removed), "removed")]
        ),
    ]
    text = "; ".join(g for g in groups if g)
    return text or f"no change a reader would see ({_count(diff.compared, 'page')} compared)"


def _before_after(label: str, pair: tuple[object, object], unit: str = "") -> str:
    a, b = ("—" if v is None else f"{v:,}" if isinstance(v, int) else str(v) for v in pair)
    return f"{label} {a}{unit}" if a == b else f"{label} {a} → {b}{unit}"


def page_section(change: PageChange) -> list[str]:
    """The report's section for one changed page."""
    title = f" — {md_escape(change.title)}" if change.title else ""
    facts = [
        _before_after("reading grade", change.grade),
        _before_after("reading time", change.reading_time, " min"),
        _before_after("words", change.words),
    ]
    lines = [f"### `{change.url}`{title}", "", " · ".join(facts).capitalize(), ""]
    for section, hunk in change.changes[:MAX_HUNKS]:
        where = f"_{md_escape(section)}_: " if section else ""
        lines.append(f"- {where}{hunk}")
    if len(change.changes) > MAX_HUNKS:
        lines.append(f"- … and {len(change.changes) - MAX_HUNKS} more changes on this page")
    if change.changes:
        lines.append("")
    for label, refs, mark in (
        ("Citations added", change.cites_added, "**"),
        ("Citations removed", change.cites_removed, "~~"),
    ):
        if refs:
            lines += [f"{label}:", "", *(f"- {mark}{md_escape(r)}{mark}" for r in refs), ""]
    if change.review:
        lines += ["Review:", ""]
        lines += [
            f"- {what}: ~~{md_escape(a)}~~ → **{md_escape(b)}**" for what, a, b in change.review
        ]
        lines.append("")
    return lines


def pdf_facts(pdf: PdfChange) -> str:
    """ "6 → 7 pages; 3 changes in its text"."""
    pages = _before_after("", pdf.pages, " pages").strip()
    return f"{pages}; {_count(len(pdf.changes), 'change')} in its text"


def report(diff: SiteDiff, against: str) -> str:
    """The whole report, in GitHub Markdown: a summary line first, then page by page."""
    lines = [f"**What readers will see change** (against {against}): {summary_line(diff)}.", ""]
    if diff.notes:
        lines += [*(f"> {md_escape(n)}" for n in diff.notes), ""]
    for change in diff.changed:
        lines += page_section(change)
    for label, views in (("Pages added", diff.added), ("Pages removed", diff.removed)):
        if views:
            lines += [f"### {label}", ""]
            lines += [f"- `{v.url}` — {md_escape(v.title)}" for v in views]
            lines.append("")
    if diff.pdfs_changed or diff.pdfs_added or diff.pdfs_removed:
        lines += ["### PDFs", ""]
        lines += [f"- `pdf/{n}`: added" for n in diff.pdfs_added]
        lines += [f"- `pdf/{n}`: removed" for n in diff.pdfs_removed]
        lines += [f"- `pdf/{p.name}`: {pdf_facts(p)}" for p in diff.pdfs_changed]
        lines.append("")
        for pdf in diff.pdfs_changed:
            if pdf.changes:
                lines += [f"<details><summary>Text changes in pdf/{pdf.name}</summary>", ""]
                lines += [f"- {hunk}" for hunk in pdf.changes[:MAX_HUNKS]]
                if len(pdf.changes) > MAX_HUNKS:
                    lines.append(f"- … and {len(pdf.changes) - MAX_HUNKS} more changes")
                lines += ["", "</details>", ""]
    lines += report_lines(diff.passages)
    if diff.terms_added or diff.terms_removed:
        lines += ["### Search terms", ""]
        for terms, mark, verb in (
            (diff.terms_added, "**", "added"),
            (diff.terms_removed, "~~", "removed"),
        ):
            for term, urls in terms.items():
                where = ", ".join(f"`{u}`" for u in urls)
                lines.append(f"- {mark}{md_escape(term)}{mark} ({verb}; {where})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# The preview: only the changed pages, the files they load, and the changed PDFs.

_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")#?:]+)")


def _loads(page: Path) -> list[str]:
    """The local files a page names in its ``href`` and ``src`` attributes (read by the
    shared HTML reader), without their query or fragment."""
    refs = []
    for wrapper in MainText.read(page).doc.query_all("[href], [src]"):
        for name in ("href", "src"):
            value = re.split(r"[#?]", wrapper.etree_element.get(name) or "", maxsplit=1)[0]
            if value and ":" not in value:
                refs.append(value)
    return refs


def _needed(page: Path, site: Path) -> set[Path]:
    """The files of ``site`` a page loads: stylesheets, scripts, images, fonts (and the
    files its stylesheets load)."""
    found: set[Path] = set()
    todo = [(page, ref) for ref in _loads(page)]
    while todo:
        path, ref = todo.pop()
        target = (path.parent / ref).resolve()
        if target.suffix == ".html" or not target.is_file() or target in found:
            continue
        if not target.is_relative_to(site.resolve()):
            continue
        found.add(target)
        if target.suffix == ".css":
            css = target.read_text(encoding="utf-8", errors="replace")
            todo += [(target, url) for url in _CSS_URL.findall(css)]
    return found


def write_preview(diff: SiteDiff, site: Path, dest: Path) -> int:
    """Copy the changed and added pages with what they load, and the changed PDFs, into
    ``dest`` with an index of them; return how many files it holds (0: nothing changed)."""
    shutil.rmtree(dest, ignore_errors=True)
    if diff.empty():
        return 0
    pages = html_pages(site)
    by_url = {page_url(rel): rel for rel in pages}
    files: set[Path] = set()
    urls = [c.url for c in diff.changed] + [v.url for v in diff.added]
    for url in urls:
        page = pages[by_url[url]].resolve()
        files |= {page, *_needed(page, site)}
    pdfs = [p.name for p in diff.pdfs_changed] + diff.pdfs_added
    files |= {(site / "pdf" / name).resolve() for name in pdfs}
    root = site.resolve()
    for path in files:
        target = dest / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    links = [
        f'<li><a href="{html.escape(by_url[url])}">{html.escape(url)}</a></li>' for url in urls
    ] + [f'<li><a href="pdf/{html.escape(n)}">pdf/{html.escape(n)}</a></li>' for n in pdfs]
    (dest / "changed-pages.html").write_text(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Changed pages</title>'
        f"<h1>Changed pages</h1><p>{html.escape(summary_line(diff))}.</p>"
        f"<ul>{''.join(links)}</ul></html>\n",
        encoding="utf-8",
    )
    return len(files) + 1


# Building both versions.


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo``; a failure becomes a DiffError with git's own message."""
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)
    if result.returncode:
        raise DiffError(f"git {' '.join(args)}: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout.strip()


def resolve_base(repo: Path, ref: str | None) -> tuple[str, str]:
    """The commit to compare with, and how to name it: REF, or the merge base with main."""
    if ref:
        return git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"), f"`{ref}`"
    for main in ("main", "origin/main"):
        try:
            return git(repo, "merge-base", "HEAD", main), f"the merge base with `{main}`"
        except DiffError:
            continue
    raise DiffError("no branch main or origin/main to compare with: give BASE=<git ref>")


@contextmanager
def worktree(repo: Path, commit: str) -> Iterator[Path]:
    """A temporary checkout of ``commit`` (``git worktree``), removed afterwards."""
    where = Path(tempfile.mkdtemp(prefix="b12-diff-base-"))
    git(repo, "worktree", "add", "--detach", "--quiet", str(where), commit)
    try:
        yield where
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(where)],
            cwd=repo,
            capture_output=True,
            check=False,
        )
        shutil.rmtree(where, ignore_errors=True)
        subprocess.run(["git", "worktree", "prune"], cwd=repo, capture_output=True, check=False)


def share_pdf_cache(repo: Path, base_tree: Path) -> None:
    """Give the base checkout a PDF cache of its own that lasts between runs, started
    from the working tree's: PDFs the change leaves alone are not rendered again."""
    kept = repo / "build" / "diff" / "pdf-cache-base"
    kept.mkdir(parents=True, exist_ok=True)
    ours = repo / "build" / "pdf-cache"
    for entry in sorted(ours.glob("*")) if ours.is_dir() else []:
        if entry.is_file() and not (kept / entry.name).exists():
            shutil.copyfile(entry, kept / entry.name)
    (base_tree / "build").mkdir(exist_ok=True)
    (base_tree / "build" / "pdf-cache").symlink_to(kept, target_is_directory=True)


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def build(tree: Path, out: Path, pdfs: bool, label: str) -> str | None:
    """Build the site of ``tree`` into ``out`` as `make site` does (MkDocs, strict; then
    the PDFs if asked and the tree makes them). Returns why the PDFs are missing, if so."""
    shutil.rmtree(out, ignore_errors=True)
    env = engine_env()
    result = engine.build(tree, out)
    if result.returncode:
        output = _tail(result.stdout + result.stderr)
        raise DiffError(f"the site at {label} does not build (mkdocs build --strict):\n{output}")
    if not pdfs:
        return None
    if not (tree / "scripts" / "pdf.py").is_file():
        return f"{label} makes no PDFs (no scripts/pdf.py)"
    command = [sys.executable, "-m", "scripts.pdf", str(out)]
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    if result.returncode:
        return f"the PDFs at {label} were not made: {_tail(result.stderr or result.stdout, 5)}"
    return None


def build_both(repo: Path, base_tree: Path, work: Path, pdfs: bool, base: str) -> list[str]:
    """Build BASE and the working tree side by side; return notes on missing PDFs. Raise
    one DiffError naming every side that does not build."""
    if pdfs:
        share_pdf_cache(repo, base_tree)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        sides = [
            pool.submit(build, base_tree, work / "base", pdfs, base),
            pool.submit(build, repo, work / "head", pdfs, "the working tree"),
        ]
        notes: list[str] = []
        errors: list[str] = []
        for side in sides:
            try:
                notes += [note] if (note := side.result()) else []
            except DiffError as exc:
                errors.append(str(exc))
    if errors:
        raise DiffError("\n\n".join(errors))
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--base", default=None, help="git ref (default: merge base with main)")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the repository (default: this)")
    parser.add_argument("--pdfs", action="store_true", help="also make and compare the PDFs")
    parser.add_argument("--report", type=Path, default=None, help="default: build/reports/")
    parser.add_argument("--preview", type=Path, default=None, help="default: build/diff/preview")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    work = repo / "build" / "diff"
    report_path = args.report or repo / "build" / "reports" / "content-diff.md"
    preview = args.preview or work / "preview"
    started = time.perf_counter()
    report_path.unlink(missing_ok=True)  # never a stale report beside a failed run
    shutil.rmtree(preview, ignore_errors=True)
    try:
        commit, name = resolve_base(repo, args.base)
        against = f"{name}, {commit[:10]}"
        with worktree(repo, commit) as base_tree:
            notes = build_both(repo, base_tree, work, args.pdfs, f"BASE ({against})")
            passages = passage_changes(base_tree, repo)
        built = time.perf_counter()
        pdfs = args.pdfs and not notes  # both sides made their PDFs
        diff = compare_sites(work / "base", work / "head", pdfs=pdfs)
        diff.passages = passages
    except DiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    skipped = "PDFs not compared" + (":" if args.pdfs else " (make diff PDFS=yes compares them).")
    diff.notes = ([] if pdfs else [skipped, *notes]) + diff.notes
    text = report(diff, against)
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(text, encoding="utf-8")
    files = write_preview(diff, work / "head", preview)
    if files:
        shutil.copyfile(report_path, preview / report_path.name)
    print(text)
    done = time.perf_counter()
    print(
        f"report: {report_path}; preview: {files} files in {preview}; "
        f"built in {built - started:.1f} s, compared in {done - built:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
