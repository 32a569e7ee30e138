"""The GitHub Actions workflows and the contributor kit: hardened, and true to the code.

Checks what zizmor does not spell out for this project (which events, which jobs may
write, that a pull request can never publish), runs zizmor and the JSON Schemas as
``make workflows`` does, and tests the two scripts the workflows call.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import macros.__main__ as cli
from scripts import ci_summary, review_due

from .conftest import FIXTURE_DATA, ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+(\.\d+)*\s*$")


def workflow(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    data["on"] = data.pop(True, data.get("on"))  # PyYAML reads the key `on` as True
    return dict(data)


def steps(wf: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in wf["jobs"].values() for step in job.get("steps", [])]


ALL = sorted(p.name for p in WORKFLOWS.glob("*.yml"))


def test_the_workflows_exist() -> None:
    assert ALL == ["ci.yml", "content-diff.yml", "review-due.yml"]


@pytest.mark.parametrize("name", ALL)
def test_every_action_is_pinned_to_a_commit_with_its_version(name: str) -> None:
    lines = [line for line in (WORKFLOWS / name).read_text().splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert PINNED.match(line), (
            f"{name}: not pinned to a full SHA with a version comment: {line}"
        )


@pytest.mark.parametrize("name", ALL)
def test_least_privilege_and_no_untrusted_expansion(name: str) -> None:
    text = (WORKFLOWS / name).read_text()
    wf = workflow(name)
    assert wf["permissions"] == {}, "top-level permissions must be empty"
    assert "pull_request_target" not in text and "workflow_run" not in text
    for job_name, job in wf["jobs"].items():
        assert "permissions" in job, f"{name}: job {job_name} must state its permissions"
        assert "timeout-minutes" in job
    for step in steps(wf):
        assert "${{" not in step.get("run", ""), f"{name}: expression inside run: {step}"
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_ci_runs_the_make_targets_on_pull_requests_read_only() -> None:
    wf = workflow("ci.yml")
    assert set(wf["on"]) == {"pull_request", "push", "workflow_dispatch"}
    assert wf["on"]["push"]["branches"] == ["main"]
    job = wf["jobs"]["test"]
    # pages: read lets actions/configure-pages read the Pages address (main only).
    assert job["permissions"] == {"contents": "read", "pages": "read"}
    runs = [s.get("run", "") for s in job["steps"]]
    assert "scripts/install-system-deps.sh" in runs
    assert runs.index("make check") < runs.index("make test")
    upload = next(
        s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert upload["with"]["path"] == "site/" and upload["with"]["name"] == "site-preview"
    cache = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert "hashFiles('requirements.lock')" in cache["with"]["key"]
    assert any("GITHUB_STEP_SUMMARY" in r and "scripts.ci_summary" in r for r in runs)


ON_MAIN = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
PR_ONLY = "github.event_name == 'pull_request'"


def uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).startswith(action + "@")


def deploy_problems(wf: dict[Any, Any]) -> list[str]:
    """Why ``wf`` could publish a site that did not pass `make test` (empty: it cannot).

    Pages may only publish an artifact uploaded, after a successful `make test`, by the job
    the deploy job needs; only on main; only the deploy job may write; no cache feeds a
    build that is published."""
    problems: list[str] = []
    jobs = wf["jobs"]
    deployers = [
        n
        for n, j in jobs.items()
        if any(uses(s, "actions/deploy-pages") for s in j.get("steps", []))
    ]
    if len(deployers) != 1:
        return [f"expected one job that deploys to Pages, found {deployers}"]
    deploy = jobs[deployers[0]]
    needs = deploy.get("needs", [])
    needs = [needs] if isinstance(needs, str) else list(needs)
    uploaders = [
        n
        for n, j in jobs.items()
        if any(uses(s, "actions/upload-pages-artifact") for s in j.get("steps", []))
    ]
    if len(uploaders) != 1 or uploaders[0] not in needs:
        problems.append(f"deploy needs {needs}, the Pages artifact comes from {uploaders}")
        return problems
    tested = jobs[uploaders[0]]
    runs = [s.get("run") for s in tested["steps"]]
    upload_at = next(
        i for i, s in enumerate(tested["steps"]) if uses(s, "actions/upload-pages-artifact")
    )
    upload = tested["steps"][upload_at]
    if "make test" not in runs[:upload_at]:
        problems.append("the job that uploads the Pages artifact does not run `make test` first")
    if upload.get("with", {}).get("path") != "site/":
        problems.append("the Pages artifact is not site/, the site `make test` built")
    for step in (upload, deploy):
        condition = str(step.get("if", ""))
        if ON_MAIN not in condition or any(
            w in condition for w in ("always()", "failure()", "cancelled()")
        ):
            problems.append(f"runs on more than a passing main: if: {condition!r}")
    if deploy.get("permissions") != {"pages": "write", "id-token": "write"}:
        problems.append(f"deploy job permissions: {deploy.get('permissions')}")
    if deploy.get("environment", {}).get("name") != "github-pages":
        problems.append("deploy job is not in the github-pages environment")
    if deploy.get("concurrency") != {"group": "pages", "cancel-in-progress": False}:
        problems.append("deploys are not one at a time, never cancelled")
    if [s.get("uses", "").split("@")[0] for s in deploy["steps"]] != ["actions/deploy-pages"]:
        problems.append("the deploy job does more than deploy")
    for name, job in jobs.items():
        if name != deployers[0] and any(
            "write" in str(v) for v in job.get("permissions", {}).values()
        ):
            problems.append(f"job {name} can write: {job['permissions']}")
    for step in tested["steps"]:
        cached = uses(step, "actions/cache") and PR_ONLY not in str(step.get("if", ""))
        with_cache = str(step.get("with", {}).get("cache", ""))
        if cached or (with_cache and PR_ONLY not in with_cache):
            problems.append(f"a cache feeds the published build: {step.get('name')}")
    for step in steps(wf):
        if "gh-deploy" in step.get("run", "") or "git push" in step.get("run", ""):
            problems.append(f"pushes to the repository: {step['run']}")
    return problems


def test_deploy_publishes_only_the_site_make_test_passed() -> None:
    wf = workflow("ci.yml")
    assert deploy_problems(wf) == []
    assert "contents: write" not in (WORKFLOWS / "ci.yml").read_text()


def step_of(wf: dict[Any, Any], action: str) -> dict[str, Any]:
    """The test job's step that uses ``action``."""
    return next(s for s in wf["jobs"]["test"]["steps"] if uses(s, action))


