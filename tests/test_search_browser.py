"""Browser tests: everyday words typed into the search box find the right page.

Two sets of queries. From the data: each symptom's first lay term must find that
symptom's page first; each food's name, the food sources guide; each example in a risk
group (a condition, an operation, a medicine), the who-is-at-risk guide. From
tests/search_queries.yml: everyday queries (questions, medicine names, UK and US words,
misspellings, symptoms in plain words), written before reading the pages, each with the
page that must be among the first three results. With B12_SEARCH_PLAIN=1 the page runs
Material's search without the query rewriting, for a before/after figure:

    B12_SEARCH_PLAIN=1 python -m pytest tests/test_search_browser.py -k everyday
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from macros.loader import Site
from scripts.quality.common import serve

from .conftest import real_data, results_for, wait_for_the_index

pytestmark = pytest.mark.browser

DATA = real_data()


def plain_name(text: str) -> str:
    """A data name as a reader would type it: the words before any comma or bracket."""
    return re.split(r"[,;(]", text, maxsplit=1)[0].strip()


def queries(data: Site | None) -> list[tuple[str, str]]:
    """(query, the page it must find first) from the data."""
    if data is None:
        return []
    found = [(s.lay_terms[0], f"symptoms/{s.id}/") for s in data.symptoms.values()]
    found += [(plain_name(f.name), "guides/food-sources/") for f in data.foods.values()]
    found += [
        (plain_name(example), "guides/who-is-at-risk/")
        for group in data.risk_groups.values()
        for example in group.examples
    ]
    return found


QUERIES = queries(DATA)

QUERY_SET = Path(__file__).with_name("search_queries.yml")


def everyday_queries(path: Path = QUERY_SET) -> list[Any]:
    """(query, the pages of which one must be in the top three) from the query set, each
    a pytest parameter; a known miss is an expected failure (strict: it fails the test
    when it starts to pass, so that the set is updated)."""
    found = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]:
        expect = item["expect"]
        pages = tuple([expect] if isinstance(expect, str) else expect)
        marks = []
        if item.get("known_miss"):
            marks.append(pytest.mark.xfail(strict=True, reason=item["known_miss"]))
        found.append(pytest.param(str(item["query"]), pages, marks=marks, id=str(item["query"])))
    return found


EVERYDAY = everyday_queries()


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site, served on a free port of 127.0.0.1."""
    with serve(site_dir) as base:
        yield base + "/"


@pytest.fixture(scope="module")
def search_page(browser: Any, base_url: str) -> Iterator[Any]:
    """The home page with its search box open and its index loaded (once for all)."""
    context = browser.new_context()
    if os.environ.get("B12_SEARCH_PLAIN"):
        # For a before/after figure: Material's search alone, without the query rewriting
        # of b12-search.js (the stub sends the messages unchanged when it fails to load).
        context.route(re.compile(r".*/b12-search(-words)?\.js$"), lambda route: route.abort())
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((base_url, "data:")) else outside.append(r.url),
    )
    page.goto(base_url)
    wait_for_the_index(page)
    yield page
    assert outside == [], f"requests left the machine: {outside}"
    context.close()


@pytest.fixture(scope="module")
def search(search_page: Any) -> Any:
    """A function that types a query into the site's search box and returns the result
    links (or with pages=True, the pages listed), best first."""
    return lambda query, pages=False: (pages_for if pages else results_for)(search_page, query)


@pytest.fixture(scope="module")
def rewrite(search_page: Any) -> Any:
    """What the search looks up for a query (assets/javascripts/b12-search.js)."""
    return lambda query: str(search_page.evaluate("q => window.b12Search.rewrite(q)", query))


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_lay_term_finds_the_right_page_first(search: Any, query: str, expected: str) -> None:
    results = search(query)
    assert results, f"no results for {query!r}"
    first = urlsplit(results[0]).path.removeprefix("/")
    assert first == expected, results[:5]


