"""Length and originality of each article of the built site.

    python -m scripts.content_stats            # table on stdout, build/reports/content-stats.json
    python -m scripts.content_stats --runs     # also list each shared run of words

Per article: words before its Sources list (tables and citation marks excluded) and
reading minutes, the figures behind the reading time shown on the page, from the build
record (macros/record.py); and the runs of ``RUN`` or more words its text (read by the
shared HTML reader, tables included) shares with the source articles in
``../shared/seeds/`` (the site's sentences are written fresh; facts carry over,
sentences do not).
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from macros import record
from macros.reading import ARTICLE_MAX_WORDS, reading_text
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


def article_text(bodies: dict[str, str], page: record.PageRecord) -> str:
    """The text of an article before its Sources list, tables included, from its body as
    the renderer finished it (the build's page bodies)."""
    return reading_text(bodies[page.src_path], tables=True)


def seed_texts(folder: Path = SEEDS) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def measure(site: Path, seeds: list[str]) -> list[ArticleStats]:
    """Each article's figures, in the order of data/articles.yml."""
    built = record.read(site)
    bodies = record.read_bodies(site)
    stats = []
    for slug in site_data().articles:
        page = built.item("article", slug)
        if page is None:
            raise record.RecordMissing(
                f"the build record of {site} has no page for article {slug!r}"
            )
        runs = shared_runs(article_text(bodies, page), seeds)
        stats.append(ArticleStats(slug, page.words, page.minutes, runs))
    return stats


def main(argv: list[str]) -> int:
    try:
        stats = measure(site_dir(), seed_texts())
    except record.RecordMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
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
