"""axe-core (WCAG 2.0/2.1/2.2 A and AA) in light and dark, and reflow at 320 px / 200%
zoom / 200% text, on every built page in Debian's chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scripts.quality import browser
from scripts.quality.common import write_report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def results(built_site: Path, summary: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    axe, reflow = browser.check_site(built_site)
    write_report("axe", axe)
    write_report("reflow", reflow)
    summary.append(
        f"axe: {len(browser.axe_failures(axe))} violations over {len(reflow)} pages "
        f"x {len(axe)} colour schemes (WCAG 2.0/2.1/2.2 A+AA)"
    )
    summary.append(
        f"reflow: {len(browser.reflow_failures(reflow))} problems over "
        f"{len(reflow)} pages x {len(browser.REFLOW_MODES)} modes"
    )
    return axe, reflow


def test_axe_has_no_violations_in_light_or_dark(results: tuple[dict[str, Any], Any]) -> None:
    axe, _ = results
    assert set(axe) == {"light", "dark"}
    problems = browser.axe_failures(axe)
    assert not problems, "axe violations:\n" + "\n".join(problems)


def test_pages_reflow_at_320px_and_200_percent(results: tuple[Any, dict[str, Any]]) -> None:
    _, reflow = results
    problems = browser.reflow_failures(reflow)
    assert not problems, "reflow/zoom problems:\n" + "\n".join(problems)


def test_axe_and_reflow_catch_the_broken_page(broken_site: Path) -> None:
    """Negative control: an image without alt fails axe; a wide box fails reflow."""
    axe, reflow = browser.check_site(broken_site)
    found = {v["id"] for v in axe["light"]["/"]}
    assert "image-alt" in found, found
    assert reflow["/"]["320px"]["sideways"]
    assert not reflow["/other/"]["320px"]["sideways"]