def pages_for(page: Any, query: str) -> list[str]:
    """The pages the search lists for ``query``, best first, as addresses relative to the
    site root ('guides/tests/'): one per result group (Material groups a page's sections
    under the page)."""
    if not results_for(page, query):
        return []
    groups = page.locator(".md-search-result__item")
    hrefs = groups.evaluate_all(
        "els => els.map(li => li.querySelector('a.md-search-result__link').href)"
    )
    return [urlsplit(str(h)).path.removeprefix("/") for h in hrefs]


def in_top_three(pages: list[str], expected: tuple[str, ...]) -> bool:
    return any(p in expected for p in pages[:3])


@pytest.mark.parametrize(("query", "expected"), EVERYDAY)
def test_everyday_query_finds_its_page_in_the_top_three(
    search: Any, query: str, expected: tuple[str, ...]
) -> None:
    pages = search(query, pages=True)
    assert in_top_three(pages, expected), f"{query!r}: wanted {expected}, got {pages[:5]}"


def test_the_query_set_is_big_and_written_for_readers() -> None:
    assert len(EVERYDAY) >= 40
    queries = [p.values[0] for p in EVERYDAY]
    assert len(set(queries)) == len(queries), "a query is in the set twice"


def test_a_wrong_expectation_fails(search: Any) -> None:
    """Negative control: the top-three check can fail (pins and needles is not about food)."""
    pages = search("pins and needles", pages=True)
    assert pages
    assert not in_top_three(pages, ("guides/food-sources/",)), pages[:3]


def test_nonsense_finds_nothing(search: Any) -> None:
    """Negative control: a query in no page finds no page."""
    assert search("zzzqqqxx") == []


def test_stop_words_are_not_matched(search: Any, rewrite: Any) -> None:
    assert rewrite("how long to feel better").split()[:3] == ["long", "feel", "better"]
    assert search("to feel better", pages=True) == search("feel better", pages=True)
    assert rewrite("to it") == "to it"  # a query of stop words only is kept
    # Negative control: the same words sent as lunr syntax (unchanged) match "to*".
    assert search("to* feel* better*", pages=True) != search("feel better", pages=True)


def test_misspellings_become_the_pages_words(rewrite: Any) -> None:
    assert rewrite("defficiency") == "deficiency"
    assert rewrite("vitimin") == "vitamin"
    assert rewrite("tingeling") == "tingling"
    assert rewrite("cramps") == "cramp"  # a plural: the start of the word finds both
    assert rewrite("zzzqqqxx") == "zzzqqqxx"  # negative control: nothing near


def test_other_spellings_and_everyday_words(rewrite: Any) -> None:
    assert rewrite("anemia") == "anaemia"
    assert rewrite("hemoglobin") == "haemoglobin"
    assert {"jab", "injection"} <= set(rewrite("jab").split())
    assert {"proton", "pump", "inhibitor"} <= set(rewrite("omeprazole").split())
    assert rewrite("+b12 -tests") == "+b12 -tests"  # lunr syntax is left alone


def test_b12_does_not_put_the_tests_guide_first(search: Any) -> None:
    firsts = {
        query: search(query, pages=True)[:1]
        for query, expected in (p.values for p in EVERYDAY)
        if "b12" in query.split() and "guides/tests/" not in expected
    }
    assert len(firsts) >= 5
    assert [q for q, first in firsts.items() if first == ["guides/tests/"]] == []
    # Negative control: asked about the test, the tests guide still comes first.
    assert search("b12 blood test", pages=True)[:1] == ["guides/tests/"]


def test_the_section_that_answers_comes_first(search: Any, search_page: Any) -> None:
    links = search("how soon will I feel better")
    assert urlsplit(links[0]).path == "/guides/treatments/"
    assert urlsplit(links[1]).fragment == "recovery", links[:3]
    # Negative control: a query without question words has no answer to put first.
    assert search_page.evaluate("q => window.b12Search.answer(q)", "tablets") is None


def test_every_answering_section_is_in_the_site(site_dir: Path) -> None:
    """Each section data/search.yml names as an answer is in the built search index."""
    assert DATA is not None
    index = json.loads((site_dir / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    missing = [a.section for a in DATA.search.answers if a.url not in locations]
    assert missing == [], "data/search.yml answers: no such section in the built site"
    assert "guides/treatments/#no-such-section" not in locations  # negative control
