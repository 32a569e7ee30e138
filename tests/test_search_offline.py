"""The offline copy's search reads everyday words too: the stub in partials/search.html
loads b12-search.js from the file system and wraps the iframe worker that Material uses
there (no outside request, as tests/test_offline.py checks for the copy as a whole)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from scripts.offline import FOLDER, ZIP

from .conftest import results_for, wait_for_the_index

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_search(
    site_dir: Path, browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    target = tmp_path_factory.mktemp("offline-search")
    with zipfile.ZipFile(site_dir / ZIP) as zipped:
        zipped.extractall(target)
    context = browser.new_context(service_workers="block")
    outside: list[str] = []
    context.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:")) else outside.append(r.url),
    )
    page = context.new_page()
    page.goto((target / FOLDER / "index.html").as_uri())
    wait_for_the_index(page)
    yield page
    context.close()
    assert outside == []


@pytest.mark.parametrize(
    ("query", "page"),
    [("jab", "guides/treatments.html"), ("vitimin b12 foods", "guides/food-sources.html")],
)
def test_offline_search_reads_everyday_words(offline_search: Any, query: str, page: str) -> None:
    """Among the first three pages, as online (tests/search_queries.yml)."""
    pages = list(dict.fromkeys(urlsplit(u).path for u in results_for(offline_search, query)))
    assert any(p.endswith("/" + page) for p in pages[:3]), pages[:3]


def test_offline_search_rewrites_queries(offline_search: Any) -> None:
    rewrite = "q => window.b12Search ? window.b12Search.rewrite(q) : null"
    assert offline_search.evaluate(rewrite, "defficiency") == "deficiency"
    assert offline_search.evaluate(rewrite, "zzzqqqxx") == "zzzqqqxx"  # negative control
