"""The articles as a reader meets them: short enough to read, reading time as shown, and
written fresh rather than copied from the source articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.reading import ARTICLE_MAX_WORDS, reading_minutes, word_count
from scripts.content_stats import SEEDS, article_html, seed_texts, shared_runs, words_of

from .conftest import real_data

ARTICLES = list(data.articles) if (data := real_data()) else []
MAX_MINUTES = 9


@pytest.mark.parametrize("slug", ARTICLES)
def test_article_is_short_and_shows_its_reading_time(site_dir: Path, slug: str) -> None:
    page = site_dir / "articles" / slug / "index.html"
    words = word_count(article_html(page))
    assert words <= ARTICLE_MAX_WORDS, f"{slug}: {words} words before its Sources list"
    assert reading_minutes(words) <= MAX_MINUTES
    shown = re.search(r"(\d+) min read", page.read_text(encoding="utf-8"))
    assert shown is not None and int(shown.group(1)) == reading_minutes(words)


def test_word_count_leaves_out_tables_citations_and_the_sources_list() -> None:
    html = (
        '<p>One two three.<sup class="b12-cite"><a>[1]</a></sup></p>'
        "<table><tr><td>four five</td></tr></table>"
        '<h2 id="references">Sources</h2><ol><li>six seven</li></ol>'
    )
    assert word_count(html) == 3
    assert reading_minutes(0) == 1 and reading_minutes(201) == 2


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles (../shared/seeds) are not here")
@pytest.mark.parametrize("slug", ARTICLES)
def test_article_shares_no_run_of_eight_words_with_the_source_articles(
    site_dir: Path, slug: str
) -> None:
    from macros.reading import reader_text

    text = reader_text(article_html(site_dir / "articles" / slug / "index.html"), tables=True)
    assert shared_runs(text, seed_texts()) == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles (../shared/seeds) are not here")
def test_a_copied_run_of_eight_words_is_found_and_seven_are_not() -> None:
    seed = words_of(seed_texts()[0])
    start = len(seed) // 2
    eight, seven = " ".join(seed[start : start + 8]), " ".join(seed[start : start + 7])
    assert shared_runs(f"Our own words. {eight}. More of ours.", seed_texts())
    assert not shared_runs(f"Zebra quilt. {seven} xylophone.", seed_texts())
