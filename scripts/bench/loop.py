"""The contributor loop: seconds from saving a YAML edit to the rebuilt page being served
by ``mkdocs serve``."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Any

from macros.generate import generate as generate_pages
from macros.loader import load_site
from scripts.paths import ROOT

from .measure import ENV, WORK, load, median


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except OSError:
        return ""


def bench_serve(rounds: int = 5, timeout: float = 120.0) -> dict[str, Any]:
    """Seconds from saving a YAML edit to the rebuilt page being served by mkdocs serve."""
    project = WORK / "serve"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for linked in ("macros", "overrides"):
        (project / linked).symlink_to(ROOT / linked)
    for copied in ("data", "docs"):
        shutil.copytree(ROOT / copied, project / copied)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    generate_pages(project / "mkdocs.yml")
    data = project / "data" / "symptoms.yml"
    symptom = load_site(project / "data").symptoms
    first = next(iter(symptom))
    port = free_port()
    url = f"http://127.0.0.1:{port}/symptoms/{first}/"
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--watch",
        "overrides",
        "-a",
        f"127.0.0.1:{port}",
    ]
    log = (WORK / "serve.log").open("wb")
    proc = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=log, stderr=log)
    times: list[float] = []
    try:
        started = time.perf_counter()
        while "<h1" not in fetch(url):
            if proc.poll() is not None or time.perf_counter() - started > timeout:
                raise RuntimeError(f"mkdocs serve did not start; see {WORK / 'serve.log'}")
            time.sleep(0.2)
        startup = time.perf_counter() - started
        for i in range(rounds):
            time.sleep(1.5)  # let the watcher settle
            marker = f"Benchedit{i}x{os.getpid()}"
            text = data.read_text()
            edited = re.sub(r"(feels_like: >-\n\s+)", rf"\g<1>{marker} ", text, count=1)
            assert edited != text, "no feels_like to edit"
            t0 = time.perf_counter()
            data.write_text(edited)
            generate_pages(project / "mkdocs.yml")  # as `make serve` does (scripts/serve.py)
            while marker not in fetch(url):
                if time.perf_counter() - t0 > timeout:
                    raise RuntimeError(f"edit {i} never showed; see {WORK / 'serve.log'}")
                time.sleep(0.02)
            times.append(round(time.perf_counter() - t0, 3))
            print(
                f"[serve] edit {i + 1}/{rounds} visible after {times[-1]:.2f} s; load {load()}",
                file=sys.stderr,
            )
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    return {
        "rounds": rounds,
        "startup_s": round(startup, 2),
        "edit_s": median(times),
        "all": times,
        "load_avg": load(),
    }
