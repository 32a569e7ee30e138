"""A new kind of page touches four places: its model (a class and its field on
``SiteData`` in macros/model.py), its data file, its template
(overrides/partials/b12/<key>-page.html) and its rule (``PAGE_RULES`` in
macros/addresses.py). The rest (the page macro, the page's state, the generated pages and
their nav, the build record) follows from the rule.

Each test writes those four pieces into a copy of the fixture project that has its own
copy of the code (``macros/`` and ``scripts/``) and of the theme, then builds it as
`make site` does."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from macros import record
from scripts.engine import engine_env

from .conftest import ROOT, Build, build, make_project

MODEL = '''

class Widget(Item):
    """A kind of item made up for this test."""

    id: Id
    name: Text
    what_it_is: Text
    points: list[Cited] = Field(min_length=1)
'''

FIELD = "    widgets: dict[str, Widget]\n"

RULE = """    PageRule(
        "widgets",
        "widgets/{id}.md",
        "widget",
        generated=True,
        description="what_it_is",
    ),
"""

DATA = """- id: spring
  name: Spring
  what_it_is: A coil that stores energy.
  points:
    - text: It pushes back when pressed.
      sources: [msd-b12-deficiency#fixture]
- id: lever
  name: Lever
  what_it_is: A bar that turns on a point.
  points:
    - text: It moves a load with less force.
      sources: [nhs-stroke#fixture]
"""

TEMPLATE = """{# A widget's page. widget (and item): Widget. #}
<p class="b12-lead">{{ widget.what_it_is|gloss }}</p>
<h2 id="does">What it does</h2>
{% for point in item.points %}<p>{{ point.text|gloss }}{{ cite(page, point.sources) }}</p>{% endfor %}
"""

TEMPLATE_FILE = "overrides/partials/b12/widget-page.html"


def code_project(tmp_path: Path) -> Path:
    """The fixture project with its own copy of the code and the theme (the test changes
    them: the real ones are only read)."""
    project = make_project(tmp_path)
    skip = shutil.ignore_patterns("__pycache__")
    for name in ("macros", "overrides", "scripts"):
        path = project / name
        if path.is_symlink():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)
        shutil.copytree(ROOT / name, path, ignore=skip)
    return project


def add_in(path: Path, before: str, text: str) -> None:
    """Write ``text`` into ``path`` just before ``before`` (which must be there once)."""
    source = path.read_text(encoding="utf-8")
    assert source.count(before) == 1, f"{path}: {before!r}"
    path.write_text(source.replace(before, text + before), encoding="utf-8")


def add_kind(project: Path, template: bool = True) -> None:
    """The four places of a new kind of page (without its template if told so)."""
    model = project / "macros" / "model.py"
    add_in(model, "\n\n@dataclass(frozen=True)\nclass SiteData:", MODEL)
    add_in(model, "    articles: dict[str, Article]\n", FIELD)
    (project / "data" / "widgets.yml").write_text(DATA, encoding="utf-8")
    if template:
        (project / TEMPLATE_FILE).write_text(TEMPLATE, encoding="utf-8")
    add_in(project / "macros" / "addresses.py", ")\n\n\ndef rule_for(", RULE)


def fingerprint(project: Path) -> dict[str, str]:
    """Every file of the project (through its links) by its path, with a hash of it."""
    return {
        path.relative_to(project).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(project.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_a_new_kind_of_page_is_four_places(tmp_path: Path) -> None:
    project = code_project(tmp_path)
    before = fingerprint(project)
    add_kind(project)
    after = fingerprint(project)
    touched = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    assert touched == {
        "macros/model.py",
        "data/widgets.yml",
        TEMPLATE_FILE,
        "macros/addresses.py",
    }
    result = build(project)
    assert result.returncode == 0, result.output
    site = result.site

    # one page per widget, its title from the data, its body from the template
    for widget, name, said in (
        ("spring", "Spring", "It pushes back when pressed."),
        ("lever", "Lever", "It moves a load with less force."),
    ):
        html = (site / "widgets" / widget / "index.html").read_text(encoding="utf-8")
        assert re.search(rf"<h1[^>]*>{name}</h1>", html), widget
        assert '<h2 id="does">What it does</h2>' in html
        assert f"<p>{said}<sup" in html
        # its sources, numbered, with the citation linking to its entry
        assert 'href="#ref-1"' in html and 'id="ref-1"' in html
    spring = (site / "widgets" / "spring" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="A coil that stores energy.">' in spring

    # their nav: a section of their own, written by the stage with its markers
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_load(config)["nav"]
    assert {"Widgets": ["widgets/spring.md", "widgets/lever.md"]} in nav
    assert "# >>> widgets pages" in config and "# <<< widgets pages" in config
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="widgets/spring/"' in home  # the section's first page
    assert 'href="../lever/"' in spring  # the section, open on its own page
    # every link of the new pages leads to a file of the site
    for widget in ("spring", "lever"):
        folder = site / "widgets" / widget
        html = (folder / "index.html").read_text(encoding="utf-8")
        for link in re.findall(r'(?:href|src)="([^"#?]+)', html):
            if re.match(r"[a-z]+:", link):
                continue  # another site
            target = (folder / link).resolve()
            assert (target / "index.html" if target.is_dir() else target).is_file(), link

    # the build record knows each page's kind and item, and its sources
    page = record.read(site).by_source()["widgets/spring.md"]
    assert (page.kind, page.item, page.title) == ("widget", "spring", "Spring")
    assert [c.id for c in page.citations] == ["msd-b12-deficiency"]

    # the open data: the new file with its schema, and each page's description
    opened = subprocess.run(
        [sys.executable, "-m", "scripts.open_data", str(site)],
        cwd=project,
        env=engine_env(),
        text=True,
        capture_output=True,
    )
    assert opened.returncode == 0, opened.stderr
    data = site / "data"
    assert [m["id"] for m in json.loads((data / "widgets.json").read_text())] == [
        "spring",
        "lever",
    ]
    assert (data / "schema" / "widgets.schema.json").is_file()
    described = json.loads((data / "pages" / "widgets" / "spring.json").read_text())
    assert described["name"] == "Spring"


def failed_without_a_traceback(result: Build | subprocess.CompletedProcess[str]) -> str:
    output = result.output if isinstance(result, Build) else result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    return output


def test_a_rule_without_its_template_is_refused_at_the_template_file(tmp_path: Path) -> None:
    project = code_project(tmp_path)
    add_kind(project, template=False)
    expected = (
        f"{TEMPLATE_FILE}:1: the template of the generated widgets pages is missing "
        "(expected this file: the rule at macros/addresses.py:"
    )
    # the generation stage (the first step of every build) refuses it
    output = failed_without_a_traceback(build(project))
    assert expected in output, output
    assert not (project / "docs" / "widgets").exists()
    # and so does the engine, run on its own (the macros' check before any page renders)
    engine = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=project,
        env=engine_env(),
        text=True,
        capture_output=True,
    )
    output = failed_without_a_traceback(engine)
    assert expected in output, output
    # the control: with its template, the same project builds
    (project / TEMPLATE_FILE).write_text(TEMPLATE, encoding="utf-8")
    assert build(project).returncode == 0


def test_a_rule_naming_a_data_file_the_model_lacks_is_refused_at_the_rule(tmp_path: Path) -> None:
    project = code_project(tmp_path)
    add_in(project / "macros" / "addresses.py", ")\n\n\ndef rule_for(", RULE)
    (project / "data" / "widgets.yml").write_text(DATA, encoding="utf-8")
    (project / TEMPLATE_FILE).write_text(TEMPLATE, encoding="utf-8")
    output = failed_without_a_traceback(build(project))
    assert re.search(
        r"macros/addresses\.py:\d+: the page rule of 'widgets' names no list data file: "
        r"expected a field 'widgets: dict\[str, <its model>\]' on SiteData in macros/model\.py",
        output,
    ), output


def test_a_rule_naming_a_field_or_component_that_does_not_exist_is_refused() -> None:
    from dataclasses import replace

    from macros.addresses import PAGE_RULES, rule_for
    from macros.components import rule_problems

    assert rule_problems(ROOT, PAGE_RULES) == []  # the control: the real rules
    wrong = replace(rule_for("symptoms"), title="nmae", after=("care_crad",))
    problems = rule_problems(ROOT, [wrong])
    assert [(file, problem) for file, _, problem in problems] == [
        (
            "macros/addresses.py",
            "the page rule of 'symptoms' names the field 'nmae', which Symptom "
            "(macros/model.py) does not have; did you mean 'name' or 'care'?",
        ),
        (
            "macros/addresses.py",
            "the page rule of 'symptoms' names the component 'care_crad', which is not a "
            "method of Components (macros/components.py)",
        ),
    ]
    assert all(line > 1 for _, line, _ in problems)  # the line of the rule
