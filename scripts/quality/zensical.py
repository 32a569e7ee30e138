"""Zensical beside MkDocs: build the site with Zensical (Material's successor, pinned in
requirements.lock) and with MkDocs, and check every page says the same.

    python -m scripts.quality.zensical    # `make zensical`; exit 1 naming each difference

Both builds start from one run of the generation stage (scripts/engine.py), then run at
the same time, into build/zensical/{mkdocs,zensical}/. For every page, the text of its
main content (the shared reader, scripts/quality/html_reader.py) is compared block by
block: the body, then the theme's chrome around it. Every page must be in both sites.

What Zensical cannot yet do is allowed by name, and nothing else (``ALLOWED``; the
README lists the same, under "Zensical"). Each allowance says which pages needed it; one
that no page needs any more is reported, so the list shrinks as Zensical catches up.
"""

from __future__ import annotations

import difflib
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from scripts.engine import build_side_by_side, engine_command
from scripts.quality.common import ROOT
from scripts.quality.html_reader import MainText

WORK = ROOT / "build" / "zensical"
#: Zensical has no option for the output folder: a config beside mkdocs.yml sets it (it
#: resolves docs_dir and custom_dir against the config's folder). Written and removed by
#: this script.
CONFIG = ROOT / ".zensical-build.yml"


@dataclass(frozen=True)
class Allowance:
    """One thing Zensical does differently, allowed by name: why, and how both sides'
    chrome text is made comparable."""

    why: str
    normalise: Callable[[str], str]


#: What Zensical does differently, by name (the README lists each under "Zensical"):
#: nothing at present. The reading time, which Zensical once left out (it runs no hooks),
#: now comes from the renderer in every engine (macros/rendering.py).
ALLOWED: dict[str, Allowance] = {}


@dataclass(frozen=True)
class Page:
    body: tuple[str, ...]
    chrome: tuple[str, ...]


def read(site: Path, rel: str) -> Page:
    main = MainText.read(site / rel)
    return Page(tuple(main.blocks()), tuple(main.chrome()))


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def build_both(work: Path = WORK) -> dict[str, Path]:
    """The generation stage once, then MkDocs and Zensical at the same time (one core
    each); the output folders."""
    shutil.rmtree(work, ignore_errors=True)
    outs = {"mkdocs": work / "mkdocs", "zensical": work / "zensical"}
    CONFIG.write_text(
        "# Written by scripts/quality/zensical.py for one build; not kept.\n"
        f"INHERIT: mkdocs.yml\nsite_dir: {outs['zensical'].relative_to(ROOT).as_posix()}\n",
        encoding="utf-8",
    )
    commands = {
        "mkdocs": engine_command("mkdocs", outs["mkdocs"]),
        "zensical": engine_command("zensical", None, CONFIG.name),
    }
    try:
        build_side_by_side(commands, 900, must_say={"zensical": "Build finished"})
    finally:
        CONFIG.unlink(missing_ok=True)
    return outs


def _first_change(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            left = " / ".join(a[i1:i2])[:160] or "(nothing)"
            right = " / ".join(b[j1:j2])[:160] or "(nothing)"
            return f"MkDocs: {left!r}; Zensical: {right!r}"
    return "(same blocks)"


def compare(
    first: Path, second: Path, allowed: Mapping[str, Allowance] = ALLOWED
) -> tuple[list[str], dict[str, list[str]]]:
    """Every difference the allowances do not cover, and the pages each allowance
    covered."""
    problems: list[str] = []
    used: dict[str, list[str]] = {name: [] for name in allowed}
    a, b = pages(first), pages(second)
    problems += [f"only in the MkDocs build: {rel}" for rel in sorted(a - b)]
    problems += [f"only in the Zensical build: {rel}" for rel in sorted(b - a)]
    for rel in sorted(a & b):
        ours, theirs = read(first, rel), read(second, rel)
        if ours.body != theirs.body:
            problems.append(f"{rel}: main text differs: {_first_change(ours.body, theirs.body)}")
        chrome_a, chrome_b = ours.chrome, theirs.chrome
        if chrome_a == chrome_b:
            continue
        for name, allowance in allowed.items():
            norm_a = tuple(allowance.normalise(t) for t in chrome_a)
            norm_b = tuple(allowance.normalise(t) for t in chrome_b)
            if (norm_a, norm_b) != (chrome_a, chrome_b):
                used[name].append(rel)
            chrome_a, chrome_b = norm_a, norm_b
        if chrome_a != chrome_b:
            problems.append(f"{rel}: page chrome differs: {_first_change(chrome_a, chrome_b)}")
    return problems, used


def main() -> int:
    try:
        outs = build_both()
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    problems, used = compare(outs["mkdocs"], outs["zensical"])
    count = len(pages(outs["mkdocs"]))
    for name, allowance in ALLOWED.items():
        if used[name]:
            print(f"allowed ({name}, {len(used[name])} pages): {allowance.why}")
        else:
            problems.append(
                f"allowance {name!r} is no longer needed: remove it (and its README line)"
            )
    if problems:
        print(f"Zensical and MkDocs built different pages ({len(problems)} differences):")
        for line in problems:
            print("  " + line)
        return 1
    print(f"Zensical and MkDocs built the same main text on all {count} pages (in {WORK}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
