"""The articles as a reader meets them: short enough to read, reading time as shown, and
written fresh rather than copied from the source articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.reading import ARTICLE_MAX_WORDS, reading_minutes
from scripts import record
from scripts.content_stats import SEEDS, article_text, seed_texts, shared_runs, words_of
from scripts.quality.html_reader import MainText

from .conftest import real_data

ARTICLES = list(data.articles) if (data := real_data()) else []
MAX_MINUTES = 9


@pytest.mark.parametrize("slug", ARTICLES)
def test_article_is_short_and_shows_its_reading_time(site_dir: Path, slug: str) -> None:
    recorded = record.read(site_dir).item("article", slug)
    assert recorded is not None, f"the build record has no page for {slug}"
    page = site_dir / recorded.url / "index.html"
    words = recorded.words
    assert words <= ARTICLE_MAX_WORDS, f"{slug}: {words} words before its Sources list"
    assert recorded.minutes == reading_minutes(words) <= MAX_MINUTES
    # The count in the record is the count of the built article (its chrome left out).
    assert MainText.read(page).reading_words() == words
    shown = re.search(r"(\d+) min read", page.read_text(encoding="utf-8"))
    assert shown is not None and int(shown.group(1)) == recorded.minutes


def test_word_count_leaves_out_tables_citations_chrome_and_the_sources_list() -> None:
    html = (
        '<p class="b12-page-meta"><span>9 min read</span></p>'
        '<p>One two <em>three</em>.<sup class="b12-cite"><a>[1]</a></sup></p>'
        "<table><tr><td>four five</td></tr></table>"
        '<h2 id="references">Sources</h2><ol><li>six seven</li></ol><p>eight</p>'
    )
    assert MainText.fragment(html).reading_words() == 3
    assert MainText.fragment(html).reading_text(tables=True) == "One two three . four five"
    # A page without a Sources list is read to its end.
    assert MainText.fragment("<p>One two</p><h2>More</h2><p>three</p>").reading_words() == 4
    assert reading_minutes(0) == 1 and reading_minutes(201) == 2


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles (../shared/seeds) are not here")
@pytest.mark.parametrize("slug", ARTICLES)
def test_article_shares_no_run_of_eight_words_with_the_source_articles(
    site_dir: Path, slug: str
) -> None:
    page = record.read(site_dir).item("article", slug)
    assert page is not None
    assert shared_runs(article_text(site_dir, page), seed_texts()) == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles (../shared/seeds) are not here")
def test_a_copied_run_of_eight_words_is_found_and_seven_are_not() -> None:
    seed = words_of(seed_texts()[0])
    start = len(seed) // 2
    eight, seven = " ".join(seed[start : start + 8]), " ".join(seed[start : start + 7])
    assert shared_runs(f"Our own words. {eight}. More of ours.", seed_texts())
    assert not shared_runs(f"Zebra quilt. {seven} xylophone.", seed_texts())
