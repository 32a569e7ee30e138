"""Shared fixtures: the built site, a tiny site built from fixtures, and Debian's chromium.

Which tests need what (markers, see `pytest --markers`):

- ``site``: reads the site `make site` built (uses ``site_dir`` or ``built_site``);
  applied automatically from the fixtures a test uses.
- ``browser``: drives Debian's chromium (uses ``browser``, or says so itself).
- ``build``: builds a small project from tests/fixtures with MkDocs (uses ``project`` or
  ``fixture_site``), or checks the real build's output.
- ``bench``: runs the benchmark's machinery on a tiny scale (tens of seconds).

`make unit` runs the rest outside tests/quality (loader, components, bad input, workflows,
scripts, the small builds): no built site, no browser. `make test` runs everything.
"""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from scripts.paths import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from macros.loader import Site

FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "docs"


MARKERS = {
    "site": "reads the site `make site` built (site/, or $B12_SITE_DIR)",
    "browser": "drives Debian's chromium through Playwright",
    "build": "builds a small project with MkDocs, or checks the real build's output",
    "bench": "runs the benchmark's machinery on a tiny scale",
}
# Fixtures whose use marks a test (directly or through another fixture).
FIXTURE_MARKERS = {
    "site_dir": "site",
    "built_site": "site",
    "browser": "browser",
    "project": "build",
    "fixture_site": "build",
}


def pytest_configure(config: pytest.Config) -> None:
    for name, text in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {text}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with what it needs, from the fixtures it uses."""
    for item in items:
        for fixture in getattr(item, "fixturenames", ()):
            if fixture in FIXTURE_MARKERS:
                item.add_marker(FIXTURE_MARKERS[fixture])


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The site built by `make site` (make test builds it first); $B12_SITE_DIR if set.
    Fails (not skips) when it is missing: CI must never pass without it."""
    from scripts.quality.common import SiteMissing
    from scripts.quality.common import site_dir as find_site

    try:
        return find_site()
    except SiteMissing as exc:
        pytest.fail(f"{exc} (or `make test`, which builds it)")


@functools.cache
def real_data() -> Site | None:
    """The project's data/, loaded once, for tests that take their cases from it. None
    when it does not load: then those tests have no cases, and test_real_data.py fails
    with every error (never a traceback at collection, never a silent run of skips)."""
    from macros.errors import DataErrors
    from macros.loader import load_site

    try:
        return load_site(ROOT / "data")
    except DataErrors:
        return None


@dataclass
class Build:
    """Result of building a small project: exit code, output, and where the HTML went."""

    returncode: int
    output: str
    site: Path


def make_project(tmp: Path, data: Path = FIXTURE_DATA, docs: Path = FIXTURE_DOCS) -> Path:
    """A throwaway project: the real macros/ and overrides/, with the given data and docs."""
    project = tmp / "project"
    project.mkdir()
    (project / "macros").symlink_to(ROOT / "macros")
    (project / "overrides").symlink_to(ROOT / "overrides")
    shutil.copytree(data, project / "data")
    shutil.copytree(docs, project / "docs")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets", dirs_exist_ok=True)
    config = yaml_load((ROOT / "mkdocs.yml").read_text())  # MkDocs' loader: !ENV
    config["nav"] = yaml.safe_load((FIXTURE_DOCS.parent / "nav.yml").read_text())["nav"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return project


def build(project: Path) -> Build:
    """Generate the pages that come from data, then run `mkdocs build --strict` on a
    project, as the real build does (scripts/engine.py)."""
    from scripts.engine import build as engine_build

    out = project / "site"
    result = engine_build(project, out)
    return Build(result.returncode, (result.stdout or "") + (result.stderr or ""), out)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project, for a test that changes it before building."""
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture project as it is, built once for every test that only reads it."""
    return build(make_project(tmp_path_factory.mktemp("fixture-site")))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from scripts.browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


# Site search in the browser (the online site and the offline copy).


def wait_for_the_index(page: Page) -> None:
    """Open the search box and wait until the search worker has loaded its index."""
    from playwright.sync_api import expect

    page.locator("input.md-search__input").click()
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text(re.compile("Initializing", re.I), timeout=30_000)


def results_for(page: Page, query: str) -> list[str]:
    """Type ``query`` into the (ready) search box; the result links, best first.

    Material searches on each key released: the box is emptied with the keyboard (the
    panel then asks you to type), and the query arrives with one key, so the results
    shown are those of the whole query, never of a part of it."""
    from playwright.sync_api import expect

    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.press("Control+a")
    box.press("Backspace")
    expect(meta).to_have_text(re.compile("Type to start", re.I))
    box.fill(query[:-1])
    box.press(query[-1])
    expect(meta).not_to_have_text(re.compile("Type to start", re.I))
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    if "No matching" in meta.inner_text():
        return []
    expect(links.first).to_be_visible()
    return [str(href) for href in links.evaluate_all("els => els.map(a => a.href)")]
