"""Lighthouse, mobile preset, on the home page, one article and one symptom page:
accessibility, best practices and SEO at 100 (performance is in `make bench`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.quality import lighthouse
from scripts.quality.common import write_report

pytestmark = pytest.mark.browser


def test_lighthouse_scores(built_site: Path, summary: list[str]) -> None:
    results = lighthouse.check_site(built_site)
    write_report("lighthouse", results)
    for name, r in results.items():
        summary.append(f"lighthouse {name} {r['url']}: {r.get('scores', r.get('error'))}")
    assert set(results) == {"home", "article", "symptom"}
    assert all(set(r["scores"]) == set(lighthouse.GATED) for r in results.values())
    problems = lighthouse.failures(results)
    assert not problems, "\n".join(problems)


def test_failures_name_each_category_below_100() -> None:
    """Negative control: a score under 100, or a missing page, is reported."""
    results = {
        "home": {
            "url": "/",
            "scores": {"accessibility": 100, "best-practices": 96, "seo": 100},
            "failing_audits": ["errors-in-console: Browser errors were logged"],
        },
        "gone": {"url": "gone/", "error": "no page gone/index.html in the site"},
    }
    problems = lighthouse.failures(results)
    assert len(problems) == 2
    assert "best-practices 96 < 100 (errors-in-console" in problems[0]
    assert lighthouse.missing_page(Path("/nonexistent"), "x/") is not None
