"""Nu HTML Checker (npm vnu-jar, Java) over every page of the built site.

    python -m scripts.quality.vnu     # writes build/reports/vnu.json, prints a summary

Messages listed in tests/quality/vnu-filters.yml (each with its reason) are reported as
filtered, never silently dropped.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from scripts.quality.common import ROOT, site_dir, write_report

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FILTERS = ROOT / "tests" / "quality" / "vnu-filters.yml"


def load_filters(path: Path = FILTERS) -> list[dict[str, str]]:
    entries: list[dict[str, str]] = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for entry in entries:
        if not entry.get("message") or not entry.get("reason"):
            raise ValueError(f"{path}: every filter needs a message and a reason: {entry}")
    return entries


def run_vnu(pages: list[Path]) -> list[dict[str, Any]]:
    """Every message vnu gives for the HTML files ``pages``, in one run (one Java start-up,
    the larger part of checking a small site)."""
    proc = subprocess.run(
        [
            "java",
            "-Xss1024k",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--exit-zero-always",
            *(str(p) for p in pages),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages: list[dict[str, Any]] = json.loads(proc.stderr or proc.stdout)["messages"]
    return messages


def _matches(message: dict[str, Any], entry: dict[str, str]) -> bool:
    if not re.search(entry["message"], message.get("message", "")):
        return False
    extract = entry.get("extract")
    return not extract or bool(re.search(extract, message.get("extract", "")))


def check_site(site: Path, filters: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """vnu's messages on the pages of ``site``: errors, warnings, and those filtered."""
    return check_sites([site], filters)[site]


def check_sites(
    sites: list[Path], filters: list[dict[str, str]] | None = None
) -> dict[Path, dict[str, Any]]:
    """``check_site`` for each of ``sites``, in one vnu run."""
    filters = load_filters() if filters is None else filters
    pages = {site: sorted(site.rglob("*.html")) for site in sites}
    reports: dict[Path, dict[str, Any]] = {
        site: {"pages": len(pages[site]), "errors": [], "warnings": [], "filtered": []}
        for site in sites
    }
    owner = {p.resolve(): site for site in sites for p in pages[site]}
    for m in run_vnu([p for site in sites for p in pages[site]]):
        url = m.get("url", "")
        # vnu names a file file:/path; a message on no file (vnu's own) goes to the first site
        path = Path(unquote(urlsplit(url).path)).resolve() if url else None
        site = owner.get(path) if path is not None else sites[0]
        if site is None:
            raise ValueError(f"vnu reported on {url}, a file of none of {sites}")
        m["page"] = "/" + path.relative_to(site.resolve()).as_posix() if path else url
        entry = next((f for f in filters if _matches(m, f)), None)
        report = reports[site]
        if entry is not None:
            report["filtered"].append({**m, "filter_reason": entry["reason"]})
        elif m.get("type") == "error" or m.get("subType") == "fatal":
            report["errors"].append(m)
        else:
            report["warnings"].append(m)
    return reports


def describe(m: dict[str, Any]) -> str:
    return f"{m['page']}:{m.get('lastLine', '?')}: {m.get('message', '')}"


def main() -> int:
    report = check_site(site_dir())
    write_report("vnu", report)
    print(
        f"vnu: {len(report['errors'])} errors, {len(report['warnings'])} warnings, "
        f"{len(report['filtered'])} filtered (tests/quality/vnu-filters.yml) "
        f"over {report['pages']} pages"
    )
    for m in report["errors"]:
        print("  " + describe(m))
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
