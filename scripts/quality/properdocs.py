"""The exit from MkDocs, kept open: build the site with ProperDocs (PyPI `properdocs`, the
maintained continuation of MkDocs 1.x) and with MkDocs, and check every file is the same.

    python -m scripts.quality.properdocs    # `make properdocs`; exit 1 naming each difference

Both builds run `build --strict` on the unchanged project (mkdocs.yml, macros/,
overrides/) into build/properdocs/, after the generation stage (scripts/engine.py). Ignored, because they may legitimately differ:

- ``<meta name="generator" content="...">``, which names the tool and its version (this
  project's theme override writes none today; the rule is here for the day it does);
- the dates in sitemap.xml (``<lastmod>``, the day of the build: two builds either side
  of midnight);
- the gzip header of sitemap.xml.gz (it holds a time): the file is compared unpacked,
  with the same rule as sitemap.xml.

Anything else that differs, and any file only one tool writes, is reported.
"""

from __future__ import annotations

import gzip
import re
import shutil
import sys
from pathlib import Path

from scripts.engine import build_side_by_side, engine_command
from scripts.quality.common import ROOT

WORK = ROOT / "build" / "properdocs"
TOOLS = ("mkdocs", "properdocs")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def build_both(work: Path = WORK) -> dict[str, Path]:
    """Build the project with each tool at the same time (one core each); the output folders."""
    shutil.rmtree(work, ignore_errors=True)
    outs = {tool: work / tool for tool in TOOLS}
    build_side_by_side({tool: engine_command(tool, out) for tool, out in outs.items()}, 600)
    return outs


def normalised(path: Path) -> bytes:
    """A built file's content without what may legitimately differ between the tools."""
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    if path.name.startswith("sitemap.xml"):
        data = LASTMOD.sub(b"<lastmod></lastmod>", data)
    if path.suffix == ".html":
        data = GENERATOR.sub(b"", data)
    return data


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def differences(first: Path, second: Path) -> list[str]:
    """Every file that differs between two built sites, or that only one of them has."""
    a, b = files(first), files(second)
    out = [f"only in {first.name}/: {rel}" for rel in sorted(a - b)]
    out += [f"only in {second.name}/: {rel}" for rel in sorted(b - a)]
    out += [
        f"differs: {rel}"
        for rel in sorted(a & b)
        if normalised(first / rel) != normalised(second / rel)
    ]
    return out


def main() -> int:
    try:
        outs = build_both()
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    problems = differences(outs["mkdocs"], outs["properdocs"])
    count = len(files(outs["mkdocs"]))
    if problems:
        print(f"ProperDocs and MkDocs built different sites ({len(problems)} differences):")
        for line in problems:
            print("  " + line)
        return 1
    print(f"ProperDocs and MkDocs built the same {count} files (outputs in {WORK}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
