"""Length and originality of each article, measured on the built site.

    python -m scripts.content_stats            # table on stdout, build/reports/content-stats.json
    python -m scripts.content_stats --runs     # also list each shared run of words

Per article: words before its Sources list (tables and citation marks excluded, the
figure behind the reading time shown on the page), reading minutes, and the runs of
``RUN`` or more words it shares with the source articles in ``../shared/seeds/`` (the
site's sentences are written fresh; facts carry over, sentences do not).
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from macros.reading import (
    ARTICLE_MAX_WORDS,
    MAIN_CONTENT,
    reader_text,
    reading_minutes,
    word_count,
)
from scripts.config import site_data
from scripts.quality.common import REPORTS, ROOT, site_dir

#: The source articles: ../shared/seeds beside the project, or $B12_SEEDS_DIR.
SEEDS = Path(os.environ.get("B12_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
RUN = 8
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class ArticleStats:
    slug: str
    words: int
    minutes: int
    shared_runs: list[str]


def words_of(text: str) -> list[str]:
    """Lower-case words, punctuation and case ignored (so a copied phrase is found however
    it was punctuated)."""
    return _WORD.findall(text.lower().replace("\u2019", "'").replace("'", ""))


def shared_runs(text: str, sources: list[str], run: int = RUN) -> list[str]:
    """Each maximal run of ``run`` or more consecutive words of ``text`` that also occurs,
    word for word, in one of ``sources``."""
    grams: set[tuple[str, ...]] = set()
    for source in sources:
        w = words_of(source)
        grams.update(tuple(w[i : i + run]) for i in range(len(w) - run + 1))
    words = words_of(text)
    hits = [i for i in range(len(words) - run + 1) if tuple(words[i : i + run]) in grams]
    runs: list[str] = []
    start = end = -1
    for i in hits:
        if i <= end - run + 1:
            end = i + run
        else:
            if start >= 0:
                runs.append(" ".join(words[start:end]))
            start, end = i, i + run
    if start >= 0:
        runs.append(" ".join(words[start:end]))
    return runs


def article_html(path: Path) -> str:
    """The main content of a built page."""
    match = MAIN_CONTENT.search(path.read_text(encoding="utf-8"))
    return match.group(1) if match else ""


def seed_texts(folder: Path = SEEDS) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def measure(site: Path, seeds: list[str]) -> list[ArticleStats]:
    stats = []
    for slug in site_data().articles:
        html = article_html(site / "articles" / slug / "index.html")
        words = word_count(html)
        text = reader_text(html, tables=True)
        stats.append(ArticleStats(slug, words, reading_minutes(words), shared_runs(text, seeds)))
    return stats


def main(argv: list[str]) -> int:
    stats = measure(site_dir(), seed_texts())
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "content-stats.json").write_text(
        json.dumps([asdict(s) for s in stats], indent=2) + "\n", encoding="utf-8"
    )
    print(f"{'article':<30} {'words':>6} {'min':>4} {'shared 8+ word runs':>20}")
    for s in stats:
        flag = "  over the limit" if s.words > ARTICLE_MAX_WORDS else ""
        print(f"{s.slug:<30} {s.words:>6} {s.minutes:>4} {len(set(s.shared_runs)):>20}{flag}")
        if "--runs" in argv:
            for r in sorted(set(s.shared_runs)):
                print(f"    {r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
