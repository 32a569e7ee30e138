"""``make bench``: time the real site, the synthetic scale runs and the contributor loop.

    python -m scripts.bench [--runs 5] [--scales 100,1000,3000] [--scale-runs 3,5,1]
                            [--linear-runs 2] [--lighthouse-runs 5] [--skip-real]
                            [--skip-scale] [--skip-loop] [--skip-lighthouse]
                            [--out build/bench.json]

Everything runs in throwaway copies under ``build/bench/`` (never in data/ or site/).
Times are wall-clock medians; the 1-minute load average is recorded next to each
section, because the machine may be shared. The two ratios (ours / plain MkDocs, and
3,000 / 1,000 topics) come from builds run side by side, each on its own core
(``measure.run_side_by_side``). Peak memory is the largest resident set of any one
process in the measured command's tree (``wait4`` rusage).

This module is the command line and the report; each section has its own module:
``real.py`` (the real site), ``scale.py`` (synthetic scale runs and linearity),
``loop.py`` (the contributor loop in ``mkdocs serve``), ``lighthouse.py`` (Lighthouse
performance), ``measure.py`` (timing commands), ``weight.py`` (output and first-load
size), ``targets.py`` (the targets and verdicts) and ``table.py`` (the printed table).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from scripts.paths import ROOT

from .lighthouse import bench_lighthouse
from .loop import bench_serve
from .measure import WORK, cores
from .real import bench_real
from .scale import bench_linear, bench_scale, hugo_binary
from .table import table
from .targets import verdicts


def versions() -> dict[str, str]:
    from importlib.metadata import version

    hugo = subprocess.run([hugo_binary(), "version"], capture_output=True, text=True).stdout.split()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "python": sys.version.split()[0],
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "mkdocs-macros-plugin": version("mkdocs-macros-plugin"),
        "hugo": hugo[1] if len(hugo) > 1 else "?",
        "commit": commit,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of the real pipeline")
    parser.add_argument("--scales", default="100,1000,3000")
    parser.add_argument("--scale-runs", default="3,5,1", help="runs per scale, in order")
    parser.add_argument("--serve-rounds", type=int, default=5)
    parser.add_argument(
        "--linear-runs", type=int, default=2, help="side-by-side runs of 3,000 against 1,000 topics"
    )
    parser.add_argument(
        "--lighthouse-runs", type=int, default=5, help="Lighthouse performance runs per page"
    )
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-loop", action="store_true")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench.json")
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the sections of an existing --out that this run skips (each section "
        "records when it ran)",
    )
    parser.add_argument("--table", action="store_true", help="print the table of --out only")
    args = parser.parse_args(argv)
    if args.table:
        print(table(json.loads(args.out.read_text())))
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "load_start": [round(x, 2) for x in os.getloadavg()],
        "versions": versions(),
        "command": "make bench  # python -m scripts.bench " + " ".join(argv or sys.argv[1:]),
    }
    if not args.skip_scale:
        scales = [int(s) for s in args.scales.split(",")]
        runs = [int(r) for r in args.scale_runs.split(",")]
        runs += [runs[-1]] * (len(scales) - len(runs))
        report["scale"] = {str(n): bench_scale(n, r) for n, r in zip(scales, runs, strict=False)}
        if {1000, 3000} <= set(scales) and args.linear_runs and len(cores()) >= 2:
            report["linear"] = bench_linear(1000, 3000, args.linear_runs)
    if not args.skip_loop:
        report["serve"] = bench_serve(args.serve_rounds)
    if not args.skip_real:
        report["real"] = bench_real(args.runs)
    if not args.skip_lighthouse:
        # The site the real-site runs built, else the project's own site/ (`make site`).
        built = WORK / "real" / "site" if "real" in report else ROOT / "site"
        report["lighthouse"] = bench_lighthouse(built, args.lighthouse_runs)
    sections = ("linear", "serve", "real", "lighthouse")
    for entry in [*report.get("scale", {}).values(), *(report.get(x) for x in sections)]:
        if entry:
            entry["when"] = report["when"]
    if args.merge and args.out.is_file():
        previous = json.loads(args.out.read_text())
        for section in ("scale", "linear", "serve", "real", "lighthouse"):
            if section not in report and section in previous:
                report[section] = previous[section]
    report["load_end"] = [round(x, 2) for x in os.getloadavg()]
    report["targets"] = verdicts(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(table(report))
    print(
        f"\nwritten to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}"
    )
    return 0
