"""Lighthouse performance (mobile preset) of a built site, and its verdict."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .measure import load

# Lighthouse performance is a speed figure (it follows the machine's speed), so it is
# measured here, not gated: the median of several runs per page, at least this score.
LIGHTHOUSE_PERFORMANCE_MIN = 95


def bench_lighthouse(site: Path, runs: int) -> dict[str, Any]:
    """Lighthouse performance (mobile preset) of the home page, an article and a symptom
    page of ``site``: the median of ``runs`` runs each."""
    from scripts.quality.lighthouse import performance_scores

    print(f"[lighthouse] {runs} runs per page of {site}; load {load()}", file=sys.stderr)
    before = load()
    pages = performance_scores(site, runs)
    return {"runs": runs, "site": str(site), "pages": pages, "load_avg": [before, load()]}


def lighthouse_verdict(lighthouse: dict[str, Any]) -> dict[str, Any]:
    """The worst page's median performance score against LIGHTHOUSE_PERFORMANCE_MIN."""
    medians = [p["median"] for p in lighthouse["pages"].values() if "median" in p]
    worst = min(medians) if len(medians) == len(lighthouse["pages"]) else None
    return {
        "what": "Lighthouse performance, worst page (median)",
        "figure": worst,
        "target": LIGHTHOUSE_PERFORMANCE_MIN,
        "unit": "",
        "at_least": True,
        "met": None if worst is None else worst >= LIGHTHOUSE_PERFORMANCE_MIN,
    }
