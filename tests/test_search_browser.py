"""Browser test: everyday words typed into the search box find the right page first."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site, served on a free port of 127.0.0.1."""
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def type_query(page: Any, query: str) -> None:
    """Type into the search box, again if the search worker was still loading its index."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    for _ in range(30):
        box.click()
        box.press_sequentially(query)
        try:
            page.wait_for_function(
                "el => el && !/Type to start|Initializing/i.test(el.textContent)",
                arg=meta.element_handle(),
                timeout=1_500,
            )
            return
        except Exception:
            box.fill("")
    raise AssertionError(f"search never answered {query!r}")


@pytest.fixture(scope="module")
def search(browser: Any, base_url: str) -> Iterator[Any]:
    """A function that types a query into the site's search box and returns result URLs."""
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(base_url) or r.url.startswith("data:")
            else outside.append(r.url)
        ),
    )
    page.goto(base_url)

    def run(query: str) -> list[str]:
        page.goto(base_url)
        type_query(page, query)
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        links = page.locator(".md-search-result__item > a.md-search-result__link")
        return [str(links.nth(i).get_attribute("href")) for i in range(links.count())]

    yield run
    assert outside == [], f"requests left the machine: {outside}"
    context.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pins and needles", "symptoms/paresthesia/"),
        ("tingling feet", "symptoms/paresthesia/"),
        ("leg cramps", "symptoms/muscle-cramps/"),
        ("sore tongue", "symptoms/glossitis/"),
        ("wobbly walking", "symptoms/ataxia/"),
        ("metformin", "guides/who-is-at-risk/"),
        ("clams", "guides/food-sources/"),
    ],
)
def test_lay_term_finds_the_right_page_first(
    search: Any, base_url: str, query: str, expected: str
) -> None:
    results = search(query)
    assert results, f"no results for {query!r}"
    first = urlsplit(results[0]).path.removeprefix("/")
    assert first == expected, results[:5]


def test_nonsense_finds_nothing(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url)
    type_query(page, "zzzqqqxx")
    assert "No matching documents" in page.locator(".md-search-result__meta").inner_text()
    assert page.locator(".md-search-result__item").count() == 0
    page.close()
