"""Bad input a contributor can make: each is reported with its file, line and a plain message.

Every test starts from a copy of the small valid data set in ``tests/fixtures/data``,
breaks one thing, and checks what the contributor sees: the exact ``file:line:col:``
message from the loader and from ``python -m macros check`` (the command behind
``make check``), never a traceback, and (for one case per kind of failure) that the
site build stops before any page is written.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from jinja2 import Environment, StrictUndefined

from macros.anatomy import ARTICLE_ANATOMY, anatomy_problems
from macros.calls import MacroCall, guarded
from macros.components import ComponentError, PageState
from macros.errors import DataErrors
from macros.frontmatter import body_line
from macros.loader import load_site
from macros.pagecheck import PageCheck
from macros.pagecheck import body as page_body
from macros.problems import BuildProblems, PageRun

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


TAB = "data/symptoms.yml:5:1: a tab is used for indentation (expected spaces)"
ANCHORS = "data files use no anchors (&) or aliases (*)"

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
        "date written day/month/year",
        lambda d: replace(d / "articles.yml", "reviewed: 2026-11-21", "reviewed: 21/11/2026"),
        "data/articles.yml:25:13: [0].reviewed: must be a date written YYYY-MM-DD "
        "(got '21/11/2026')",
    ),
    Case(
        "date with month and day swapped",
        lambda d: replace(d / "articles.yml", "reviewed: 2026-11-21", "reviewed: 2026-21-11"),
        "data/articles.yml:25:13: [0].reviewed: must be a date written YYYY-MM-DD "
        "(got '2026-21-11')",
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
        "data/references.yml:57:8: [6].url: must be a full https:// address such as "
        "https://www.nhs.uk/conditions/ (got 'http://medlineplus.gov/musclecramps.html')",
    ),
    Case(
        "id not in kebab-case",
        lambda d: replace(d / "tests.yml", "- id: serum-b12", "- id: Serum B12"),
        "data/tests.yml:1:7: [0].id: must be a kebab-case id such as muscle-cramps "
        "(lower-case letters and digits joined by single hyphens) (got 'Serum B12')",
    ),
    Case(
        "empty required string",
        lambda d: replace(d / "tests.yml", "name: Vitamin B12 blood test", 'name: ""'),
        "data/tests.yml:2:9: [0].name: must not be empty (got '')",
    ),
    Case(
        "required string of spaces only",
        lambda d: replace(d / "tests.yml", "name: Vitamin B12 blood test", 'name: "   "'),
        "data/tests.yml:2:9: [0].name: must not be empty (got '   ')",
    ),
    Case(
        "symptom with an empty list of lay terms",
        lambda d: replace(d / "symptoms.yml", "  lay_terms: [leg cramps]\n", "  lay_terms: []\n"),
        "data/symptoms.yml:13:14: [1].lay_terms: needs at least 1 entry (got [])",
    ),
    Case(
        "symptom with no lay_terms field",
        lambda d: replace(d / "symptoms.yml", "  lay_terms: [leg cramps]\n", ""),
        "data/symptoms.yml:11:3: [1].lay_terms: required field is missing (expected a value)",
    ),
    Case(
        "anchor",
        lambda d: replace(d / "foods.yml", "  vegan: false\n", "  vegan: &v false\n"),
        f"data/foods.yml:7:10: [0].vegan: anchor &v is not allowed (expected the value "
        f"written out: {ANCHORS})",
    ),
    Case(
        "alias",
        lambda d: (d / "intake.yml").write_text("- id: adults\n  life_stage: *adults\n"),
        f"data/intake.yml:2:15: [0].life_stage: alias *adults is not allowed (expected the "
        f"value written out: {ANCHORS})",
    ),
    Case(
        "explicit !! tag",
        lambda d: replace(d / "foods.yml", "  mcg: 17\n", "  mcg: !!float 17\n"),
        "data/foods.yml:4:8: [0].mcg: tag !!float is not allowed (expected a plain value; "
        "put text in quotes instead of tagging it)",
    ),
    Case(
        "explicit tag of a Python object",
        lambda d: (d / "intake.yml").write_text("- !!python/object:os.system {}\n"),
        "data/intake.yml:1:3: [0]: tag !!python/object:os.system is not allowed "
        "(expected a plain value; put text in quotes instead of tagging it)",
    ),
    Case(
        "local tag",
        lambda d: replace(d / "foods.yml", "  mcg: 17\n", "  mcg: !micrograms 17\n"),
        "data/foods.yml:4:8: [0].mcg: tag !micrograms is not allowed (expected a plain "
        "value; put text in quotes instead of tagging it)",
    ),
    Case(
        "deep nesting",
        lambda d: (d / "intake.yml").write_text("- " + "[" * 100_000 + "]" * 100_000 + "\n"),
        "data/intake.yml:1:22: [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: "
        "values nest more than 20 levels deep (expected a list of items whose fields hold "
        "text, numbers or short lists)",
    ),
    Case(
        "list used as a key",
        lambda d: (d / "intake.yml").write_text("- ? [id, name]\n  : adults\n"),
        "data/intake.yml:1:5: [0]: a list or mapping is used as a key (expected a field "
        "name such as 'name:')",
    ),
    Case(
        "two documents in one file",
        lambda d: (d / "intake.yml").write_text("- id: adults\n---\n- id: teens\n"),
        "data/intake.yml:2:1: a second document starts here (expected one; remove '---')",
    ),
    Case(
        "control character",
        lambda d: (d / "intake.yml").write_text("- id: adults\n  life_stage: a\x00b\n"),
        "data/intake.yml:2:16: character U+0000 is not allowed (expected printable text)",
    ),
    Case(
        "colon inside a plain value",
        lambda d: replace(d / "tests.yml", "name: Vitamin B12 blood test", "name: Test: B12 level"),
        "data/tests.yml:2:13: a ': ' inside a value (expected text holding ': ' to be put "
        "in quotes)",
    ),
    Case(
        "huge file",
        lambda d: (d / "glossary.yml").write_bytes(b"# padding\n" * 1_100_000),
        "data/glossary.yml:1:1: file is 10.5 MB (expected at most 10 MB; split it or remove "
        "what does not belong)",
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
    add_bom(data / "foods.yml")  # accepted: not an error
    replace(data / "glossary.yml", "  term: myelin", "\tterm: myelin")
    expected = [
        "data/articles.yml:26:13: [0].reviewed: must be a date written YYYY-MM-DD "
        "(got '21/11/2026')",
        "data/glossary.yml:2:1: a tab is used for indentation (expected spaces)",
        "data/references.yml:66:8: [7].url: must be a full https:// address such as "
        "https://www.nhs.uk/conditions/ (got 'http://www.nhs.uk/conditions/leg-cramps/')",
        "data/symptoms.yml:8:3: [0].name: duplicate key 'name' "
        "(first given on line 3; expected each key once per item)",
        "data/symptoms.yml:15:14: [1].lay_terms: needs at least 1 entry (got [])",
        "data/tests.yml:3:9: [0].name: must not be empty (got '')",
    ]
    assert loader_errors(data) == expected
    run = macros_check(data)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [*expected, "6 data errors found; nothing was built."]
    assert "Traceback" not in run.stderr


def test_on_github_actions_each_error_is_also_an_annotation(data: Path) -> None:
    replace(data / "symptoms.yml", "  lay_terms: [leg cramps]\n", "  lay_terms: []\n")
    replace(data / "tests.yml", "name: Vitamin B12 blood test", 'name: ""')
    run = macros_check(data, github=True)
    assert run.returncode == 1
    annotations = [line for line in run.stderr.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=data/symptoms.yml,line=13,col=14::[1].lay_terms: needs at least 1 entry "
        "(got [])",
        "::error file=data/tests.yml,line=2,col=9::[0].name: must not be empty (got '')",
    ]
    assert "::error" not in macros_check(data).stderr  # only on GitHub Actions


def test_alias_bomb_fails_fast(data: Path) -> None:
    """Nine levels of nine aliases each would expand to 9**9 values (billions; minutes and
    gigabytes before anchors were refused)."""
    shutil.copy(BAD_INPUTS / "alias_bomb.yml", data / "glossary.yml")
    started = time.perf_counter()
    errors = loader_errors(data)
    elapsed = time.perf_counter() - started
    assert errors == [
        f"data/glossary.yml:5:15: [0].definition: anchor &a is not allowed (expected the value "
        f"written out: {ANCHORS})"
    ]
    assert elapsed < 2.0


def test_byte_order_mark_and_windows_line_ends_load(data: Path) -> None:
    """Files saved by Windows editors (UTF-8 with BOM, CRLF) load as the same data, with the
    same lines in messages."""
    plain = load_site(data)
    for path in data.glob("*.yml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert load_site(data) == plain
    replace(data / "tests.yml", "name: Vitamin B12 blood test", 'name: ""')
    assert loader_errors(data) == ["data/tests.yml:2:9: [0].name: must not be empty (got '')"]


def test_article_missing_a_required_part_is_named() -> None:
    """The page-anatomy check that the build runs on every article page."""

    def page(anchors: list[str]) -> str:
        return "\n\n".join(f"## Part {{#{anchor}}}" for anchor in anchors)

    tables = ["cramps-vs-other-causes"]
    assert anatomy_problems(page(list(ARTICLE_ANATOMY)), tables, tables) == []
    without_outlook = [a for a in ARTICLE_ANATOMY if a != "outlook"]
    assert anatomy_problems(page(without_outlook), tables, tables) == [
        "missing the required section '{#outlook}'"
    ]
    assert anatomy_problems(page(list(ARTICLE_ANATOMY)), [], tables) == [
        "comparison table 'cramps-vs-other-causes' is not shown "
        "(add {{ comparison('cramps-vs-other-causes') }})"
    ]


# --- mistakes in pages: one build, every mistake on every page, each at its line ---------


def edit_page(project: Path, page: str, old: str, new: str) -> None:
    replace(project / "docs" / page, old, new)


def append_page(project: Path, page: str, text: str) -> None:
    with (project / "docs" / page).open("a", encoding="utf-8") as f:
        f.write(text)


def page_errors(output: str) -> list[str]:
    """The lines of the build's report that name a file."""
    return [line for line in output.splitlines() if re.match(r"^(docs|data)/\S+:\d+: ", line)]


