"""Lighthouse (npm, mobile preset) in Debian's chromium on the three pages the quality
issue names: the home page, one article and one symptom page.

    python -m scripts.quality.lighthouse   # reports in build/reports/lighthouse/

Thresholds: accessibility, best practices and SEO at 100; performance at least 95.
Each page is run RUNS times (9; $B12_LIGHTHOUSE_RUNS) and the median run by performance
score is kept, as Lighthouse CI does: one run's performance score varies with the
machine's speed. On this 2-core machine, at its slower hours, the home page's five runs
gave 99, 91, 94, 91 and 99 (median 94; a second set of five gave 94-98, median 96), so a
median of five could fall either side of 95 for the same page; nine runs narrow that.
Every run's scores are kept in the report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from scripts.quality.common import CHROMIUM, NODE_BIN, REPORTS, serve, site_dir, write_report

PAGES = {
    "home": "",
    "article": "articles/b12-and-muscle-stiffness/",
    "symptom": "symptoms/muscle-cramps/",
}
RUNS = int(os.environ.get("B12_LIGHTHOUSE_RUNS", "9"))
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MINIMUM = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run --disable-sync --disable-dev-shm-usage"
)


def run_page(url: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run; writes <out>.report.html and .report.json; returns scores."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(
        [
            str(NODE_BIN / "lighthouse"),
            url,
            "--quiet",
            "--output=json",
            "--output=html",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--max-wait-for-load=60000",
        ],
        env=env,
        check=True,
        timeout=300,
    )
    data = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    scores = {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    failing = sorted(
        f"{a['id']}: {a['title']}"
        for a in data["audits"].values()
        if a.get("score") is not None
        and a["score"] < 1
        and a.get("scoreDisplayMode") in ("binary", "numeric")
        and any(
            a["id"] == ref["id"]
            for c in ("accessibility", "best-practices", "seo")
            for ref in data["categories"][c]["auditRefs"]
            if ref.get("weight", 0) > 0
        )
    )
    return {"url": url, "scores": scores, "failing_audits": failing}


def check_site(site: Path, pages: dict[str, str] = PAGES) -> dict[str, Any]:
    """Lighthouse on ``pages`` of ``site``; reports <name>-<run>.report.{html,json}."""
    folder = REPORTS / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    with serve(site) as base:
        for name, path in pages.items():
            if not (site / path / "index.html").is_file():
                results[name] = {"url": path, "error": f"no page {path}index.html in the site"}
                continue
            runs = [run_page(f"{base}/{path}", folder / f"{name}-{i + 1}") for i in range(RUNS)]
            ranked = sorted(range(RUNS), key=lambda i: runs[i]["scores"]["performance"])
            median = ranked[RUNS // 2]
            result = {**runs[median], "url": "/" + path, "median_run": median + 1}
            result["runs"] = [dict(r["scores"]) for r in runs]
            result["scores"] = dict(runs[median]["scores"])
            # Accessibility, best practices and SEO do not depend on load: the worst run counts.
            for category in CATEGORIES[1:]:
                result["scores"][category] = min(r["scores"][category] for r in runs)
            result["failing_audits"] = sorted({a for r in runs for a in r["failing_audits"]})
            results[name] = result
    return results


def failures(results: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for name, r in results.items():
        if "error" in r:
            out.append(f"{name}: {r['error']}")
            continue
        for category, minimum in MINIMUM.items():
            if r["scores"][category] < minimum:
                out.append(
                    f"{name} {r['url']}: {category} {r['scores'][category]} < {minimum}"
                    + (f" ({'; '.join(r['failing_audits'])})" if category != "performance" else "")
                )
    return out


def main() -> int:
    results = check_site(site_dir())
    write_report("lighthouse", results)
    for name, r in results.items():
        print(f"lighthouse {name} {r.get('url')}: {r.get('scores', r.get('error'))}")
    problems = failures(results)
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
