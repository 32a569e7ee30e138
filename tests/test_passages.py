"""Every citation names the source's own words: passages in references.yml, citations as
``reference-id#passage-id``, at most two references a citation; and text that cannot
mislead by its characters or dates. Each rule with the input that breaks it."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros import loader
from macros.characters import hidden_characters
from macros.components import ComponentError, Components, PageState
from macros.errors import DataErrors
from macros.evidence import page_citations, uses
from macros.loader import load_site
from scripts.config import page_jinja

from .conftest import FIXTURE_DATA, FIXTURE_DOCS, ROOT, build

TEMPLATES = ROOT / "overrides" / "partials" / "b12"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


@pytest.fixture
def checked() -> Iterator[None]:
    """The citation rules in force, as they are for every build."""
    assert loader.CITATIONS_CHECKED
    yield


def errors_of(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_site(data)
    return [e.format() for e in caught.value.errors]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_the_fixture_cites_passages_and_loads_with_the_rules_in_force(
    data: Path, checked: None
) -> None:
    site = load_site(data)
    passage = site.references["msd-b12-deficiency"].passage("fixture")
    assert passage is not None and passage.read == dt.date(2026, 12, 1)


def test_a_citation_without_its_passage_fails_at_its_line(data: Path, checked: None) -> None:
    glossary = data / "glossary.yml"
    edit(glossary, "[msd-b12-deficiency#fixture]", "[msd-b12-deficiency]")
    line = line_of(glossary, "[msd-b12-deficiency]")
    (error,) = errors_of(data)
    assert error.startswith(f"data/glossary.yml:{line}:")
    assert "names no passage (expected 'msd-b12-deficiency#<passage id>'" in error
    assert "its passages are: fixture" in error


def test_without_the_rules_a_bare_reference_id_would_load(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The negative control of the test above: the rule, not something else, refuses it."""
    monkeypatch.setattr(loader, "CITATIONS_CHECKED", False)
    edit(data / "glossary.yml", "[msd-b12-deficiency#fixture]", "[msd-b12-deficiency]")
    assert load_site(data).glossary


def test_an_unknown_passage_fails_always(data: Path) -> None:
    edit(data / "glossary.yml", "msd-b12-deficiency#fixture", "msd-b12-deficiency#fixtur")
    (error,) = errors_of(data)
    assert "unknown passage 'fixtur' of 'msd-b12-deficiency'" in error
    assert "did you mean 'fixture'?" in error


def test_three_references_on_one_claim_fail(data: Path, checked: None) -> None:
    articles = data / "articles.yml"
    edit(
        articles,
        "sources: [nhs-b12-folate-anaemia#fixture]",
        "sources: [nhs-b12-folate-anaemia#fixture, msd-b12-deficiency#fixture, "
        "ods-b12-consumer#fixture]",
    )
    (error,) = errors_of(data)
    assert "cites 3 references (nhs-b12-folate-anaemia, msd-b12-deficiency, ods-b12-consumer)" in (
        error
    )
    assert "expected at most 2" in error


def test_two_passages_of_one_reference_count_once(data: Path, checked: None) -> None:
    references = data / "references.yml"
    edit(
        references,
        "      read: 2026-12-01\n",
        "      read: 2026-12-01\n    - id: second\n      quote: More words.\n"
        "      read: 2026-12-01\n",
    )
    edit(
        data / "articles.yml",
        "sources: [nhs-b12-folate-anaemia#fixture]",
        "sources: [ods-b12-professional#fixture, ods-b12-professional#second, "
        "nhs-b12-folate-anaemia#fixture]",
    )
    assert load_site(data).articles


def test_a_passage_id_is_unique_within_its_reference(data: Path) -> None:
    edit(
        data / "references.yml",
        "      read: 2026-12-01\n",
        "      read: 2026-12-01\n    - id: fixture\n      quote: Again.\n      read: 2026-12-01\n",
    )
    (error,) = errors_of(data)
    assert "duplicate passage id 'fixture'" in error


def test_a_source_read_on_a_day_still_to_come_fails(data: Path) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    references = data / "references.yml"
    edit(references, "      read: 2026-12-01\n", f"      read: {tomorrow.isoformat()}\n")
    edit(
        references,
        "  url: https://medlineplus.gov/ency/article/000574.htm\n",
        f"  url: https://medlineplus.gov/ency/article/000574.htm\n  accessed: {tomorrow}\n",
    )
    errors = errors_of(data)
    assert len(errors) == 2, errors
    assert all("is in the future (expected today" in e for e in errors)
    assert any(".passages[0].read:" in e for e in errors)
    assert any(".accessed:" in e for e in errors)


def test_hidden_and_direction_changing_characters_fail_every_one_at_its_place(
    data: Path,
) -> None:
    foods = data / "foods.yml"
    text = foods.read_text()
    first = text.index("name:")
    text = text[: first + 6] + "\u202e" + text[first + 6 :]
    text = text.replace("serving:", "serving:\u200b", 1)
    foods.write_text(text)
    errors = errors_of(data)
    assert len(errors) == 2, errors
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed" in errors[0]
    assert "U+200B (ZERO WIDTH SPACE) is not allowed" in errors[1]
    assert all(e.startswith("data/foods.yml:") for e in errors)


