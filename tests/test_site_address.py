"""The site's address comes from where it is deployed (issue 17, item 9).

``SITE_URL`` (in CI, the GitHub Pages address from actions/configure-pages) reaches the
canonical links, the sitemap and the leaflets' QR codes and typed addresses; a deploy
build (``B12_DEPLOY=1``) at the placeholder address stops with a clear message; a local
build says which address it used. Each check has a negative control.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config

from scripts import config, engine
from scripts.leaflet import components_for, leaflet_html, qr_svg_uri, site_settings

from .conftest import ROOT, make_project

PAGES = "https://readers.github.io/b12-muscles"  # as configure-pages gives it: no slash
PLACEHOLDER = "https://b12-muscles.example.org/"


def env(**values: str) -> dict[str, str]:
    """The process environment without SITE_URL and B12_DEPLOY, plus ``values``."""
    out = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "B12_DEPLOY")}
    return {**out, **values}


def project_config(monkeypatch: pytest.MonkeyPatch, **values: str) -> Any:
    """mkdocs.yml as MkDocs loads it with ``values`` as the environment."""
    for name in ("SITE_URL", "B12_DEPLOY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.mark.parametrize(
    ("url", "placeholder"),
    [
        (PLACEHOLDER, True),
        ("https://example.org/", True),
        ("https://docs.example/", True),
        ("http://localhost:8000/", True),
        (PAGES, False),
        ("https://www.b12-muscles.org.uk/", False),
        ("https://example.org.uk/", False),  # a real domain that starts like one
    ],
)
def test_placeholder_hosts(url: str, placeholder: bool) -> None:
    assert config.is_placeholder(url) is placeholder


def test_a_local_build_uses_the_placeholder_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    address = config.check_address(project_config(monkeypatch), env())
    assert address.url == PLACEHOLDER and address.placeholder
    assert address.source == "mkdocs.yml"
    assert "placeholder" in address.describe() and "SITE_URL" in address.describe()


def test_site_url_sets_the_address_with_its_slash(monkeypatch: pytest.MonkeyPatch) -> None:
    address = config.check_address(project_config(monkeypatch, SITE_URL=PAGES), env(SITE_URL=PAGES))
    assert address.url == PAGES + "/"
    assert address.source == "SITE_URL" and not address.placeholder
    assert address.describe() == f"site address: {PAGES}/ (from SITE_URL)"


def test_a_deploy_build_at_the_placeholder_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(config.AddressError) as caught:
        config.check_address(project_config(monkeypatch), env(B12_DEPLOY="1"))
    message = str(caught.value)
    assert "deploy build" in message and PLACEHOLDER in message and "SITE_URL" in message


def test_a_deploy_build_at_the_pages_address_goes_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control of the test above: the same deploy build with a real address."""
    values = {"SITE_URL": PAGES, "B12_DEPLOY": "1"}
    address = config.check_address(project_config(monkeypatch, **values), env(**values))
    assert address.url == PAGES + "/"


