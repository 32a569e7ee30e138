"""Comparing the PDFs of two built sites by their text and page count (poppler's
pdfinfo and pdftotext)."""

from __future__ import annotations

import concurrent.futures
import re
import shutil
import subprocess
from pathlib import Path

from .changes import PdfChange, SiteDiff
from .errors import DiffError
from .words import long_text_diff, tokens


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