def test_visible_text_in_any_script_is_allowed() -> None:
    assert list(hidden_characters("Café, naïve, 1–2 mg, “quoted”, ½, µg, 日本語")) == []
    assert [p[:2] for p in hidden_characters("a\nb\u2066c")] == [(2, 2)]


def components(data: Path) -> Components:
    return Components(load_site(data), TEMPLATES, FIXTURE_DOCS, page_syntax=page_jinja())


def test_a_page_citation_names_a_passage(data: Path, checked: None) -> None:
    parts = components(data)
    page = PageState(path="articles/x.md")
    assert "[1]" in parts.cite(page, ["msd-b12-deficiency#fixture"])
    with pytest.raises(ComponentError, match="names no passage"):
        parts.cite(page, ["msd-b12-deficiency"])
    with pytest.raises(ComponentError, match="unknown passage 'nope'"):
        parts.cite(page, ["msd-b12-deficiency#nope"])
    with pytest.raises(ComponentError, match="cites 3 references"):
        parts.cite(
            page,
            ["msd-b12-deficiency#fixture", "ods-b12-consumer#fixture", "nhs-stroke#fixture"],
        )


def test_the_sources_page_shows_each_passage_and_what_relies_on_it(data: Path) -> None:
    html = components(data).source_list(PageState(path="help/sources.md"))
    assert "A passage of the source standing in for its words in tests." in html
    assert "Read 2026-12-01" in html
    # the fixture article's lead and its page sentence rely on the MSD passage
    assert "data/articles.yml, test-article" in html
    assert "docs/articles/test-article.md:8:</span> Low B12 harms myelin." in html


def test_page_citations_give_the_words_each_citation_backs() -> None:
    page = 'One claim. {{ cite("a#x") }} Two claims here. {{ cite("b#y", "c#z") }}\n'
    assert list(page_citations(page, page_jinja())) == [
        (1, "a#x", "One claim."),
        (1, "b#y", "Two claims here."),
        (1, "c#z", "Two claims here."),
    ]


def test_page_citations_readers_cannot_see_are_not_indexed() -> None:
    shown = 'Shown. {{ cite("a#x") }}\n\n'
    hidden = (
        'Hidden. {## {{ cite("b#y") }} ##}\n\n'
        'Hidden too. <!-- {{ cite("c#z") }} -->\n\n'
        '```\n{{ cite("d#w") }}\n```\n'
    )
    assert [c for _, c, _ in page_citations(shown + hidden, page_jinja())] == ["a#x"]


def test_uses_cover_data_and_pages(data: Path) -> None:
    found = uses(load_site(data), FIXTURE_DOCS, page_jinja())
    wheres = [u.where for u in found["msd-b12-deficiency#fixture"]]
    assert any(w.startswith("data/") for w in wheres)
    assert any(w.startswith("docs/articles/test-article.md:") for w in wheres)


def test_a_hidden_character_in_a_page_fails_the_build_at_its_line(project: Path) -> None:
    page = project / "docs" / "articles" / "test-article.md"
    text = page.read_text().replace("Low B12 harms myelin.", "Low B12 harms\u202e myelin.")
    page.write_text(text)
    result = build(project)
    assert result.returncode != 0
    line = line_of(page, "Low B12 harms")
    assert f"docs/articles/test-article.md:{line}: invisible or direction-changing character " in (
        result.output
    )
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in result.output
    assert "Traceback" not in result.output


def test_a_malformed_citation_says_what_a_citation_looks_like(data: Path) -> None:
    edit(data / "glossary.yml", "msd-b12-deficiency#fixture", "msd-b12-deficiency#Fixture")
    (error,) = errors_of(data)
    assert "must be a citation 'reference-id#passage-id'" in error


def test_a_copy_read_over_http_is_recorded_as_read(data: Path) -> None:
    edit(
        data / "references.yml",
        "      read: 2026-12-01\n",
        "      read: 2026-12-01\n      via: http://111.wales.nhs.uk/encyclopaedia/a/\n",
    )
    assert load_site(data).references
    edit(data / "references.yml", "via: http://111", "via: ftp://111")
    (error,) = errors_of(data)
    assert "must be a full web address, as read" in error


def test_the_build_fails_on_a_page_citation_without_its_passage(project: Path) -> None:
    """The negative control of the real build: the fixture builds, and the same fixture
    with one citation's passage removed does not, naming the page and line."""
    page = project / "docs" / "articles" / "test-article.md"
    assert build(project).returncode == 0
    page.write_text(
        page.read_text().replace('cite("msd-b12-deficiency#fixture")', 'cite("msd-b12-deficiency")')
    )
    result = build(project)
    assert result.returncode != 0
    line = line_of(page, 'cite("msd-b12-deficiency")')
    assert (
        f"docs/articles/test-article.md:{line}: cite(): citation 'msd-b12-deficiency' names no "
        "passage" in result.output
    )
