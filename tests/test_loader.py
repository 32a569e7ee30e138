"""Unit tests of the data loader on small fixtures: each bad input names file, line and problem."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import pytest

from macros import yamlpos
from macros.errors import DataErrors
from macros.loader import (
    FILES,
    MAX_ERRORS_PER_FILE,
    citation_counts,
    load_site,
    ref_fields,
    refs,
)
from macros.model import Id, Item, RefTo

from .conftest import FIXTURE_DATA


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture data set."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


def errors_of(data: Path) -> list[str]:
    """The formatted errors the loader reports for ``data`` (fails if it loads cleanly)."""
    with pytest.raises(DataErrors) as caught:
        load_site(data)
    return [e.format() for e in caught.value.errors]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1))


def test_fixture_loads_into_typed_model(data: Path) -> None:
    site = load_site(data)
    assert site.symptoms["paresthesia"].lay_terms == ["pins and needles", "tingling feet"]
    assert site.foods["nutritional-yeast"].mcg_max == 24
    assert site.articles["test-article"].review_due.year == 2027


def test_citation_counts_include_nested_sources(data: Path) -> None:
    counts = citation_counts(load_site(data))
    # care.yml (nested urgent level) is the only place citing nhs-stroke; articles.yml
    # cites msd-b12-deficiency in its lead and two key points.
    assert counts["nhs-stroke"] == 1
    assert counts["msd-b12-deficiency"] == 6
    assert counts["nhs-leg-cramps"] == 0


def test_yaml_syntax_error_names_line(data: Path) -> None:
    edit(data / "symptoms.yml", "  feels_like: A prickly", "  feels_like: [A prickly")
    (error,) = errors_of(data)
    assert error.startswith("data/symptoms.yml:")
    assert "YAML syntax error" in error


def test_duplicate_mapping_key_is_refused(data: Path) -> None:
    edit(data / "foods.yml", "  serving: 3 ounces\n", "  serving: 3 ounces\n  serving: 4 ounces\n")
    (error,) = errors_of(data)
    assert error.startswith("data/foods.yml:4:3: [0].serving: duplicate key 'serving'")
    assert "first given on line 3" in error


def test_duplicate_id_names_both_lines(data: Path) -> None:
    edit(data / "foods.yml", "- id: nutritional-yeast", "- id: clams")
    (error,) = errors_of(data)
    assert error == (
        "data/foods.yml:9:7: [1].id: duplicate id 'clams' "
        "(first used on line 1; expected each id once)"
    )


def test_unknown_field_lists_the_known_ones(data: Path) -> None:
    edit(
        data / "tests.yml",
        "  name: Vitamin B12 blood test\n",
        "  name: Vitamin B12 blood test\n  colour: red\n",
    )
    (error,) = errors_of(data)
    assert error.startswith("data/tests.yml:3:11: [0].colour: unknown field 'colour'")
    assert "expected one of: id, name, what_it_measures, what_it_shows, sources" in error


def test_wrong_type_gives_value_and_expectation(data: Path) -> None:
    edit(data / "foods.yml", "  mcg: 17\n", "  mcg: lots\n")
    (error,) = errors_of(data)
    assert error.startswith("data/foods.yml:4:8: [0].mcg: ")
    assert error.endswith("must be a number (got 'lots')")


def test_missing_required_field(data: Path) -> None:
    edit(
        data / "treatments.yml",
        "  how_often: {text: Every day., sources: [ods-b12-professional#fixture]}\n",
        "",
    )
    (error,) = errors_of(data)
    assert (
        error
        == "data/treatments.yml:8:3: [1].how_often: required field is missing (expected a value)"
    )


def test_unknown_cross_reference_suggests_nearest(data: Path) -> None:
    edit(
        data / "symptoms.yml",
        "  mechanisms: [demyelination]\n  how_b12_causes_it: [{text: Damaged",
        "  mechanisms: [demyelinaton]\n  how_b12_causes_it: [{text: Damaged",
    )
    (error,) = errors_of(data)
    assert error.startswith(
        "data/symptoms.yml:7:16: [0].mechanisms[0]: unknown mechanisms id 'demyelinaton'"
    )
    assert "did you mean 'demyelination'?" in error


def test_unknown_source_is_reported_where_it_is_cited(data: Path) -> None:
    edit(
        data / "glossary.yml", "sources: [msd-b12-deficiency#fixture]", "sources: [msd-b12#fixture]"
    )
    (error,) = errors_of(data)
    assert error.startswith(
        "data/glossary.yml:5:13: [0].sources[0]: unknown reference id 'msd-b12'"
    )


def test_empty_file(data: Path) -> None:
    (data / "intake.yml").write_text("# only a comment\n")
    assert errors_of(data) == ["data/intake.yml:1:1: file is empty (expected a list of items)"]


def test_file_that_is_not_utf8(data: Path) -> None:
    (data / "intake.yml").write_bytes("- id: adults\n  life_stage: caf\xe9\n".encode("latin-1"))
    (error,) = errors_of(data)
    assert error == "data/intake.yml:2:18: byte 0xe9 is not UTF-8 (expected UTF-8 text)"


def test_every_error_is_reported_not_just_the_first(data: Path) -> None:
    edit(data / "foods.yml", "  mcg: 17\n", "  mcg: lots\n")
    edit(data / "tests.yml", "- id: serum-b12", "- id: Serum B12")
    (data / "intake.yml").write_text("")
    found = errors_of(data)
    assert [e.split(":")[0] for e in found] == [
        "data/foods.yml",
        "data/intake.yml",
        "data/tests.yml",
    ]
    assert "must be a kebab-case id such as muscle-cramps" in found[2]


def test_review_due_must_follow_reviewed(data: Path) -> None:
    edit(data / "articles.yml", "review_due: 2027-11-21", "review_due: 2025-11-21")
    (error,) = errors_of(data)
    assert error.startswith(
        "data/articles.yml:26:15: [0].review_due: review_due 2025-11-21 is not after reviewed"
    )


def test_comparison_row_needs_one_cell_per_column(data: Path) -> None:
    edit(data / "comparisons.yml", "cells: [Slow, <b>Sudden</b>]", "cells: [Slow]")
    (error,) = errors_of(data)
    assert "rows[0] ('Onset') has 1 cells (expected 2, one per column)" in error


def test_a_reviewer_is_named_only_for_a_clinical_review(data: Path) -> None:
    edit(
        data / "articles.yml",
        "review_status: editorial-review",
        "review_status: clinical-review",
    )
    with pytest.raises(DataErrors) as caught:
        load_site(data)
    assert "review_status clinical-review needs a reviewer (name, credentials)" in str(caught.value)
    edit(
        data / "articles.yml",
        "review_status: clinical-review",
        "review_status: draft\n  reviewer: {name: A Person, credentials: MBBS}",
    )
    with pytest.raises(DataErrors) as caught:
        load_site(data)
    assert "a reviewer is named only for clinical-review (status is draft)" in str(caught.value)


def test_the_leaflet_needs_a_chosen_key_point(data: Path) -> None:
    edit(
        data / "articles.yml",
        "      sources: [msd-b12-deficiency#fixture]\n      leaflet: true\n",
        "      sources: [msd-b12-deficiency#fixture]\n",
    )
    with pytest.raises(DataErrors) as caught:
        load_site(data)
    assert "no key_points item has 'leaflet: true'" in str(caught.value)


def test_every_reference_field_is_found_from_the_models() -> None:
    """The fields marked RefTo, found from the models alone; each names a data file."""
    found = {
        (name, field): target
        for name, (model, _) in FILES.items()
        for field, target in ref_fields(model).items()
    }
    assert found[("symptoms", "mechanisms")] == "mechanisms"
    assert found[("comparisons", "article")] == "articles"
    assert found[("faq", "articles")] == "articles"
    assert found[("articles", "symptoms")] == "symptoms"
    assert all(target in FILES for target in found.values())


def test_a_new_reference_field_is_checked_without_a_table() -> None:
    """A field marked RefTo in a model the loader has never seen is walked, nested too."""

    class Link(Item):
        to: Annotated[Id, RefTo("symptoms")]
        sources: Annotated[list[Id], RefTo("references")]

    class Page(Item):
        id: Id
        related: Annotated[list[Id], RefTo("articles")]
        links: list[Link]
        note: str  # not a reference: never walked

    page = Page(
        id="p",
        related=["a1"],
        links=[Link(to="s1", sources=["r1", "r2"])],
        note="muscle-cramps",
    )
    assert list(refs(page)) == [
        ("articles", ("related", 0), "a1"),
        ("symptoms", ("links", 0, "to"), "s1"),
        ("references", ("links", 0, "sources", 0), "r1"),
        ("references", ("links", 0, "sources", 1), "r2"),
    ]


def test_unknown_article_of_a_comparison_is_reported(data: Path) -> None:
    """A single-id reference field (Comparison.article) is checked like the lists."""
    edit(data / "comparisons.yml", "article: test-article", "article: test-artikel")
    (error,) = errors_of(data)
    assert "unknown articles id 'test-artikel'" in error
    assert "did you mean 'test-article'?" in error


def test_each_item_knows_where_it_starts(data: Path) -> None:
    site = load_site(data)
    assert site.origins.of("foods", "nutritional-yeast") == ("data/foods.yml", 9, 7)
    assert site.origins.of("articles", "test-article") == ("data/articles.yml", 1, 7)


def test_a_file_of_too_many_values_is_refused(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Millions of tiny values fit in the size limit; the loader stops counting at a cap
    (lowered here so that the test stays fast)."""
    monkeypatch.setattr(yamlpos, "MAX_VALUES", 100)
    (data / "intake.yml").write_text("- x\n" * 101)
    assert errors_of(data) == [
        "data/intake.yml:100:3: [99]: file holds more than 100 values "
        "(expected far fewer: split it or remove what does not belong)"
    ]
    (data / "intake.yml").write_text("- x\n" * 99)  # control: the list and 99 items, checked
    assert len(errors_of(data)) == 51


def test_checking_a_file_stops_after_many_errors(data: Path) -> None:
    (data / "intake.yml").write_text("- x\n" * 80)
    found = errors_of(data)
    assert len(found) == MAX_ERRORS_PER_FILE + 1
    assert found[0] == "data/intake.yml:1:3: [0]: must be a mapping of field: value (got 'x')"
    assert found[-1] == (
        "data/intake.yml:51:3: checking stopped after 50 errors in this file, 30 items "
        "unchecked (expected far fewer: fix these first)"
    )


def test_a_control_character_after_accented_text_is_placed_on_its_own_line(
    tmp_path: Path,
) -> None:
    from macros.yamlpos import load_positioned

    path = tmp_path / "ctl.yml"
    path.write_bytes('- id: a\n  name: "Café crème"\n  x: é\n  y: a\x07b\n'.encode())
    _, errors = load_positioned(path, "ctl.yml")
    assert [(e.line, e.col) for e in errors] == [(4, 7)]
    assert errors[0].problem == "character U+0007 is not allowed (expected printable text)"
