"""The articles as a reader meets them: short enough to read, reading time as shown, and
written fresh rather than copied from the source articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import record
from macros.reading import ARTICLE_MAX_WORDS, reading_minutes, reading_text
from scripts.content_stats import article_text
from scripts.quality.html_reader import MainText
from scripts.seed_shingles import fixture_text, read_fixture, run_hashes, shared_runs, stale

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


#: HTML the streaming reader must read as the tree does: raw text holding markup, a
#: skipped element inside one of its own kind, character references, comments, tags
#: that close themselves, markup in attribute values, upper-case names, unquoted values.
TRICKY = {
    '<p>a<script>x = "<script><p>hi</p>"</script>b</p>': "a b",
    '<div class="b12-cite"><div>x</div>y</div>z': "z",
    "<p>caf&eacute; don&#8217;t &amp; a&nbsp;b</p>": "café don’t & a b",
    '<!-- c --><p>x<br/>y<br>z<img src="a>b" alt="q">w</p>': "x y z w",
    '<p hidden>no</p><P CLASS="b12-cite x">n</P>ok': "ok",
    "<span class=b12-cite>n</span>y<h2 id=references>S</h2>after": "y",
    "<style>p{}</style>t<svg><text>icon</text></svg>": "t",
    "<p>a &lt; b and c&lt;d</p>": "a < b and c<d",
    "<script>if (a<b) f()</script>after": "after",
    '<style>a[title="<b"]{}</style><p>styled</p>': "styled",
    "<p>a<img hidden>b</p>": "a b",
    '<div hidden><h2 id="references">S</h2></div><p>a</p><h2 id="references">S</h2><p>b</p>': "a",
}


@pytest.mark.parametrize("html", TRICKY)
def test_the_streaming_reader_reads_as_the_tree_reader(html: str) -> None:
    """The renderer's one-pass reader (every page's count) and the gates' tree reader
    (which checks that count on every built page) agree where HTML is awkward."""
    assert reading_text(html, tables=True) == TRICKY[html]
    assert MainText.fragment(html).reading_text(tables=True) == TRICKY[html]


#: The source articles as committed: their runs of eight words, hashed (no text of theirs).
SEED_NAMES, SEED_RUNS = read_fixture()


@pytest.mark.parametrize("slug", ARTICLES)
def test_article_shares_no_run_of_eight_words_with_the_source_articles(
    site_dir: Path, slug: str
) -> None:
    page = record.read(site_dir).item("article", slug)
    assert page is not None
    assert shared_runs(article_text(record.read_bodies(site_dir), page), SEED_RUNS) == []


def test_the_committed_runs_cover_the_five_source_articles() -> None:
    """The fixture is whole: five articles of 1,100 words or more give thousands of runs
    (an empty or truncated file would let every article pass)."""
    assert len(SEED_NAMES) == 5 and len(SEED_RUNS) > 5000
    assert all(len(h) == 16 and int(h, 16) >= 0 for h in SEED_RUNS)


def test_a_copied_run_of_eight_words_is_found_and_seven_are_not() -> None:
    """Negative control, through the same hashes and word reading as the real check."""
    source = "The quick brown fox, we are told, jumps over the lazy dog at noon every day."
    runs = run_hashes(source)
    copied = "Our own words. The Quick-brown fox we are told jumps over THE lazy. More."
    assert shared_runs(copied, runs) == ["the quick brown fox we are told jumps over the lazy"]
    assert shared_runs("Zebra quilt. The quick brown fox we are told, xylophone jumps.", runs) == []


def test_the_committed_runs_are_rewritten_when_the_articles_change(tmp_path: Path) -> None:
    """The staleness path: the file matches the articles it was made from, and a changed
    article makes it stale."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000.txt").write_text("one two three four five six seven eight nine ten")
    fixture = tmp_path / "runs.txt"
    fixture.write_text(fixture_text(seeds))
    assert stale(seeds, fixture) is None
    assert read_fixture(fixture) == (
        ["000.txt"],
        frozenset(run_hashes("one two three four five six seven eight nine ten")),
    )
    (seeds / "000.txt").write_text("one two three four five six seven eight nine eleven")
    assert "does not match" in (stale(seeds, fixture) or "")