def test_every_page_mistake_is_reported_once_at_the_end(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    # Two pages with bad ids; the article also misspells a macro, which stops its render.
    edit_page(
        project,
        "articles/test-article.md",
        'comparison("cramps-vs-other-causes")',
        'comparison("cramps-vs-other")',
    )
    edit_page(project, "articles/test-article.md", "{{ tests_list() }}", "{{ test_list() }}")
    append_page(
        project,
        "index.md",
        '\nSee {{ cite("msd-b12") }}.\n\n'
        '{{ symptom_cards("paresthesia", 3, 4) }}\n'
        "{{ food_table(vegan=true) }}\n"
        "{{ comparison(3) }}\n",
    )
    append_page(project, "symptoms/index.md", "\nOops {{ symptom_index( }}\n")
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert page_errors(result.output) == [
        "docs/articles/test-article.md:14: comparison(): unknown comparison id "
        "'cramps-vs-other' (did you mean 'cramps-vs-other-causes'?)",
        "docs/articles/test-article.md:18: unknown macro or variable 'test_list' "
        "(did you mean 'tests_list' or 'treatments_list' or 'article_list'?)",
        "docs/index.md:5: cite(): unknown reference id 'msd-b12' (expected an id from "
        "data/references.yml; did you mean 'msd-b12-deficiency'?)",
        "docs/index.md:7: symptom_cards() was given too many arguments; "
        "call it as symptom_cards(ids=None, level=3)",
        "docs/index.md:8: food_table() has no argument 'vegan'; "
        "call it as food_table(ids=None, filter_vegan=False)",
        "docs/index.md:9: comparison() argument 'comparison_id' must be text in quotes "
        'such as "muscle-cramps" (got 3); call it as comparison(comparison_id)',
        "docs/symptoms/index.md:5: macro syntax error: unexpected '}', expected ')' "
        "(macro calls are written {{ name(arguments) }}; see CONTRIBUTING.md)",
    ]
    assert "7 page errors found; nothing was built." in result.output
    assert "Macro Syntax Error" not in result.output  # mkdocs-macros' own line: not rendered
    assert not (result.site / "index.html").exists()


def test_nothing_is_silently_unpublished(tmp_path: Path) -> None:
    """An article with no page, a page naming no article, an article page left out of the
    nav, a file where a symptom page is generated: each named with its file and line."""
    project = make_project(tmp_path)
    articles = project / "data" / "articles.yml"
    text = articles.read_text(encoding="utf-8")
    articles.write_text(text + text.replace("- id: test-article", "- id: orphan-article"))
    (project / "docs" / "articles" / "extra.md").write_text(
        "---\ntitle: Extra\narticle: test-articel\n---\n\n# Extra\n", encoding="utf-8"
    )
    (project / "docs" / "symptoms" / "paresthesia.md").write_text("# Mine\n", encoding="utf-8")
    (project / "docs" / "symptoms" / "extra.md").write_text(
        "---\nsymptom: tingles\n---\n\n# Tingles\n", encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - articles/test-article.md\n", "  - articles/extra.md\n"
        ),
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    nav_line = config.read_text(encoding="utf-8").splitlines().index("nav:") + 1
    assert page_errors(result.output) == [
        "data/articles.yml:28: article 'orphan-article' has no page "
        "(expected docs/articles/orphan-article.md with front matter 'article: orphan-article')",
        "docs/articles/extra.md:3: front matter names unknown article 'test-articel', not an "
        "id in data/articles.yml (did you mean 'test-article' or 'orphan-article'?)",
        "docs/symptoms/extra.md:2: front matter names unknown symptom 'tingles'"
        ", not an id in data/symptoms.yml (the ids are: 'paresthesia', 'muscle-cramps')",
        "docs/symptoms/paresthesia.md:1: this file stands where the page of symptom "
        "'paresthesia' is generated (expected no file here: the page is made from the data)",
    ]
    assert (
        f"mkdocs.yml:{nav_line}: nav does not list articles/test-article.md "
        "(expected it with the other articles pages)"
    ) in result.output
    assert not (result.site / "index.html").exists()


def test_article_missing_a_required_part_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit_page(project, "articles/test-article.md", "## Outlook {#outlook}", "## Outlook")
    result = build(project)
    assert result.returncode != 0
    assert page_errors(result.output) == [
        "docs/articles/test-article.md:2: missing the required section '{#outlook}'"
    ]
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
    assert "data/references.yml:57:8: [6].url: must be a full https:// address" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site" / "index.html").exists()


def test_page_mistakes_name_the_line_without_a_build() -> None:
    """The page check and the macros on their own (what every build runs per page): each
    kind of mistake is recorded at its line of the file, after the front matter, and
    nothing raises. A call whose arguments are written out is tried by the page check,
    before any page renders; one whose arguments only the render knows, when it renders."""
    problems = BuildProblems()

    def cite(*ref_ids: str) -> str:
        """A macro that knows one reference."""
        if ref_ids != ("known",):
            raise ComponentError(f"unknown reference id {ref_ids[0]!r}")
        return "[1]"

    call = MacroCall(cite, "cite")
    run = PageRun(PageState(path="p.md"), "docs/p.md")
    jinja = Environment(undefined=StrictUndefined)
    jinja.globals["cite"] = guarded(lambda place, problem: problems.at(run, place, problem), call)

    def try_call(path: str, meta: object, name: str, args: tuple, kwargs: dict) -> str | None:
        return call(args, kwargs)[1] if name == "cite" else None

    check = PageCheck(load_site(FIXTURE_DATA), problems, Environment(), {"cite"}, try_call)

    def found(body: str) -> list[str]:
        problems.problems.clear()
        source = "---\ntitle: T\nno_cite: a test\n---\n\n" + body
        check.page("p.md", source)
        if not problems.problems:  # as the engine renders a page the check let through
            run.first_line = body_line(source)
            jinja.from_string(page_body(source)).render()
        return [p.format() for p in problems.problems]

    assert found("Fine {{ cite('known') }}.\n") == []
    assert found("One.\n\n{{ cite('nope') }} and {{ cite(3) }}\n") == [
        "docs/p.md:8: cite(): unknown reference id 'nope'",
        "docs/p.md:8: cite() argument 'ref_ids' must be text in quotes such as \"muscle-cramps\" "
        "(got 3); call it as cite(*ref_ids)",
    ]
    assert found("One.\n{% set r = 'no' ~ 'pe' %}\n{{ cite(r) }}\n") == [
        "docs/p.md:8: cite(): unknown reference id 'nope'"
    ]
    assert found("One.\n{{ cit('known') }}\n") == [
        "docs/p.md:7: unknown macro or variable 'cit' (did you mean 'cite'?)"
    ]
    assert found("{% if %}\n") == [
        "docs/p.md:6: macro syntax error: Expected an expression, got 'end of statement block' "
        "(macro calls are written {{ name(arguments) }}; see CONTRIBUTING.md)"
    ]


def test_front_matter_that_is_not_yaml_is_refused_at_its_line(tmp_path: Path) -> None:
    """A front matter block that does not parse (an unclosed ``[``), or is not a mapping:
    refused at its line, not published as a paragraph of raw YAML."""
    project = make_project(tmp_path)
    page = project / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text("---\ntitle: [Home and more\ndescription: x\n---\n" + text)
    other = project / "docs" / "symptoms" / "index.md"
    other.write_text("---\n- a list\n---\n" + other.read_text(encoding="utf-8"))
    # An article's page: the broken front matter is the one problem named, not also the
    # article it no longer names.
    edit_page(project, "articles/test-article.md", "article: test-article", "article: [test")
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert page_errors(result.output) == [
        "docs/articles/test-article.md:3: front matter is not valid YAML: expected ',' or ']', "
        "but got '<stream end>' (while parsing a flow sequence on line 2)",
        "docs/index.md:3: front matter is not valid YAML: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence on line 2)",
        "docs/symptoms/index.md:2: front matter must be a mapping of keys to values, such as "
        "'title: ...' (got list)",
    ]
    assert not (result.site / "index.html").exists()


def test_pages_of_a_build_without_the_generation_stage_are_refused(tmp_path: Path) -> None:
    """Plain ``mkdocs build`` (no generation stage) on a fresh tree, then after a symptom is
    added: the missing pages and abbreviations are named, with the command that writes
    them, and no traceback (not a dead link)."""
    project = make_project(tmp_path)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(project / "mkdocs.yml"),
    ]
    # Run from another folder: the project's package is found through PYTHONPATH, and every
    # file the build reads is found from the config's folder.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert (
        "docs/symptoms/paresthesia.md:1: the page of symptom 'paresthesia' is missing or out of date: run `make generate`"
        in output
    )
    assert (
        "build/generated/abbreviations.md:1: the glossary's abbreviations are missing or out of date: run `make generate`"
        in output
    )
    generated = subprocess.run(
        [sys.executable, "-m", "macros", "generate"], cwd=project, env=env, capture_output=True
    )
    assert generated.returncode == 0
    built = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr  # from another folder: paths from the config's
    symptoms = project / "data" / "symptoms.yml"
    text = symptoms.read_text(encoding="utf-8")
    first = text[: text.index("- id: muscle-cramps")]
    symptoms.write_text(text + first.replace("paresthesia", "tingling"), encoding="utf-8")
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert page_errors(result.stdout + result.stderr) == [
        "docs/symptoms/tingling.md:1: the page of symptom 'tingling' is missing or out of "
        "date: run `make generate` (the generation stage, which `make` runs before every build)"
    ]
    assert "the nav's generated part does not list symptoms/tingling.md" in result.stderr


