"""Fixtures for the quality gates: the built site (site/, or $B12_SITE_DIR) and a summary
of every gate printed at the end of the pytest run. Reports go to build/reports/."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.quality.common import REPORTS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUMMARY: list[str] = []


@pytest.fixture(scope="session")
def built_site(site_dir: Path) -> Path:
    """The built site (tests/conftest.py's ``site_dir``): fails when it is missing."""
    return site_dir


@pytest.fixture(scope="session")
def broken_site() -> Path:
    """The negative control: a tiny site with an image without alt text, a skipped heading
    level, a dead #anchor, a dead link and a box wider than a phone."""
    return FIXTURES / "broken-site"


@pytest.fixture(scope="session")
def summary() -> list[str]:
    return SUMMARY


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Under pytest-xdist (`make quality` runs the gates on both cores), a worker hands its
    summary lines to the run that prints them."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["b12_summary"] = list(SUMMARY)


def pytest_testnodedown(node: object, error: object) -> None:
    SUMMARY.extend(getattr(node, "workeroutput", {}).get("b12_summary", []))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SUMMARY:
        terminalreporter.section("quality gates (reports in build/reports/)")
        for line in SUMMARY:
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"reports: {REPORTS}")
