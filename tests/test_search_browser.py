"""Browser tests: everyday words typed into the search box find the right page.

Two sets of queries. From the data: each symptom's first lay term must find that
symptom's page first; each food's name, the food sources guide; each example in a risk
group (a condition, an operation, a medicine), the who-is-at-risk guide. From
tests/search_queries.yml: everyday queries (questions, medicine names, UK and US words,
misspellings, symptoms in plain words), written before reading the pages, each with the
page that must be among the first three results."""

from __future__ import annotations

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


def everyday_queries(path: Path = QUERY_SET) -> list[tuple[str, tuple[str, ...]]]:
    """(query, the pages of which one must be in the top three) from the query set."""
    found = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]:
        expect = item["expect"]
        found.append((str(item["query"]), tuple([expect] if isinstance(expect, str) else expect)))
    return found


EVERYDAY = everyday_queries()


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site, served on a free port of 127.0.0.1."""
    with serve(site_dir) as base:
        yield base + "/"


@pytest.fixture(scope="module")
def search(browser: Any, base_url: str) -> Iterator[Any]:
    """A function that types a query into the site's search box and returns result URLs.
    One page for all queries: the index loads once."""
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((base_url, "data:")) else outside.append(r.url),
    )
    page.goto(base_url)
    wait_for_the_index(page)
    yield lambda query, pages=False: (pages_for if pages else results_for)(page, query)
    assert outside == [], f"requests left the machine: {outside}"
    context.close()


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


@pytest.mark.parametrize(("query", "expected"), EVERYDAY, ids=[q for q, _ in EVERYDAY])
def test_everyday_query_finds_its_page_in_the_top_three(
    search: Any, query: str, expected: tuple[str, ...]
) -> None:
    pages = search(query, pages=True)
    assert in_top_three(pages, expected), f"{query!r}: wanted {expected}, got {pages[:5]}"


def test_the_query_set_is_big_and_written_for_readers() -> None:
    assert len(EVERYDAY) >= 40
    assert len({q for q, _ in EVERYDAY}) == len(EVERYDAY), "a query is in the set twice"


def test_a_wrong_expectation_fails(search: Any) -> None:
    """Negative control: the top-three check can fail (pins and needles is not about food)."""
    pages = search("pins and needles", pages=True)
    assert pages
    assert not in_top_three(pages, ("guides/food-sources/",)), pages[:3]


def test_nonsense_finds_nothing(search: Any) -> None:
    """Negative control: a query in no page finds no page."""
    assert search("zzzqqqxx") == []
