"""axe-core (WCAG 2.0/2.1/2.2 A and AA) in light and dark at three screen sizes (1280x900,
1280x720, a 390x844 phone), and reflow at 320 px / 200% zoom / 200% text, on every built
page in Debian's chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scripts.quality import browser
from scripts.quality.common import SCREENS, html_pages, page_url, serve, write_report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def results(built_site: Path, summary: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    axe, reflow = browser.check_site(built_site)
    write_report("axe", axe)
    write_report("reflow", reflow)
    summary.append(
        f"axe: {len(browser.axe_failures(axe))} violations over {len(reflow)} pages "
        f"x {len(axe)} runs ({', '.join(axe)}; WCAG 2.0/2.1/2.2 A+AA)"
    )
    summary.append(
        f"reflow: {len(browser.reflow_failures(reflow))} problems over "
        f"{len(reflow)} pages x {len(browser.REFLOW_MODES)} modes"
    )
    return axe, reflow


def test_axe_has_no_violations_at_any_size_in_light_or_dark(
    results: tuple[dict[str, Any], Any],
) -> None:
    axe, _ = results
    assert set(axe) == {f"{size} {scheme}" for size in SCREENS for scheme in ("light", "dark")}
    problems = browser.axe_failures(axe)
    assert not problems, "axe violations:\n" + "\n".join(problems)


def test_pages_reflow_at_320px_and_200_percent(results: tuple[Any, dict[str, Any]]) -> None:
    _, reflow = results
    problems = browser.reflow_failures(reflow)
    assert not problems, "reflow/zoom problems:\n" + "\n".join(problems)


def test_axe_and_reflow_catch_the_broken_page(broken_site: Path) -> None:
    """Negative control: an image without alt fails axe; a wide box fails reflow."""
    axe, reflow = browser.check_site(broken_site)
    for run in axe.values():
        assert "image-alt" in {v["id"] for v in run["/"]}
    assert reflow["/"]["320px"]["sideways"]
    assert not reflow["/other/"]["320px"]["sideways"]


# Material's own spacing of the navigation links, which b12.css replaces on wide screens.
MATERIAL_NAV_LINKS = (
    ".md-nav__link { min-height: 0 !important; padding-block: 0 !important;"
    " margin-top: .625em !important; }"
)


def test_the_short_window_catches_small_navigation_links(built_site: Path) -> None:
    """Negative control for the 1280x720 run: with Material's own navigation spacing (not
    ours), the symptom pages whose sidebar scrolls fail target size (WCAG 2.5.8)."""
    pages = [p for p in html_pages(built_site) if p.parts[0] == "symptoms" and len(p.parts) > 2]
    with serve(built_site) as base, browser.chromium() as chromium:
        urls = [page_url(base, p) for p in pages]
        found = browser.run_axe(
            chromium, urls, ["light"], "1280x720", MATERIAL_NAV_LINKS, ["target-size"]
        )
    small = [
        url
        for url, violations in found["light"].items()
        if "target-size" in {v["id"] for v in violations}
    ]
    assert small, "axe at 1280x720 no longer sees Material's small navigation links"
