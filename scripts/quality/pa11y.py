"""pa11y (npm; HTML_CodeSniffer, WCAG 2 AA) over every built page, in Debian's chromium:
a second accessibility engine beside axe, which finds other things.

    python -m scripts.quality.pa11y     # writes build/reports/pa11y.json, prints a summary

Issues listed in tests/quality/pa11y-filters.yml (each with its reason) are reported as
filtered, never silently dropped. Errors fail the gate; warnings and notices are not
asked for (HTML_CodeSniffer's warnings are "check this by hand" prompts).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from scripts.browser import CHROMIUM, FLAGS
from scripts.paths import ROOT
from scripts.quality.common import (
    SCREENS,
    Screen,
    html_pages,
    page_url,
    serve,
    site_dir,
    write_report,
)

RUNNER = Path(__file__).with_name("pa11y-run.cjs")
FILTERS = ROOT / "tests" / "quality" / "pa11y-filters.yml"
STANDARD = "WCAG2AA"
# HTML_CodeSniffer reads the DOM and the computed colours. At the three SCREENS sizes it
# reported the same issues on every page (22 November 2026: none but the 74 filtered ones
# per size), so the gate runs at one size; axe covers all three.
PA11Y_SCREENS = ["1280x900"]
# Pages tested at a time in one chromium (pa11y mostly waits for the network to go idle).
TABS = 4


def load_filters(path: Path = FILTERS) -> list[dict[str, str]]:
    """The filters: each a rule `code`, a `context` pattern for the markup, and a `reason`."""
    entries: list[dict[str, str]] = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for entry in entries:
        if not all(entry.get(k) for k in ("code", "context", "reason")):
            raise ValueError(f"{path}: every filter needs a code, a context and a reason: {entry}")
    return entries


def viewport(screen: Screen) -> dict[str, Any]:
    """A screen size as puppeteer's viewport."""
    return {
        "width": screen.width,
        "height": screen.height,
        "isMobile": screen.mobile,
        "hasTouch": screen.mobile,
    }


def run_pa11y(urls: list[str], screens: list[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """pa11y's issues per screen size and URL, from one chromium for all pages."""
    config = {
        "executablePath": CHROMIUM,
        "args": list(FLAGS),  # puppeteer adds its own headless flag
        "standard": STANDARD,
        "tabs": TABS,
        "viewports": {name: viewport(SCREENS[name]) for name in screens},
        "urls": urls,
    }
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    proc = subprocess.run(
        ["node", str(RUNNER)],
        input=json.dumps(config),
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"pa11y failed (exit {proc.returncode}): {proc.stderr.strip()}")
    results: dict[str, dict[str, list[dict[str, Any]]]] = json.loads(proc.stdout)
    return results


def _filter_for(issue: dict[str, Any], filters: list[dict[str, str]]) -> dict[str, str] | None:
    for entry in filters:
        if issue.get("code") == entry["code"] and re.search(
            entry["context"], issue.get("context", "")
        ):
            return entry
    return None


def check_site(
    site: Path,
    filters: list[dict[str, str]] | None = None,
    screens: list[str] = PA11Y_SCREENS,
) -> dict[str, Any]:
    """pa11y over every page of ``site``: errors, and filtered issues with their reason."""
    filters = load_filters() if filters is None else filters
    with serve(site) as base:
        raw = run_pa11y([page_url(base, p) for p in html_pages(site)], screens)
    report: dict[str, Any] = {"standard": STANDARD, "screens": screens, "pages": 0}
    report["errors"], report["filtered"] = [], []
    for screen, pages in raw.items():
        report["pages"] = len(pages)
        for url, issues in pages.items():
            for issue in issues:
                entry = {"screen": screen, "page": url[len(base) :], **issue}
                matched = _filter_for(issue, filters)
                if matched:
                    report["filtered"].append({**entry, "filter_reason": matched["reason"]})
                elif issue.get("type") == "error":
                    report["errors"].append(entry)
    return report


def describe(issue: dict[str, Any]) -> str:
    return (
        f"{issue['screen']} {issue['page']}: {issue['code']}: {issue['message']} "
        f"— {issue['selector']}: {issue['context'][:120]}"
    )


def main() -> int:
    report = check_site(site_dir())
    write_report("pa11y", report)
    print(
        f"pa11y: {len(report['errors'])} errors, {len(report['filtered'])} filtered "
        f"over {report['pages']} pages x {len(report['screens'])} screen sizes"
    )
    for issue in report["errors"]:
        print("  " + describe(issue))
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
