"""axe-core (WCAG 2.0/2.1/2.2 A and AA) at three screen sizes (1280x900, a 390x844 phone,
and 1280x720 for what the shorter window changes), light and dark (the colour rules again
in dark), and reflow at 320 px / 200% zoom / 200% text, on every built page in Debian's
chromium."""

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
    for name, run in axe.items():
        if SCREENS[name.split()[0]].rules is None:  # a screen that runs every rule
            assert "image-alt" in {v["id"] for v in run["/"]}, name
    assert reflow["/"]["320px"]["sideways"]
    assert not reflow["/other/"]["320px"]["sideways"]


def test_the_dark_run_catches_a_contrast_problem_of_dark_mode_alone(built_site: Path) -> None:
    """Negative control for the colour rules the dark scheme runs again: text too faint
    on the dark background only fails there."""
    faint = '[data-md-color-scheme="slate"] .md-typeset p { color: #3a3a3a !important; }'
    with serve(built_site) as base, browser.chromium() as chromium:
        found = browser.run_axe(chromium, [f"{base}/help/"], ["light", "dark"], extra_css=faint)
    (light,), (dark,) = found["light"].values(), found["dark"].values()
    assert "color-contrast" not in {v["id"] for v in light}
    assert "color-contrast" in {v["id"] for v in dark}


# Material's own spacing of the navigation links, which b12.css replaces on wide screens.
MATERIAL_NAV_LINKS = (
    ".md-nav__link { min-height: 0 !important; padding-block: 0 !important;"
    " margin-top: .625em !important; }"
)


def test_the_short_window_catches_small_navigation_links(built_site: Path) -> None:
    """Negative control for the 1280x720 run: with Material's own navigation spacing (not
    ours), the symptom pages whose sidebar scrolls fail target size (WCAG 2.5.8)."""
    pages = [p for p in html_pages(built_site) if p.parts[0] == "symptoms" and len(p.parts) > 2]
    assert pages, "the built site has no symptom pages"
    small = None
    with serve(built_site) as base, browser.chromium() as chromium:
        for url in (page_url(base, p) for p in pages):  # one page that fails is enough
            found = browser.run_axe(
                chromium, [url], ["light"], "1280x720", MATERIAL_NAV_LINKS, ["target-size"]
            )
            if "target-size" in {v["id"] for v in found["light"][url]}:
                small = url
                break
    assert small, "axe at 1280x720 no longer sees Material's small navigation links"