@pytest.mark.parametrize(
    "break_it",
    [
        lambda wf: wf["jobs"]["deploy"].pop("needs"),
        lambda wf: wf["jobs"]["test"]["steps"].remove(
            next(s for s in wf["jobs"]["test"]["steps"] if s.get("run") == "make test")
        ),
        lambda wf: step_of(wf, "actions/upload-pages-artifact").update(
            {"if": "${{ always() && " + ON_MAIN + " }}"}
        ),
        lambda wf: wf["jobs"]["deploy"].pop("if"),
        lambda wf: wf["jobs"]["test"]["permissions"].update({"pages": "write"}),
        lambda wf: step_of(wf, "actions/setup-node")["with"].update({"cache": "npm"}),
        lambda wf: step_of(wf, "actions/cache").pop("if"),
    ],
    ids=[
        "no-needs",
        "no-make-test",
        "upload-always",
        "deploy-on-prs",
        "test-writes",
        "npm-cache",
        "pip-cache",
    ],
)
def test_deploy_check_catches_a_deploy_without_tests(break_it: Any) -> None:
    """Negative controls: each way of publishing an untested site is reported."""
    wf = workflow("ci.yml")
    break_it(wf)
    assert deploy_problems(wf) != []


def test_review_due_is_weekly_with_only_issues_write() -> None:
    wf = workflow("review-due.yml")
    assert set(wf["on"]) == {"schedule", "workflow_dispatch"}
    (job,) = wf["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    last = job["steps"][-1]
    assert last["run"] == ".venv/bin/python -m scripts.review_due --days 30 --issue"
    assert set(last["env"]) == {"GH_TOKEN", "GH_REPO"}


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_zizmor_offline_reports_nothing() -> None:
    result = run([str(BIN / "zizmor"), "--offline", "--quiet", ".github"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", [f".github/workflows/{n}" for n in ALL]),
        ("vendor.dependabot", [".github/dependabot.yml"]),
        (
            "vendor.github-issue-forms",
            [
                ".github/ISSUE_TEMPLATE/content-correction.yml",
                ".github/ISSUE_TEMPLATE/new-topic.yml",
            ],
        ),
        ("vendor.github-issue-config", [".github/ISSUE_TEMPLATE/config.yml"]),
    ],
)
def test_github_files_match_their_schemas(schema: str, files: list[str]) -> None:
    result = run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *files])
    assert result.returncode == 0, result.stdout + result.stderr


