"""Nu HTML Checker over every built page: zero errors. Filters: vnu-filters.yml only."""

from __future__ import annotations

from pathlib import Path

from scripts.quality import vnu
from scripts.quality.common import write_report


def test_every_page_is_valid_html(built_site: Path, summary: list[str]) -> None:
    report = vnu.check_site(built_site)
    write_report("vnu", report)
    summary.append(
        f"vnu: {len(report['errors'])} errors, {len(report['warnings'])} warnings, "
        f"{len(report['filtered'])} filtered over {report['pages']} pages"
    )
    assert not report["errors"], "\n".join(vnu.describe(m) for m in report["errors"])


def test_every_filter_has_a_reason_and_is_still_needed(built_site: Path) -> None:
    """A filter that no longer matches anything must be deleted, not left to hide bugs."""
    filters = vnu.load_filters()
    report = vnu.check_site(built_site, filters)
    used = {m["filter_reason"] for m in report["filtered"]}
    unused = [f["message"] for f in filters if f["reason"] not in used]
    assert not unused, f"unused filters in tests/quality/vnu-filters.yml: {unused}"


def test_vnu_catches_the_broken_page(broken_site: Path) -> None:
    report = vnu.check_site(broken_site)
    messages = [m["message"] for m in report["errors"]]
    assert any("alt" in m for m in messages), messages
