"""Lighthouse, mobile preset, on the home page, one article and one symptom page."""

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
    problems = lighthouse.failures(results)
    assert not problems, "\n".join(problems)
