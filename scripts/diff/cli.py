"""What readers will see change between two versions of the site, page by page.

Builds the site at BASE (a git ref, in a temporary ``git worktree``) and at the working
tree, then compares what a reader sees: the text of each page's main content (the
``<article>``, read by the shared HTML reader, scripts/quality/html_reader.py) and its
reading grade; from the two builds' records (macros/record.py), its reading time and
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
import shutil
import sys
import time
from pathlib import Path

from scripts.paths import ROOT

from .build import build_both
from .compare import compare_sites
from .errors import DiffError
from .passages import passage_changes
from .preview import write_preview
from .report import report
from .worktree import resolve_base, worktree


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