def make_commands(target: str, makefile: Path = ROOT / "Makefile") -> list[list[str]]:
    """The commands `make <target>` would run, as argument lists: ``make -n``, which also
    runs the recipes' ``$(MAKE)`` lines dry, so a sub-make's commands are listed too."""
    result = run(["make", "-n", "--no-print-directory", "-f", str(makefile), target])
    assert result.returncode == 0, result.stdout + result.stderr
    return [shlex.split(line) for line in result.stdout.splitlines() if line.strip()]


#: What `make test` must run, in this order (CI runs `make test`): each a command's words.
MAKE_TEST_STEPS = [
    ["-m", "scripts.build_site"],
    ["zizmor", "--offline"],
    ["--builtin-schema", "vendor.github-workflows"],
    ["ruff", "check"],
    ["ruff", "format", "--check"],
    ["mypy"],
    ["-m", "pytest", "--ignore=tests/quality"],
    ["-m", "pytest", "tests/quality"],
    ["-m", "scripts.quality.properdocs"],
    ["-m", "scripts.quality.zensical"],
]


def missing_steps(commands: list[list[str]], steps: list[list[str]]) -> list[str]:
    """The steps not found among ``commands`` in order: a step is found in a command that
    has all its words (a program by its name: `.venv/bin/ruff` is `ruff`)."""

    def matches(command: list[str], step: list[str]) -> bool:
        words = [Path(command[0]).name, *command[1:]]
        return all(w in words for w in step)

    missing, at = [], 0
    for step in steps:
        found = next((i for i in range(at, len(commands)) if matches(commands[i], step)), None)
        if found is None:
            missing.append(" ".join(step))
        else:
            at = found + 1
    return missing


def test_make_test_runs_every_check_in_order() -> None:
    assert missing_steps(make_commands("test"), MAKE_TEST_STEPS) == []


def test_the_make_test_check_catches_a_dropped_step(tmp_path: Path) -> None:
    """Negative control: a Makefile whose `test` no longer runs `make zensical`."""
    makefile = tmp_path / "Makefile"
    text = (ROOT / "Makefile").read_text()
    assert "\t$(MAKE) zensical\n" in text
    makefile.write_text(text.replace("\t$(MAKE) zensical\n", ""))
    assert missing_steps(make_commands("test", makefile), MAKE_TEST_STEPS) == [
        "-m scripts.quality.zensical"
    ]


def test_make_unit_leaves_out_the_site_the_browser_the_bench_and_the_gates() -> None:
    (pytest_run,) = [c for c in make_commands("unit") if c[1:3] == ["-m", "pytest"]]
    assert "--ignore=tests/quality" in pytest_run
    marks = pytest_run[pytest_run.index("-m", 3) + 1]
    assert marks == "not site and not browser and not bench"


def test_make_workflows_audits_offline_against_the_schemas() -> None:
    commands = make_commands("workflows")
    assert (
        missing_steps(
            commands,
            [
                ["zizmor", "--offline", ".github"],
                ["--builtin-schema", "vendor.github-workflows"],
                ["--builtin-schema", "vendor.dependabot", ".github/dependabot.yml"],
            ],
        )
        == []
    )


# The contributor kit says what the code does.

DATA_FILES = sorted(p.stem for p in (ROOT / "data").glob("*.yml"))


def test_editor_and_pre_commit_schema_maps_are_generated_and_current() -> None:
    """`python -m macros schema` writes the two maps; the committed files are its output."""
    stale = [p.name for p, text in cli.editor_texts().items() if p.read_text() != text]
    assert stale == [], "run `.venv/bin/python -m macros schema` and commit the files"
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    expected = {f"./data/schema/{n}.schema.json": [f"data/{n}.yml"] for n in DATA_FILES}
    assert settings["yaml.schemas"] == expected
    assert all((ROOT / schema).is_file() for schema in expected)
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    for name in DATA_FILES:
        hook = hooks[f"schema-{name.replace('_', '-')}"]
        assert hook["entry"].endswith(f"--schemafile data/schema/{name}.schema.json")
        assert re.fullmatch(hook["files"], f"data/{name}.yml")
    assert {"yamllint", "codespell", "ruff", "macros-check", "schema-up-to-date"} <= set(hooks)
    for hook in hooks.values():
        if hook.get("language") == "system":
            assert (ROOT / hook["entry"].split()[0]).exists(), hook["entry"]


