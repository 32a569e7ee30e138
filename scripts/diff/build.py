"""Building both versions of the site side by side, as `make site` does."""

from __future__ import annotations

import concurrent.futures
import shutil
import subprocess
import sys
from pathlib import Path

from scripts import engine
from scripts.engine import engine_env

from .errors import DiffError


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
