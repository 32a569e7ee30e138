"""Build a tiny site from the fixtures with the real macros and theme, as `make site` does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scripts.engine import generation_stage

from .conftest import Build, build


def page_text(site: Path, path: str) -> str:
    return (site / path).read_text()


def test_fixture_site_builds_with_generated_symptom_pages(fixture_site: Build) -> None:
    result = fixture_site
    assert result.returncode == 0, result.output
    for symptom in ("paresthesia", "muscle-cramps"):
        html = page_text(result.site, f"symptoms/{symptom}/index.html")
        assert "Where this site covers it" in html
    cramps = page_text(result.site, "symptoms/muscle-cramps/index.html")
    assert 'href="../../articles/test-article/">Can low B12 cause cramps?</a>' in cramps
    assert "Table: " in cramps
    tingling = page_text(result.site, "symptoms/paresthesia/index.html")
    assert "Table: " not in tingling  # negative control: no table lists this symptom


def test_a_new_symptom_in_yaml_gets_its_page(project: Path) -> None:
    with (project / "data" / "symptoms.yml").open("a") as f:
        f.write(
            "- id: twitching\n  name: Muscle twitches\n  lay_terms: [jumpy muscles]\n"
            "  feels_like: Small flickers under the skin.\n  body_areas: [legs]\n"
            "  mechanisms: [demyelination]\n"
            "  how_b12_causes_it: [{text: Misfiring nerves., sources: [msd-b12-deficiency#fixture]}]\n"
            "  care: {level: routine, text: Twitches keep coming back., sources: [msd-b12-deficiency#fixture]}\n"
            "  sources: [msd-b12-deficiency#fixture]\n"
        )
    result = build(project)
    assert result.returncode == 0, result.output
    html = page_text(result.site, "symptoms/twitching/index.html")
    assert "<h1" in html and "Muscle twitches</h1>" in html
    assert "jumpy muscles" in page_text(result.site, "symptoms/index.html")


def test_article_page_has_chrome_and_structured_data(fixture_site: Build) -> None:
    result = fixture_site
    assert result.returncode == 0, result.output
    html = page_text(result.site, "articles/test-article/index.html")
    assert re.search(
        r"</h1>\s*<p class=\"b12-page-meta\" data-search-exclude=\"\">"
        r"<span class=\"b12-page-meta__item\">\d+ min read",
        html,
    )
    assert '<time datetime="2027-11-21">21 November 2027</time>' in html
    assert 'class="b12-disclaimer"' in html
    assert '<meta name="description" content="Low B12 can cause cramps.">' in html
    blocks = [
        json.loads(b)
        for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    types = {b["@type"]: b for b in blocks}
    assert types["MedicalWebPage"]["lastReviewed"] == "2026-11-21"
    assert "reviewedBy" not in types["MedicalWebPage"]  # no clinician named
    assert "Checked against its sources by the editorial team" in html
    home = page_text(result.site, "index.html")  # data/review.yml: a draft
    assert "Draft: not yet checked against its sources" in home
    assert "lastReviewed" not in home and "Last checked" not in home
    assert types["FAQPage"]["mainEntity"][0]["name"] == "Can low B12 cause cramps?"
    home = page_text(result.site, "index.html")
    assert "FAQPage" not in home  # negative control: no FAQ on the home page


def test_data_text_is_never_a_template_nor_html(fixture_site: Build) -> None:
    result = fixture_site
    assert result.returncode == 0, result.output
    html = page_text(result.site, "articles/test-article/index.html")
    assert "Yes. {{ 7 * 7 }}" in html and "Yes. 49" not in html
    assert "<script>alert(1)</script>" not in html


def test_unknown_id_in_a_page_fails_naming_the_page(project: Path) -> None:
    page = project / "docs" / "articles" / "test-article.md"
    page.write_text(
        page.read_text().replace('comparison("cramps-vs-other-causes")', 'comparison("cramps")')
    )
    result = build(project)
    assert result.returncode != 0
    assert (
        "docs/articles/test-article.md:14: comparison(): unknown comparison id 'cramps' "
        "(the ids are: 'cramps-vs-other-causes')"
    ) in result.output
    assert "Traceback" not in result.output


def test_bad_data_fails_with_file_and_line_and_no_traceback(project: Path) -> None:
    foods = project / "data" / "foods.yml"
    foods.write_text(foods.read_text().replace("  mcg: 17\n", "  mcg: lots\n"))
    result = build(project)
    assert result.returncode != 0
    assert "data/foods.yml:4:8: [0].mcg:" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site" / "index.html").exists()


def test_article_missing_a_required_part_fails(project: Path) -> None:
    page = project / "docs" / "articles" / "test-article.md"
    page.write_text(page.read_text().replace("{{ care_card() }}", ""))
    result = build(project)
    assert result.returncode != 0
    assert (
        "docs/articles/test-article.md:2: missing the required section '{#when-to-get-help}' "
        "(written by {{ care_card() }})"
    ) in result.output


def test_a_rebuild_starts_with_no_problems_of_the_last_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in `mkdocs serve`: a failed build, then the mistake fixed and a rebuild in the
    same process. Page problems belong to one build, so the rebuild succeeds."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    # The generation stage runs before the engine, as in every build (scripts/engine.py).
    generation_stage(project, capture=False).check_returncode()
    monkeypatch.chdir(project.parent)  # files the build reads are found from its config
    page = project / "docs" / "articles" / "test-article.md"
    good = page.read_text()
    page.write_text(good.replace("{{ tests_list() }}", "{{ tests_list(['serum']) }}"))

    def build_in_process() -> None:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()

    with pytest.raises(SystemExit, match="unknown test id 'serum'"):
        build_in_process()  # the page check, before any page renders
    page.write_text(good)
    build_in_process()
    assert (project / "site" / "articles" / "test-article" / "index.html").is_file()