def test_a_stale_or_unmarked_editor_file_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Negative controls: a hand-edited map is stale; a hooks file without the markers
    is refused by name."""
    shutil.copytree(ROOT / "data" / "schema", tmp_path / "data" / "schema")
    (tmp_path / ".vscode").mkdir()
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    del settings["yaml.schemas"]["./data/schema/foods.schema.json"]
    (tmp_path / ".vscode" / "settings.json").write_text(json.dumps(settings, indent=2) + "\n")
    hooks = (ROOT / ".pre-commit-config.yaml").read_text()
    (tmp_path / ".pre-commit-config.yaml").write_text(hooks)
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    monkeypatch.setattr(cli, "SCHEMA_DIR", tmp_path / "data" / "schema")
    assert cli.schema(check_only=True) == 1
    assert capsys.readouterr().err == (
        ".vscode/settings.json is stale: run `python -m macros schema`\n"
    )
    (tmp_path / ".pre-commit-config.yaml").write_text(hooks.replace(cli.HOOKS_END, ""))
    assert cli.schema(check_only=True) == 1
    assert "error: .pre-commit-config.yaml: expected the lines" in capsys.readouterr().err


def test_codeowners_route_content_to_the_reviewers() -> None:
    owners = dict(
        line.split(None, 1)
        for line in (GITHUB / "CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    assert owners["/data/"].strip() == owners["/docs/"].strip() == "@b12-site/medical-reviewers"


def test_contributing_names_real_commands_and_sections() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text()
    for target in set(re.findall(r"\bmake ([a-z-]+)", text)):
        assert make_commands(target), f"CONTRIBUTING.md names `make {target}`"
    from macros import ARTICLE_ANATOMY

    listed = re.findall(r"\{#([a-z-]+)\}", text)
    written = [a for a in ARTICLE_ANATOMY if a in listed]
    assert written == listed  # in the anatomy's order
    assert "site-preview" in text and "pull_request_target" in text
    permissions = workflow("ci.yml")["jobs"]["test"]["permissions"]
    assert all(f"`{key}: {value}`" in text for key, value in permissions.items())


#: A YAML example in CONTRIBUTING.md that says which data file it is appended to.
EXAMPLE = re.compile(r"Append to `data/(\w+)\.yml`[^`]*?(?:`[^`]*`[^`]*?)*?```yaml\n(.*?)```", re.S)


def contributing_examples() -> list[tuple[str, str]]:
    """(data file stem, YAML text) of each example CONTRIBUTING.md tells you to append."""
    return EXAMPLE.findall((ROOT / "CONTRIBUTING.md").read_text())


def with_examples(tmp: Path, examples: list[tuple[str, str]]) -> Path:
    """A copy of data/ with each example in its file, in place of a real item of its id."""
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    for stem, text in examples:
        path = data / f"{stem}.yml"
        items = yaml.safe_load(path.read_text())
        added = yaml.safe_load(text)
        ids = {item["id"] for item in added}
        items = [item for item in items if item["id"] not in ids] + added
        path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True))
    return data


def test_contributing_examples_validate_against_the_real_data(tmp_path: Path) -> None:
    """Each "Add a ..." example loads, with every citation naming a real passage."""
    from macros.loader import load_site

    examples = contributing_examples()
    assert sorted(stem for stem, _ in examples) == ["faq", "foods", "symptoms"]
    site = load_site(with_examples(tmp_path, examples))
    assert {"muscle-twitches", "do-nerve-symptoms-get-better"} <= set(site.symptoms) | set(site.faq)


def test_a_wrong_contributing_example_is_reported(tmp_path: Path) -> None:
    """Negative control: the same check on an example citing a passage that does not exist."""
    from macros.errors import DataErrors
    from macros.loader import load_site

    examples = [
        (stem, text.replace("#months-to-improve", "#symptoms-improve"))
        for stem, text in contributing_examples()
    ]
    with pytest.raises(DataErrors, match="symptoms-improve"):
        load_site(with_examples(tmp_path, examples))


# The scripts the workflows call.


def test_review_due_lists_overdue_and_soon_due_articles() -> None:
    # The fixture article is due 2027-11-21.
    assert review_due.reviews_due(FIXTURE_DATA, dt.date(2027, 10, 21), 30) == []
    (due,) = review_due.reviews_due(FIXTURE_DATA, dt.date(2027, 10, 22), 30)
    assert due.article == "test-article" and due.page == "docs/articles/test-article.md"
    body = review_due.markdown([due], dt.date(2027, 12, 1), 30)
    assert (
        "| Can low B12 cause cramps? | `docs/articles/test-article.md` | 2026-11-21 | 2027-11-21 "
        in body
    )
    assert "**overdue by 10 days**" in body
    assert "Nothing is due" in review_due.markdown([], dt.date(2027, 1, 1), 30)


@pytest.fixture
def fake_gh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `gh` on PATH that logs its arguments and answers `issue list` from a file."""
    log = tmp_path / "gh.log"
    listing = tmp_path / "list.json"
    listing.write_text("[]")
    script = tmp_path / "bin" / "gh"
    script.parent.mkdir()
    script.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"open({str(log)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"if sys.argv[1:3] == ['issue', 'list']: print(open({str(listing)!r}).read())\n"
        "if sys.argv[1:3] == ['issue', 'create']: print('https://github.com/o/r/issues/7')\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{script.parent}{os.pathsep}{os.environ['PATH']}")
    return tmp_path


