"""Write the CI job summary (Markdown) from what the build left behind.

    python -m scripts.ci_summary >> "$GITHUB_STEP_SUMMARY"

It reports what it finds and says plainly what it did not find, so it runs after a
failed build too: the data check (every error with file and line), the pages and PDFs
in ``site/``, and each JSON report the quality checks wrote to ``build/reports/``
(link check, readability, accessibility and others). It never fails the job.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scripts.paths import ROOT


def data_section(data_dir: Path) -> list[str]:
    """The data check: counts when valid, else every error as ``file:line:col``."""
    from macros.errors import DataErrors
    from macros.loader import load_site

    try:
        site = load_site(data_dir)
    except DataErrors as exc:
        lines = [
            f"**{len(exc.errors)} data error(s)** — each is also an annotation on its line:",
            "",
        ]
        lines += [f"- `{e.format()}`" for e in exc.errors]
        return lines
    counts = ", ".join(f"{len(v)} {k}" for k, v in vars(site).items() if isinstance(v, dict))
    return [f"Data is valid: {counts}."]


def site_section(site: Path) -> list[str]:
    """Pages and PDFs built, by top-level section."""
    if not (site / "index.html").is_file():
        return ["No site was built (see the failed step above)."]
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    pdfs = sorted(p.relative_to(site) for p in site.rglob("*.pdf"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    by_section: dict[str, int] = {}
    for page in pages:
        key = page.parts[0] if len(page.parts) > 1 else "(top level)"
        by_section[key] = by_section.get(key, 0) + 1
    lines = [
        f"{len(pages)} HTML pages, {len(pdfs)} PDFs, {size / 1_000_000:.1f} MB in all.",
        "",
        "| Section | Pages |",
        "|---|---|",
    ]
    lines += [f"| {name} | {count} |" for name, count in sorted(by_section.items())]
    if pdfs:
        lines += ["", "PDFs: " + ", ".join(f"`{p.as_posix()}`" for p in pdfs[:20])]
        if len(pdfs) > 20:
            lines[-1] += f" and {len(pdfs) - 20} more"
    return lines


def _scalars(data: dict[str, Any]) -> str:
    """The report's top-level numbers, text and true/false values, as ``key: value``."""
    items = [
        f"{k}: {v}"
        for k, v in data.items()
        if isinstance(v, (int, float, str, bool)) and len(str(v)) <= 80
    ]
    items += [f"{k}: {len(v)}" for k, v in data.items() if isinstance(v, (list, dict))]
    return "; ".join(items[:12]) or "(no summary fields)"


def reports_section(reports: Path) -> list[str]:
    """One line per JSON report in build/reports/ (links, readability, axe, …)."""
    files = sorted(reports.glob("*.json")) if reports.is_dir() else []
    if not files:
        return ["No quality reports were written (link check, readability: not available)."]
    lines = ["| Report | Figures |", "|---|---|"]
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            lines.append(f"| {path.stem} | unreadable: {exc} |")
            continue
        figures = _scalars(data) if isinstance(data, dict) else f"{len(data)} entries"
        lines.append(f"| {path.stem} | {figures.replace('|', '/')} |")
    return lines


def summary(root: Path = ROOT) -> str:
    parts = [
        "# Build summary",
        "",
        "## Data (`make check`)",
        *data_section(root / "data"),
        "",
        "## Site (`make site`)",
        *site_section(root / "site"),
        "",
        "## Quality reports (`build/reports/`)",
        *reports_section(root / "build" / "reports"),
        "",
        "The built site (with PDFs) is attached to this run as the `site-preview` artifact.",
    ]
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(summary(args.root))
    except Exception as exc:  # noqa: BLE001 - a summary must never fail the job
        sys.stdout.write(f"# Build summary\n\nThe summary could not be written: {exc}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
