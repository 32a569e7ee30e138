"""Nu HTML Checker over every built page: zero errors. Filters: vnu-filters.yml only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scripts.quality import vnu
from scripts.quality.common import write_report


@pytest.fixture(scope="module")
def reports(built_site: Path, broken_site: Path) -> dict[Path, dict[str, Any]]:
    """One vnu run over the site and the negative control, shared by the tests below."""
    return vnu.check_sites([built_site, broken_site])


@pytest.fixture(scope="module")
def report(
    reports: dict[Path, dict[str, Any]], built_site: Path, summary: list[str]
) -> dict[str, Any]:
    result = reports[built_site]
    write_report("vnu", result)
    summary.append(
        f"vnu: {len(result['errors'])} errors, {len(result['warnings'])} warnings, "
        f"{len(result['filtered'])} filtered over {result['pages']} pages"
    )
    return result


def test_every_page_is_valid_html(report: dict[str, Any]) -> None:
    assert report["pages"] > 0
    assert not report["errors"], "\n".join(vnu.describe(m) for m in report["errors"])


def test_every_filter_has_a_reason_and_is_still_needed(report: dict[str, Any]) -> None:
    """A filter that no longer matches anything must be deleted, not left to hide bugs."""
    used = {m["filter_reason"] for m in report["filtered"]}
    unused = [f["message"] for f in vnu.load_filters() if f["reason"] not in used]
    assert not unused, f"unused filters in tests/quality/vnu-filters.yml: {unused}"


def test_vnu_catches_the_broken_page(
    reports: dict[Path, dict[str, Any]], broken_site: Path
) -> None:
    result = reports[broken_site]
    assert result["pages"] > 0
    messages = [m["message"] for m in result["errors"]]
    assert any("alt" in m for m in messages), messages