@pytest.mark.parametrize("bad", ["", "b12-muscles.org", "ftp://example.net/"])
def test_a_site_url_that_is_not_a_web_address_stops(
    monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    with pytest.raises(config.AddressError, match="SITE_URL is"):
        config.check_address(None, env(SITE_URL=bad))


def test_make_site_stops_a_deploy_build_at_the_placeholder_before_building() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scripts.build_site", "--out", "/nonexistent/never-built"],
        cwd=ROOT,
        env=env(B12_DEPLOY="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "build stopped: this is a deploy build" in result.stderr
    assert "stage '" not in result.stderr  # no stage ran


@pytest.fixture
def fresh_config() -> Iterator[None]:
    """scripts.config reads mkdocs.yml once per process: read it again for this test."""
    config.mkdocs_config.cache_clear()
    yield
    config.mkdocs_config.cache_clear()


@pytest.mark.usefixtures("fresh_config")
def test_the_leaflet_carries_the_deployed_address(monkeypatch: pytest.MonkeyPatch) -> None:
    site = config.site_data()
    article = next(iter(site.articles.values()))
    wanted = f"{PAGES}/articles/{article.id}/"

    def leaflet() -> str:
        config.mkdocs_config.cache_clear()
        settings = site_settings()
        return leaflet_html(site, components_for(site), settings, article, "leaflet")

    monkeypatch.setenv("SITE_URL", PAGES)
    html = leaflet()
    assert wanted in html and qr_svg_uri(wanted) in html
    monkeypatch.delenv("SITE_URL")  # negative control: the placeholder, not the address
    html = leaflet()
    assert wanted not in html and f"{PLACEHOLDER}articles/{article.id}/" in html


def build_fixture(tmp: Path, **values: str) -> Path:
    tmp.mkdir()
    project = make_project(tmp)
    # make_project writes mkdocs.yml with the address resolved: put the !ENV tag back.
    text = (project / "mkdocs.yml").read_text()
    config_data = yaml.safe_load(text)
    config_data.pop("site_url")
    tag = f'site_url: !ENV [SITE_URL, "{PLACEHOLDER}"]\n'
    (project / "mkdocs.yml").write_text(tag + yaml.safe_dump(config_data, sort_keys=False))
    out = project / "site"
    result = engine.build(project, out, env=env(**values))  # generation stage, then MkDocs
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.build
def test_canonical_links_and_sitemap_carry_site_url(tmp_path: Path) -> None:
    deployed = build_fixture(tmp_path / "deployed", SITE_URL=PAGES)
    local = build_fixture(tmp_path / "local")  # negative control
    for site, base in ((deployed, PAGES + "/"), (local, PLACEHOLDER)):
        other = PLACEHOLDER if base != PLACEHOLDER else PAGES
        home = (site / "index.html").read_text()
        assert f'<link rel="canonical" href="{base}">' in home
        sitemap = (site / "sitemap.xml").read_text()
        assert f"<loc>{base}</loc>" in sitemap
        assert other not in home and other not in sitemap


def test_ci_builds_main_for_the_pages_address() -> None:
    """On main, CI reads the Pages address and makes `make test` a deploy build at it;
    a pull request builds at the placeholder."""
    problems = ci_address_problems(ci_workflow())
    assert problems == []


def test_ci_check_catches_a_deploy_without_the_address() -> None:
    """Negative control: without the step that passes the address, the check fails."""
    wf = ci_workflow()
    wf["jobs"]["test"]["steps"] = [
        s for s in wf["jobs"]["test"]["steps"] if "GITHUB_ENV" not in str(s.get("run", ""))
    ]
    assert ci_address_problems(wf)


ON_MAIN = "${{ github.event_name != 'pull_request' && github.ref == 'refs/heads/main' }}"


def ci_workflow() -> dict[Any, Any]:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    return dict(data)


def ci_address_problems(wf: dict[Any, Any]) -> list[str]:
    steps = wf["jobs"]["test"]["steps"]
    problems = []
    pages = [
        i
        for i, s in enumerate(steps)
        if str(s.get("uses", "")).startswith("actions/configure-pages@")
    ]
    passes = [i for i, s in enumerate(steps) if "GITHUB_ENV" in str(s.get("run", ""))]
    tests = [i for i, s in enumerate(steps) if s.get("run") == "make test"]
    if len(pages) != 1 or len(passes) != 1 or len(tests) != 1:
        return [f"steps: configure-pages {pages}, address to env {passes}, make test {tests}"]
    read, export = steps[pages[0]], steps[passes[0]]
    if not pages[0] < passes[0] < tests[0]:
        problems.append("the address is not read and passed on before make test")
    for step in (read, export):
        if step.get("if") != ON_MAIN:
            problems.append(f"{step.get('name')}: runs on more than main: {step.get('if')!r}")
    wanted = "${{ steps." + str(read.get("id")) + ".outputs.base_url }}"
    if export.get("env", {}).get("PAGES_BASE_URL") != wanted:
        problems.append("the exported address is not configure-pages' base_url")
    run = str(export.get("run", ""))
    if "SITE_URL=${PAGES_BASE_URL}" not in run or "B12_DEPLOY=1" not in run:
        problems.append(f"the step does not set SITE_URL and B12_DEPLOY: {run!r}")
    if wf["jobs"]["test"].get("permissions", {}).get("pages") != "read":
        problems.append("the test job cannot read the Pages address (permissions: pages: read)")
    return problems
