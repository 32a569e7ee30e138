"""Lighthouse (npm, mobile preset) in Debian's chromium on the three pages the quality
issue names: the home page, one article and one symptom page (the first of each in the
data).

    python -m scripts.quality.lighthouse   # reports in build/reports/lighthouse/

The gate: accessibility, best practices and SEO at 100, one run per page, the three pages
at once. These audits read the page, not the clock, so one run gives the same scores as
nine, however busy the machine.

Performance is a speed figure, not a gate: it varies with the machine's speed (on this
2-core machine, at its slower hours, five runs of the home page gave 99, 91, 94, 91 and
99), so it lives in the benchmark (`make bench`, `performance_scores`), which reports the
median of several runs per page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import median
from typing import Any

from scripts.browser import CHROMIUM, FLAGS, HEADLESS
from scripts.paths import ROOT
from scripts.quality.common import (
    NODE_BIN,
    REPORTS,
    serve,
    site_dir,
    write_report,
)


def audited_pages(data: Path = ROOT / "data") -> dict[str, str]:
    """The pages Lighthouse audits: the home page, the first article and the first symptom
    in the data (as site paths)."""
    from macros.addresses import item_url
    from macros.loader import load_site

    site = load_site(data)
    return {
        "home": "",
        "article": item_url("articles", next(iter(site.articles))),
        "symptom": item_url("symptoms", next(iter(site.symptoms))),
    }


GATED = ["accessibility", "best-practices", "seo"]
MINIMUM = {category: 100 for category in GATED}
CHROME_FLAGS = " ".join([HEADLESS, *FLAGS])


def run_page(url: str, out: Path, categories: list[str] = GATED) -> dict[str, Any]:
    """One Lighthouse run; writes <out>.report.html and .report.json; returns scores and
    the weighted audits that did not pass."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(
        [
            str(NODE_BIN / "lighthouse"),
            url,
            "--quiet",
            "--output=json",
            "--output=html",
            f"--output-path={out}",
            f"--only-categories={','.join(categories)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--max-wait-for-load=60000",
            # The whole-page picture is only for the HTML report's element thumbnails (no
            # score reads it): a sixth of the gate's CPU, the scores the same without it.
            "--disable-full-page-screenshot",
        ],
        env=env,
        check=True,
        timeout=300,
    )
    data = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    scores = {c: round((data["categories"][c]["score"] or 0) * 100) for c in categories}
    weighted = {
        ref["id"]
        for c in categories
        for ref in data["categories"][c]["auditRefs"]
        if ref.get("weight", 0) > 0
    }
    failing = sorted(
        f"{a['id']}: {a['title']}"
        for a in data["audits"].values()
        if a["id"] in weighted
        and a.get("score") is not None
        and a["score"] < 1
        and a.get("scoreDisplayMode") in ("binary", "numeric")
    )
    return {"url": url, "scores": scores, "failing_audits": failing}


def missing_page(site: Path, path: str) -> str | None:
    """Why ``path`` cannot be audited in ``site``, or None."""
    if (site / path / "index.html").is_file():
        return None
    return f"no page {path}index.html in the site"


def check_site(site: Path, pages: dict[str, str] | None = None) -> dict[str, Any]:
    """The gate: one run per page of ``pages`` (``audited_pages()``), all at the same time
    (the gated scores do not depend on the machine's speed); reports
    <name>.report.{html,json}."""
    pages = audited_pages() if pages is None else pages
    folder = REPORTS / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    with serve(site) as base, ThreadPoolExecutor(max_workers=len(pages)) as pool:
        jobs = {}
        for name, path in pages.items():
            problem = missing_page(site, path)
            if problem:
                results[name] = {"url": path, "error": problem}
            else:
                jobs[name] = pool.submit(run_page, f"{base}/{path}", folder / name)
        for name, job in jobs.items():
            results[name] = {**job.result(), "url": "/" + pages[name]}
    return {name: results[name] for name in pages}


def failures(results: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for name, r in results.items():
        if "error" in r:
            out.append(f"{name}: {r['error']}")
            continue
        for category, minimum in MINIMUM.items():
            if r["scores"][category] < minimum:
                out.append(
                    f"{name} {r['url']}: {category} {r['scores'][category]} < {minimum} "
                    f"({'; '.join(r['failing_audits'])})"
                )
    return out


def performance_scores(
    site: Path, runs: int, pages: dict[str, str] | None = None
) -> dict[str, Any]:
    """The benchmark's figure: Lighthouse performance per page (``audited_pages()``), median
    of ``runs`` runs one after another (Lighthouse CI's way: one run's score varies with
    the machine's speed)."""
    pages = audited_pages() if pages is None else pages
    folder = REPORTS / "lighthouse-performance"
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    with serve(site) as base:
        for name, path in pages.items():
            problem = missing_page(site, path)
            if problem:
                results[name] = {"url": "/" + path, "error": problem}
                continue
            scores = [
                run_page(f"{base}/{path}", folder / f"{name}-{i + 1}", ["performance"])["scores"][
                    "performance"
                ]
                for i in range(runs)
            ]
            results[name] = {"url": "/" + path, "median": median(scores), "all": scores}
    return results


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