def test_a_mistake_in_an_included_file_is_reported_there(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    snippet = project / "docs" / "_snippets" / "note.md"
    snippet.parent.mkdir()
    snippet.write_text('A note.\n\nMore {{ cite("msd-b12") }}.\n')
    append_page(project, "index.md", '\n{% include "_snippets/note.md" %}\n')
    result = build(project)
    assert result.returncode != 0
    mistake = "docs/_snippets/note.md:3: cite(): unknown reference id 'msd-b12' "
    mistake += "(expected an id from data/references.yml; did you mean 'msd-b12-deficiency'?)"
    # At its own line, by the page check (the file is under docs/, so it is a page too),
    # before the home page that includes it renders.
    assert page_errors(result.output) == [mistake]


def test_a_macro_in_a_page_title_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    page = project / "docs" / "index.md"
    page.write_text('---\ntitle: "About {{ config.site_name }}"\n---\n' + page.read_text())
    result = build(project)
    assert result.returncode != 0
    assert page_errors(result.output) == [
        "docs/index.md:2: the title holds a macro, which is not rendered in titles "
        "(write it as plain text)"
    ]


def test_a_page_that_turns_the_macros_off_is_refused(tmp_path: Path) -> None:
    """Without the macros a page would have no line under its title, no build record and
    no structured data (and Zensical would file its record under the page before)."""
    project = make_project(tmp_path)
    page = project / "docs" / "index.md"
    page.write_text("---\nrender_macros: false\n---\n" + page.read_text())
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    (error,) = page_errors(result.output)
    assert error.startswith("docs/index.md:2: render_macros is not for this site")
