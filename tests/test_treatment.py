"""Treatment by cause, intake and foods: the model's rules (every mistake reported at its
file and line, all at once) and the components that show them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.components import ComponentError, Components, PageState
from macros.errors import DataErrors
from macros.loader import Site, load_site
from macros.model import TREATMENT_CAUSES, Cited, Food, Intake, Treatment

from .conftest import FIXTURE_DATA, ROOT

TEMPLATES = ROOT / "overrides" / "partials" / "b12"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture data set."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name} should contain {old!r} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def without_labels(html: str) -> str:
    """A table's HTML without the column labels a stacked cell repeats for a narrow screen."""
    return re.sub(r'<span class="b12-table__label" aria-hidden="true">[^<]*</span> ', "", html)


def errors_of(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_site(data)
    return [e.format() for e in caught.value.errors]


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(FIXTURE_DATA)


@pytest.fixture(scope="module")
def parts(site: Site) -> Components:
    return Components(site, TEMPLATES)


@pytest.fixture
def page(site: Site) -> PageState:
    return PageState(
        path="articles/test-article.md",
        url="articles/test-article/",
        items={"article": site.articles["test-article"]},
    )


# --- the model: one entry per cause, short summaries, metric servings, UK or US intake ---


def test_a_missing_cause_is_named(data: Path) -> None:
    text = (data / "treatments.yml").read_text()
    (data / "treatments.yml").write_text(text[: text.index("- id: nitrous-oxide")])
    assert errors_of(data) == [
        "data/treatments.yml:1:1: no entry for the cause 'nitrous-oxide' (expected one entry "
        "per cause: diet, medicines, malabsorption, nerve-involvement, nitrous-oxide)"
    ]


def test_a_cause_given_twice_is_refused(data: Path) -> None:
    replace(data / "treatments.yml", "- id: medicines\n", "- id: diet\n")
    assert errors_of(data) == [
        "data/treatments.yml:1:1: no entry for the cause 'medicines' (expected one entry per "
        "cause: diet, medicines, malabsorption, nerve-involvement, nitrous-oxide)",
        "data/treatments.yml:8:7: [1].id: duplicate id 'diet' (first used on line 1; "
        "expected each id once)",
    ]


def test_an_unknown_cause_lists_the_causes(data: Path) -> None:
    replace(data / "treatments.yml", "- id: nitrous-oxide\n", "- id: laughing-gas\n")
    # the broken entry is reported once, not again as a missing cause
    assert errors_of(data) == [
        "data/treatments.yml:26:7: [4].id: must be one of 'diet', 'medicines', "
        "'malabsorption', 'nerve-involvement' or 'nitrous-oxide' (got 'laughing-gas')"
    ]


def test_a_long_summary_is_refused_with_its_length(data: Path) -> None:
    long = "Tablets. " * 30
    replace(
        data / "treatments.yml",
        "summary: {text: B12 tablets every day., sources",
        f"summary: {{text: {long.strip()}, sources",
    )
    (error,) = errors_of(data)
    assert error.startswith("data/treatments.yml:3:12: [0].summary: summary is 269 characters")
    assert "(expected at most 240: one short sentence" in error


def test_a_statement_without_sources_is_refused(data: Path) -> None:
    replace(
        data / "treatments.yml",
        "how_often: {text: Every day., sources: [nhs-b12-folate-anaemia#fixture]}",
        "how_often: {text: Every day.}",
    )
    assert errors_of(data) == [
        "data/treatments.yml:5:14: [0].how_often.sources: required field is missing "
        "(expected a value)"
    ]


def test_a_risk_group_that_does_not_exist_is_named(data: Path) -> None:
    replace(data / "treatments.yml", "risk_groups: [medicines]", "risk_groups: [medicine]")
    (error,) = errors_of(data)
    assert error.startswith(
        "data/treatments.yml:7:17: [0].risk_groups[0]: unknown risk_groups id 'medicine'"
    )
    assert "did you mean 'medicines'?" in error


def test_intake_and_food_mistakes_are_reported_together(data: Path) -> None:
    replace(data / "intake.yml", "  country: US\n", "  country: USA\n")
    replace(
        data / "foods.yml",
        "  serving: 3 ounces\n",
        "  serving: 3 ounces\n  serving_metric: a bit\n",
    )
    replace(data / "treatments.yml", "  name: If a medicine is the cause\n", "")
    assert errors_of(data) == [
        "data/foods.yml:4:19: [0].serving_metric: serving_metric 'a bit' gives no metric "
        "amount (expected grams or millilitres as the source writes them, such as '85 g' "
        "or '250 ml')",
        "data/intake.yml:8:12: [1].country: must be one of 'UK' or 'US' (got 'USA')",
        "data/treatments.yml:8:3: [1].name: required field is missing (expected a value)",
    ]


def test_metric_servings_accept_what_sources_write() -> None:
    for serving in ("85 g", "250ml", "1 slice (36 g)", "0.5 l"):
        food = Food.model_validate(
            {
                "id": "x",
                "name": "X",
                "serving": "3 ounces",
                "serving_metric": serving,
                "mcg": 1,
                "percent_dv": 1,
                "group": "animal",
                "vegan": False,
                "sources": ["r"],
            }
        )
        assert food.serving_metric == serving


def test_the_causes_are_the_guides_order() -> None:
    assert TREATMENT_CAUSES == (
        "diet",
        "medicines",
        "malabsorption",
        "nerve-involvement",
        "nitrous-oxide",
    )
    assert Treatment.check_collection([]) and len(Treatment.check_collection([])) == 5


# --- the components ---


def test_treatments_list_shows_every_cause_in_order_with_its_citations(
    parts: Components, page: PageState
) -> None:
    html = parts.items(page, "treatments", None, level=3)
    anchors = re.findall(r'<h3 id="treatment-([a-z-]+)">', html)
    assert anchors == list(TREATMENT_CAUSES)
    for label in ("Treatment:", "How often:", "How long:"):
        assert html.count(f"<strong>{label}</strong>") == 5
    # every statement carries its own citation: summary, treatment, how often, how long
    first = html[: html.index('id="treatment-medicines"')]
    assert first.count('class="b12-cite"') == 4
    assert (
        '<a href="../../guides/who-is-at-risk/#risk-medicines">People taking certain medicines</a>'
        in html
    )


def test_treatments_list_escapes_data_text(site: Site, page: PageState) -> None:
    diet = site.treatments["diet"]
    hostile = diet.model_copy(
        update={
            "treatment": Cited(
                text="<script>x</script> & more", sources=["ods-b12-professional#fixture"]
            )
        }
    )
    treatments = {**site.treatments, "diet": hostile}
    parts = Components(Site(**{**vars(site), "treatments": treatments}), TEMPLATES)
    html = parts.items(page, "treatments", ["diet"])
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt; &amp; more" in html


def test_treatment_summary_links_each_cause_to_the_guide(
    parts: Components, page: PageState
) -> None:
    html = parts.treatment_summary(page)
    items = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>: ', html)
    assert [href for href, _ in items] == [
        f"../../guides/treatments/#treatment-{cause}" for cause in TREATMENT_CAUSES
    ]
    assert items[0][1] == "If your diet is the cause"
    assert html.count('class="b12-cite"') == 5


def test_treatment_summary_of_chosen_causes_and_a_wrong_one(
    parts: Components, page: PageState
) -> None:
    html = parts.treatment_summary(page, ["malabsorption", "diet"])
    assert re.findall(r"#treatment-([a-z-]+)", html) == ["malabsorption", "diet"]
    with pytest.raises(ComponentError, match="unknown treatment id 'nerves'"):
        parts.treatment_summary(page, ["nerves"])


def test_intake_table_puts_the_uk_amount_first(parts: Components, page: PageState) -> None:
    html = without_labels(parts.intake_table(page))
    rows = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td><td>([^<]+)</td></tr>', html
    )
    assert rows == [("Adults", "about 1.5 mcg", "UK"), ("Adults 19+ years", "2.4 mcg", "US")]


def test_intake_table_sorts_uk_first_whatever_the_file_order(site: Site, page: PageState) -> None:
    reordered = dict(reversed(list(site.intake.items())))
    parts = Components(Site(**{**vars(site), "intake": reordered}), TEMPLATES)
    html = without_labels(parts.intake_table(page))
    assert html.index(">UK<") < html.index(">US<")


def test_food_table_shows_a_metric_serving_only_when_given(site: Site, page: PageState) -> None:
    clams = site.foods["clams"]
    plain = without_labels(Components(site, TEMPLATES).food_table(page, ["clams"]))
    assert "(" not in plain.split("<td>")[1].split("</td>")[0]
    metric = clams.model_copy(update={"serving_metric": "85 g"})
    parts = Components(Site(**{**vars(site), "foods": {**site.foods, "clams": metric}}), TEMPLATES)
    assert "<td>3 ounces (85 g)</td>" in without_labels(parts.food_table(page, ["clams"]))


def test_intake_rows_say_whose_advice() -> None:
    with pytest.raises(ValueError, match="country"):
        Intake.model_validate({"id": "x", "life_stage": "Adults", "mcg": 1.5, "sources": ["r"]})
