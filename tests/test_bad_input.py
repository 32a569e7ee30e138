"""Bad input a contributor can make: each is reported with its file, line and a plain message.

Every test starts from a copy of the small valid data set in ``tests/fixtures/data``,
breaks one thing, and checks what the contributor sees: the exact ``file:line:col:``
message from the loader and from ``python -m macros check`` (the command behind
``make check``), never a traceback, and (for one case per kind of failure) that the
site build stops before any page is written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros import ARTICLE_ANATOMY, anatomy_problems
from macros.components import PageState
from macros.errors import DataErrors
from macros.loader import load_site

from .conftest import FIXTURE_DATA, ROOT, build, make_project

BAD_INPUTS = ROOT / "tests" / "bad_inputs"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture data set."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


def replace(path: Path, old: str, new: str) -> None:
    """Change one place in a data file (the fixture must still contain ``old``)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name} should contain {old!r} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_bom(path: Path) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def loader_errors(data: Path) -> list[str]:
    """What the loader reports, one formatted line per error."""
    with pytest.raises(DataErrors) as caught:
        load_site(data)
    return [e.format() for e in caught.value.errors]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def macros_check(data: Path, github: bool = False) -> Run:
    """Run ``python -m macros check`` (what ``make check`` runs) on ``data``."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    return Run(result.returncode, result.stdout, result.stderr)


@dataclass(frozen=True)
class Case:
    """One mistake: how to make it in the fixture data, and the exact message it must give."""

    name: str
    breaks: Callable[[Path], None]
    message: str


TAB = "data/symptoms.yml:5:1: YAML syntax error: while scanning for the next token found "
TAB += "character that cannot start any token (line holds a tab; expected spaces for indentation)"
HTTPS = "^https://[A-Za-z0-9.-]+\\.[A-Za-z]{2,}(?:[/?#][^\\s]*)?$"

CASES = [
    Case(
        "tab in indentation",
        lambda d: replace(d / "symptoms.yml", "  feels_like: A prickly", "\tfeels_like: A prickly"),
        TAB,
    ),
    Case(
        "duplicate key",
        lambda d: replace(
            d / "symptoms.yml",
            "  body_areas: [hands, feet]\n",
            "  body_areas: [hands, feet]\n  name: Tingling\n",
        ),
        "data/symptoms.yml:7:3: [0].name: duplicate key 'name' "
        "(first given on line 2; expected each key once per item)",
    ),
    Case(
        "byte-order mark",
        lambda d: add_bom(d / "foods.yml"),
        "data/foods.yml:1:1: file starts with a byte-order mark (expected plain UTF-8)",
    ),
    Case(
        "date written day/month/year",
        lambda d: replace(d / "articles.yml", "reviewed: 2026-11-21", "reviewed: 21/11/2026"),
        "data/articles.yml:25:13: [0].reviewed: Input should be a valid date or datetime, "
        "invalid character in year (got '21/11/2026'; expected a date written YYYY-MM-DD)",
    ),
    Case(
        "date with month and day swapped",
        lambda d: replace(d / "articles.yml", "reviewed: 2026-11-21", "reviewed: 2026-21-11"),
        "data/articles.yml:25:13: [0].reviewed: Input should be a valid date or datetime, "
        "month value is outside expected range of 1-12 (got '2026-21-11'; "
        "expected a date written YYYY-MM-DD)",
    ),
    Case(
        "review due before reviewed",
        lambda d: replace(d / "articles.yml", "review_due: 2027-11-21", "review_due: 2025-11-21"),
        "data/articles.yml:26:15: [0].review_due: review_due 2025-11-21 is not after reviewed 2026-11-21 "
        "(expected a later date)",
    ),
    Case(
        "reference URL not https",
        lambda d: replace(
            d / "references.yml",
            "url: https://medlineplus.gov/musclecramps.html",
            "url: http://medlineplus.gov/musclecramps.html",
        ),
        f"data/references.yml:33:8: [6].url: String should match pattern '{HTTPS}' "
        "(got 'http://medlineplus.gov/musclecramps.html'; expected a full https:// address)",
    ),
    Case(
        "empty required string",
        lambda d: replace(d / "tests.yml", "name: Vitamin B12 blood test", 'name: ""'),
        "data/tests.yml:2:9: [0].name: String should have at least 1 character "
        "(got ''; expected non-empty text)",
    ),
    Case(
        "required string of spaces only",
        lambda d: replace(d / "tests.yml", "name: Vitamin B12 blood test", 'name: "   "'),
        "data/tests.yml:2:9: [0].name: String should have at least 1 character "
        "(got '   '; expected non-empty text)",
    ),
    Case(
        "symptom with an empty list of lay terms",
        lambda d: replace(d / "symptoms.yml", "  lay_terms: [leg cramps]\n", "  lay_terms: []\n"),
        "data/symptoms.yml:12:14: [1].lay_terms: List should have at least 1 item after "
        "validation, not 0 (got []; expected at least one entry)",
    ),
    Case(
        "symptom with no lay_terms field",
        lambda d: replace(d / "symptoms.yml", "  lay_terms: [leg cramps]\n", ""),
        "data/symptoms.yml:10:3: [1].lay_terms: required field is missing (expected a value)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_mistake_names_file_line_and_problem(data: Path, case: Case) -> None:
    case.breaks(data)
    assert loader_errors(data) == [case.message]
    run = macros_check(data)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.splitlines() == [case.message, "1 data error found; nothing was built."]
    assert "Traceback" not in run.stderr


def test_valid_fixture_passes_check(data: Path) -> None:
    """Control: the unbroken copy is valid, so each error above comes from its one change."""
    run = macros_check(data)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("data/ is valid (")
    assert run.stderr == ""


def test_every_error_of_a_broken_data_set_is_reported_at_once(data: Path) -> None:
    """Several files broken at once: every problem is listed, in file and line order."""
    for overlay in sorted((BAD_INPUTS / "several_errors").glob("*.yml")):
        shutil.copy(overlay, data / overlay.name)
    add_bom(data / "foods.yml")
    replace(data / "glossary.yml", "  term: myelin", "\tterm: myelin")
    expected = [
        "data/articles.yml:26:13: [0].reviewed: Input should be a valid date or datetime, "
        "invalid character in year (got '21/11/2026'; expected a date written YYYY-MM-DD)",
        "data/foods.yml:1:1: file starts with a byte-order mark (expected plain UTF-8)",
        "data/glossary.yml:2:1: YAML syntax error: while scanning a plain scalar found a tab "
        "character that violates indentation (line holds a tab; expected spaces for indentation)",
        f"data/references.yml:38:8: [7].url: String should match pattern '{HTTPS}' "
        "(got 'http://www.nhs.uk/conditions/leg-cramps/'; expected a full https:// address)",
        "data/symptoms.yml:8:3: [0].name: duplicate key 'name' "
        "(first given on line 3; expected each key once per item)",
        "data/symptoms.yml:14:14: [1].lay_terms: List should have at least 1 item after "
        "validation, not 0 (got []; expected at least one entry)",
        "data/tests.yml:3:9: [0].name: String should have at least 1 character "
        "(got ''; expected non-empty text)",
    ]
    assert loader_errors(data) == expected
    run = macros_check(data)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [*expected, "7 data errors found; nothing was built."]
    assert "Traceback" not in run.stderr


def test_on_github_actions_each_error_is_also_an_annotation(data: Path) -> None:
    replace(data / "symptoms.yml", "  lay_terms: [leg cramps]\n", "  lay_terms: []\n")
    replace(data / "tests.yml", "name: Vitamin B12 blood test", 'name: ""')
    run = macros_check(data, github=True)
    assert run.returncode == 1
    annotations = [line for line in run.stderr.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=data/symptoms.yml,line=12,col=14::[1].lay_terms: List should have at "
        "least 1 item after validation, not 0 (got []; expected at least one entry)",
        "::error file=data/tests.yml,line=2,col=9::[0].name: String should have at least "
        "1 character (got ''; expected non-empty text)",
    ]
    assert "::error" not in macros_check(data).stderr  # only on GitHub Actions


def test_article_missing_a_required_part_is_named() -> None:
    """The page-anatomy check that the build runs on every article page."""
    site = load_site(FIXTURE_DATA)
    state = PageState(path="articles/test-article.md", article=site.articles["test-article"])
    state.tables.append("cramps-vs-other-causes")

    def page(anchors: list[str]) -> str:
        return "\n\n".join(f"## Part {{#{anchor}}}" for anchor in anchors)

    assert anatomy_problems(page(list(ARTICLE_ANATOMY)), state, site) == []
    without_outlook = [a for a in ARTICLE_ANATOMY if a != "outlook"]
    assert anatomy_problems(page(without_outlook), state, site) == [
        "missing the required section '{#outlook}'"
    ]


def test_article_missing_a_required_part_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    replace(
        project / "docs" / "articles" / "test-article.md", "## Outlook {#outlook}", "## Outlook"
    )
    result = build(project)
    assert result.returncode != 0
    assert "articles/test-article.md: missing the required section '{#outlook}'" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site" / "articles" / "test-article" / "index.html").exists()


def test_bad_data_never_reaches_the_built_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    replace(
        project / "data" / "references.yml",
        "url: https://medlineplus.gov/musclecramps.html",
        "url: http://medlineplus.gov/musclecramps.html",
    )
    result = build(project)
    assert result.returncode != 0
    assert "data/references.yml:33:8: [6].url: String should match pattern" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site" / "index.html").exists()