def gh_calls(tmp: Path) -> list[list[str]]:
    return [json.loads(line)[:3] for line in (tmp / "gh.log").read_text().splitlines()]


def test_review_due_opens_then_updates_then_closes_one_issue(fake_gh: Path) -> None:
    assert (
        review_due.sync_issue("body", anything_due=True) == "opened https://github.com/o/r/issues/7"
    )
    assert gh_calls(fake_gh)[-1] == ["issue", "create", "--title"]
    (fake_gh / "list.json").write_text(
        json.dumps(
            [{"number": 3, "title": "Other"}, {"number": 7, "title": review_due.ISSUE_TITLE}]
        )
    )
    assert review_due.sync_issue("body", anything_due=True) == "updated #7"
    assert gh_calls(fake_gh)[-1] == ["issue", "edit", "7"]
    assert review_due.sync_issue("body", anything_due=False) == "closed #7: nothing due"
    assert gh_calls(fake_gh)[-1] == ["issue", "close", "7"]


def test_ci_summary_reports_pages_and_data_errors(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    (tmp_path / "site" / "articles" / "a").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text("<html></html>")
    (tmp_path / "site" / "articles" / "a" / "index.html").write_text("<html></html>")
    (tmp_path / "site" / "articles" / "a" / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "build" / "reports").mkdir(parents=True)
    (tmp_path / "build" / "reports" / "links.json").write_text('{"checked": 12, "broken": []}')
    text = ci_summary.summary(tmp_path)
    assert "Data is valid:" in text
    assert "2 HTML pages, 1 PDFs" in text
    assert "| links | checked: 12; broken: 0 |" in text
    tests = tmp_path / "data" / "tests.yml"
    tests.write_text(tests.read_text().replace("name: Vitamin B12 blood test", 'name: ""'))
    shutil.rmtree(tmp_path / "site")
    text = ci_summary.summary(tmp_path)
    assert "**1 data error(s)**" in text
    assert "- `data/tests.yml:2:9: [0].name: must not be empty" in text
    assert "No site was built" in text


def collected(marker_expression: str) -> set[str]:
    """The test files pytest selects with ``-m marker_expression``."""
    result = run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            marker_expression,
        ]
    )
    return {line.split("::")[0] for line in result.stdout.splitlines() if "::" in line}


def test_markers_come_from_the_fixtures_tests_use() -> None:
    """`make unit` relies on these: a test that reads site/ is marked site, one that
    drives chromium browser; these workflow tests are neither (the negative control)."""
    site = collected("site")
    assert {"tests/test_site.py", "tests/quality/test_html_validity.py"} <= site
    assert "tests/test_workflows.py" not in site
    browser = collected("browser")
    assert {"tests/test_search_browser.py", "tests/quality/test_pa11y.py"} <= browser
    assert "tests/test_workflows.py" not in browser and "tests/test_site.py" not in browser
