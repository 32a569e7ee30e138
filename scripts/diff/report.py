"""The content diff's report, in GitHub Markdown (for a job summary): a summary line,
then page by page, the PDFs, the passages behind new citations and the search terms."""

from __future__ import annotations

from collections.abc import Sequence

from .changes import PageChange, PdfChange, SiteDiff
from .passages import report_lines
from .words import md_escape

#: At most this many changes are spelt out per page or PDF; the rest are counted.
MAX_HUNKS = 25


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
