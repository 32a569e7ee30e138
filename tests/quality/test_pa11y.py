"""pa11y (HTML_CodeSniffer, WCAG 2 AA) on every built page: no errors. Filters:
pa11y-filters.yml only, each still needed and each backed by a check of its reason."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from scripts.quality import pa11y
from scripts.quality.common import serve, write_report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(built_site: Path, summary: list[str]) -> dict[str, Any]:
    result = pa11y.check_site(built_site)
    write_report("pa11y", result)
    summary.append(
        f"pa11y: {len(result['errors'])} errors, {len(result['filtered'])} filtered over "
        f"{result['pages']} pages x {len(result['screens'])} screen sizes ({result['standard']})"
    )
    return result


def test_pa11y_finds_no_errors(report: dict[str, Any]) -> None:
    assert report["pages"] > 0
    assert not report["errors"], "\n".join(pa11y.describe(i) for i in report["errors"])


def test_every_filter_has_a_reason_and_is_still_needed(report: dict[str, Any]) -> None:
    """A filter that no longer matches anything must be deleted, not left to hide bugs."""
    used = {issue["filter_reason"] for issue in report["filtered"]}
    unused = [f["context"] for f in pa11y.load_filters() if f["reason"] not in used]
    assert not unused, f"unused filters in tests/quality/pa11y-filters.yml: {unused}"


def test_pa11y_catches_the_broken_page(broken_site: Path) -> None:
    """Negative control: an image without alt text is an error (H37)."""
    result = pa11y.check_site(broken_site, filters=[])
    codes = {i["code"] for i in result["errors"] if i["page"] == "/"}
    assert any(code.endswith(".H37") for code in codes), codes


# The filters' reason: neither header form changes the context on input (WCAG 3.2.2).


def navigates(page: Page, act: Callable[[], None]) -> bool:
    """Whether ``act`` makes the page open another document within two seconds."""
    try:
        with page.expect_event("load", timeout=2_000):
            act()
    except PlaywrightTimeoutError:
        return False
    return True


@pytest.fixture
def home(built_site: Path, browser: Browser) -> Iterator[Page]:
    with serve(built_site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + "/")
        yield page
        context.close()


def test_the_colour_scheme_switch_changes_no_context(home: Page) -> None:
    url = home.url
    form = home.locator("form[data-md-component=palette]")
    body = home.locator("body")

    def switch_by_keyboard() -> None:
        form.locator("input").first.focus()
        home.keyboard.press("Enter")
        expect(body).to_have_attribute("data-md-color-scheme", "slate")

    def switch_by_mouse() -> None:
        form.locator("label:visible").click()
        expect(body).to_have_attribute("data-md-color-scheme", "default")

    assert not navigates(home, switch_by_keyboard)
    focused = home.evaluate("() => document.activeElement.closest('form')?.dataset.mdComponent")
    assert focused == "palette"
    assert not navigates(home, switch_by_mouse)
    assert home.url == url


def test_typing_a_search_changes_no_context(home: Page) -> None:
    """Typing lists results in place; Enter, the reader's own request (what a submit
    button would do), opens the first result."""
    url = home.url
    box = home.locator("input.md-search__input")
    first = home.locator(".md-search-result__item > a.md-search-result__link").first

    def type_a_search() -> None:
        box.click()
        box.press_sequentially("cramps")
        expect(first).to_be_visible(timeout=20_000)

    assert not navigates(home, type_a_search)
    assert home.url == url
    expect(box).to_be_focused()
    target = str(first.get_attribute("href"))
    assert navigates(home, lambda: box.press("Enter"))
    assert home.url.split("?")[0] == target.split("?")[0]


def test_the_context_check_sees_a_form_that_navigates(browser: Browser) -> None:
    """Negative control: a radio button that submits its form on change is caught."""
    page = browser.new_page()
    page.route(
        "http://form.test/**",
        lambda route: route.fulfill(
            content_type="text/html",
            body='<form><input type="radio" name="p" id="a" onchange="this.form.submit()">'
            '<label for="a">Dark</label></form>',
        ),
    )
    try:
        page.goto("http://form.test/")
        assert navigates(page, lambda: page.locator("label").click())
    finally:
        page.close()
