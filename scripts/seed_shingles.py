"""The source articles' runs of eight words, hashed, so that the rule "no run of eight
words copied from the source articles" is tested on any clone.

The source articles (``../shared/seeds`` beside the project, or $B12_SEEDS_DIR) are not
in the repository, and their text is not the project's to publish. What is committed is
``tests/fixtures/seed-shingles.txt``: a header naming each article with the SHA-256 of
its file, then one line per distinct run of ``RUN`` words (as ``words_of`` reads them),
the first 16 hex digits of its BLAKE2b hash, sorted. A run cannot be read back from it.

    python -m scripts.seed_shingles           # write the file from the source articles
    python -m scripts.seed_shingles --check   # exit 1 when it does not match them
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

from scripts.content_stats import RUN, SEEDS, words_of
from scripts.paths import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "seed-shingles.txt"
_HEADER = "# seed "


def run_hash(words: Sequence[str]) -> str:
    """The stored form of one run of words."""
    return hashlib.blake2b(" ".join(words).encode(), digest_size=8).hexdigest()


def run_hashes(text: str, run: int = RUN) -> set[str]:
    """The hash of every run of ``run`` consecutive words of ``text``."""
    words = words_of(text)
    return {run_hash(words[i : i + run]) for i in range(len(words) - run + 1)}


def fixture_text(seeds: Path) -> str:
    """The fixture file as the articles in ``seeds`` make it."""
    files = sorted(seeds.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no source articles (*.txt) in {seeds}")
    lines = [
        f"# Runs of {RUN} words of the source articles, hashed (BLAKE2b, 8 bytes):",
        "# written by `python -m scripts.seed_shingles`; do not edit.",
    ]
    hashes: set[str] = set()
    for path in files:
        lines.append(f"{_HEADER}{path.name} sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")
        hashes |= run_hashes(path.read_text(encoding="utf-8"))
    return "\n".join(lines + sorted(hashes)) + "\n"


def read_fixture(path: Path = FIXTURE) -> tuple[list[str], frozenset[str]]:
    """The article file names the fixture was made from, and its hashes."""
    names, hashes = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(_HEADER):
            names.append(line[len(_HEADER) :].split()[0])
        elif line and not line.startswith("#"):
            hashes.add(line)
    return names, frozenset(hashes)


def shared_runs(text: str, hashes: frozenset[str] | set[str], run: int = RUN) -> list[str]:
    """Each maximal run of ``run`` or more consecutive words of ``text`` whose every run of
    ``run`` words is among ``hashes``."""
    words = words_of(text)
    hits = [i for i in range(len(words) - run + 1) if run_hash(words[i : i + run]) in hashes]
    runs: list[tuple[int, int]] = []
    for i in hits:
        if runs and i <= runs[-1][1] - run + 1:
            runs[-1] = (runs[-1][0], i + run)
        else:
            runs.append((i, i + run))
    return [" ".join(words[start:end]) for start, end in runs]


def stale(seeds: Path = SEEDS, path: Path = FIXTURE) -> str | None:
    """Why the fixture does not match the articles in ``seeds`` (None: it does)."""
    if not path.is_file():
        return f"{path} is missing"
    if path.read_text(encoding="utf-8") != fixture_text(seeds):
        return f"{path} does not match the source articles in {seeds}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="the source articles")
    parser.add_argument("--check", action="store_true", help="fail when the file is stale")
    args = parser.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"error: no source articles at {args.seeds} (set B12_SEEDS_DIR)", file=sys.stderr)
        return 2
    if args.check:
        problem = stale(args.seeds)
        if problem:
            print(f"{problem}: run `python -m scripts.seed_shingles`", file=sys.stderr)
            return 1
        print(f"{FIXTURE.relative_to(ROOT)} matches the source articles")
        return 0
    FIXTURE.write_text(fixture_text(args.seeds), encoding="utf-8")
    names, hashes = read_fixture()
    print(f"wrote {FIXTURE.relative_to(ROOT)}: {len(hashes)} runs from {len(names)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
