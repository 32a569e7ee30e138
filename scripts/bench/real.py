"""The real site: data load, then the whole `make site` pipeline in a copy of the project,
with an empty and with a filled PDF cache, each stage timed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from macros.loader import load_site
from scripts.paths import ROOT

from .measure import WORK, load, median, run
from .weight import article_page, first_load, site_figures

_STAGE = re.compile(r"stage '(.+?)' done in ([\d.]+) s")


def parse_stages(output: str) -> dict[str, float]:
    """Per-stage seconds from scripts/build_site.py's "stage '<name>' done in N s" lines."""
    return {name: float(s) for name, s in _STAGE.findall(output)}


def copy_project(dest: Path) -> Path:
    """A copy of the working tree's project files (tracked and new, not ignored)."""
    shutil.rmtree(dest, ignore_errors=True)
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def bench_real(runs: int) -> dict[str, Any]:
    """The real site: data load, then ``runs`` pairs of full pipelines in a copy of the
    project, each pair a cold run (empty PDF cache, as a fresh clone or CI) then a warm
    one (PDF cache filled, as a contributor's second `make site`)."""
    print(f"[real] copying the project; load {load()}", file=sys.stderr)
    project = copy_project(WORK / "real")
    loads = []
    for _ in range(runs):
        started = time.perf_counter()
        load_site(project / "data")
        loads.append(time.perf_counter() - started)
    results: dict[str, list[dict[str, Any]]] = {"cold": [], "warm": []}
    cmd = [sys.executable, "-m", "scripts.build_site", "--out", str(project / "site")]
    for i in range(runs):
        for kind in ("cold", "warm"):
            if kind == "cold":
                shutil.rmtree(project / "build" / "pdf-cache", ignore_errors=True)
            before = load()
            out = run(cmd, project)
            stages = parse_stages(out["output"])
            results[kind].append(
                {"s": out["s"], "peak_mb": out["peak_mb"], "stages": stages, "load": before}
            )
            print(
                f"[real] run {i + 1}/{runs} ({kind} PDF cache): {out['s']:.2f} s {stages}; "
                f"load {before}",
                file=sys.stderr,
            )

    def stage_medians(rows: list[dict[str, Any]]) -> dict[str, float]:
        names = list(rows[0]["stages"])
        return {n: median([r["stages"].get(n, float("nan")) for r in rows]) for n in names}

    site = project / "site"
    return {
        "runs": runs,
        "data_load_s": median(loads),
        "full_build_s": median([r["s"] for r in results["cold"]]),
        "full_build_warm_s": median([r["s"] for r in results["warm"]]),
        "stages_s": stage_medians(results["cold"]),
        "stages_warm_s": stage_medians(results["warm"]),
        "peak_mb": max(r["peak_mb"] for rows in results.values() for r in rows),
        "load_avg": [r["load"] for rows in results.values() for r in rows],
        **site_figures(site),
        "first_load": first_load(site, article_page(site)),
        "all": results,
    }
