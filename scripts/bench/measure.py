"""Timing one command: wall seconds and peak memory of its process tree, on one core if
asked; two series of commands side by side, each on its own core; medians and the load
average recorded beside the figures."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from scripts.paths import ROOT

WORK = ROOT / "build" / "bench"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def load() -> float:
    """The 1-minute load average."""
    return round(os.getloadavg()[0], 2)


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3) if values else float("nan")


def run(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, cpu: int | None = None
) -> dict[str, Any]:
    """Run ``cmd`` (on one core only, with ``cpu``); return wall seconds, peak RSS (MB) of
    its process tree and its output.

    Raises CalledProcessError (with the output) when the command fails.
    """
    pin = None if cpu is None else (lambda: os.sched_setaffinity(0, {cpu}))
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env or ENV, stdout=log, stderr=log, preexec_fn=pin
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode(errors="replace")
    if proc.returncode != 0:
        print(output[-3000:], file=sys.stderr)
        raise subprocess.CalledProcessError(proc.returncode, cmd, output)
    return {"s": round(seconds, 3), "peak_mb": round(usage.ru_maxrss / 1024, 1), "output": output}


def cores() -> list[int]:
    """The cores this process may run on."""
    return sorted(os.sched_getaffinity(0))


Command = tuple[list[str], Path]


def run_side_by_side(
    first: list[Command], second: list[Command], swap: bool = False
) -> tuple[list[float], list[float]]:
    """Run two series of commands at the same time, each series one command after the
    other on its own core (the first two cores we may use, in turn with ``swap``); the
    seconds of each command.

    This machine's speed drifts by ±20 % over a minute (other guests on the host), so two
    builds run one after the other can see different machines. Run side by side, both
    see the same one: at 1,000 topics, five ours/plain ratios spread over 1.08-1.20 side
    by side against 1.09-1.43 from the same builds run alone (21 November 2026).
    """

    def series(commands: list[Command], cpu: int) -> list[float]:
        return [run(cmd, cwd, None, cpu)["s"] for cmd, cwd in commands]

    pinned = cores()[:2][:: -1 if swap else 1]
    with ThreadPoolExecutor(2) as pool:
        jobs = [pool.submit(series, c, cpu) for cpu, c in zip(pinned, (first, second), strict=True)]
        return jobs[0].result(), jobs[1].result()
