"""The version to compare with: the base commit, and a temporary checkout of it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import DiffError


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
