"""Shared fixtures: the built site, a tiny site built from fixtures, and Debian's chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "docs"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The site built by `make site` (make test builds it first)."""
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make site` (or `make test`, which builds it)")
    return SITE


@dataclass
class Build:
    """Result of building a small project: exit code, output, and where the HTML went."""

    returncode: int
    output: str
    site: Path


def make_project(tmp: Path, data: Path = FIXTURE_DATA, docs: Path = FIXTURE_DOCS) -> Path:
    """A throwaway project: the real macros/ and overrides/, with the given data and docs."""
    project = tmp / "project"
    project.mkdir()
    (project / "macros").symlink_to(ROOT / "macros")
    (project / "overrides").symlink_to(ROOT / "overrides")
    shutil.copytree(data, project / "data")
    shutil.copytree(docs, project / "docs")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets", dirs_exist_ok=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config["nav"] = yaml.safe_load((FIXTURE_DOCS.parent / "nav.yml").read_text())["nav"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return project


def build(project: Path) -> Build:
    """Run `mkdocs build --strict` on a project, as the real build does."""
    out = project / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return Build(result.returncode, result.stdout + result.stderr, out)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project."""
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
