"""Browser test: everyday words typed into the search box find the right page first.

The queries come from the data: each symptom's first lay term must find that symptom's
page first; each food's name, the food sources guide; each example in a risk group (a
condition, an operation, a medicine), the who-is-at-risk guide."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

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
    yield lambda query: results_for(page, query)
    assert outside == [], f"requests left the machine: {outside}"
    context.close()


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_lay_term_finds_the_right_page_first(search: Any, query: str, expected: str) -> None:
    results = search(query)
    assert results, f"no results for {query!r}"
    first = urlsplit(results[0]).path.removeprefix("/")
    assert first == expected, results[:5]


def test_nonsense_finds_nothing(search: Any) -> None:
    """Negative control: a query in no page finds no page."""
    assert search("zzzqqqxx") == []
