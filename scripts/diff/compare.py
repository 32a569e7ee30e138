"""Comparing two built sites: the pages changed, added and removed, the PDFs (pdfs.py)
and the search terms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from macros import record

from .changes import PageChange, SiteDiff
from .pages import REVIEW_FACTS, PageView, html_pages, page_url, read_page
from .pdfs import compare_pdfs
from .words import block_changes


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
