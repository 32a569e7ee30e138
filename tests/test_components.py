"""Unit tests of the components on the fixture data: escaping, numbering, lookups, markup."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from pydantic import ValidationError

from macros.anatomy import heading
from macros.components import ComponentError, Components, Glossary, PageState, md_text
from macros.loader import Site, load_site
from macros.model import CARE_ORDER

from .conftest import FIXTURE_DATA, ROOT

TEMPLATES = ROOT / "overrides" / "partials" / "b12"


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


def test_citations_are_numbered_by_first_use_per_page(parts: Components, page: PageState) -> None:
    first = parts.cite(page, ["nhs-stroke#fixture"])
    second = parts.cite(page, ["ods-b12-professional#fixture", "nhs-stroke#fixture"])
    assert 'href="#ref-1"' in first and ">[1]<" in first
    # one marker per citation: its numbers in order, one link to the first of them
    assert '<a href="#ref-1"><span class="b12-sr-only">Sources </span>[1, 2]</a>' in second
    listed = parts.references(page)
    assert listed.index("Stroke") < listed.index("Vitamin B12: Fact Sheet for Health Professionals")
    assert (
        '<li id="ref-1"><a class="b12-refs__title" href="https://www.nhs.uk/conditions/stroke/">'
        "Stroke</a> (NHS)</li>" in listed
    )


def test_a_citation_of_many_sources_is_one_marker_with_runs(
    parts: Components, page: PageState
) -> None:
    ids = ["nhs-stroke#fixture", "ods-b12-professional#fixture"]
    parts.cite(page, ids)
    marker = parts.cite(page, list(reversed(ids)))
    assert marker.count("<a ") == 1 and ">[1, 2]<" in marker


def test_a_new_page_starts_numbering_again(parts: Components, site: Site) -> None:
    other = PageState(path="x.md")
    assert ">[1]<" in parts.cite(other, ["nhs-leg-cramps#fixture"])


#: Citations in an order that reads differently backwards: a component rendered once
#: (``Components.cited``) must number them in the order its template cites them.
ASYMMETRIC = [
    ["ods-b12-professional#fixture"],
    ["nhs-leg-cramps#fixture", "nhs-stroke#fixture"],
    ["nhs-b12-folate-anaemia#fixture"],
    ["nhs-stroke#fixture"],
]


def _recited(items: list[Any], start: int) -> list[Any]:
    return [
        item.model_copy(update={"sources": ASYMMETRIC[(start + i) % len(ASYMMETRIC)]})
        for i, item in enumerate(items)
    ]


@pytest.fixture(scope="module")
def recited_site(site: Site) -> Site:
    """The fixture data with its care card and mechanisms citing ``ASYMMETRIC``, and a
    second mechanism, both named by the first symptom."""
    care = site.care.model_copy(
        update={
            key: getattr(site.care, key).model_copy(
                update={
                    "signs": _recited(getattr(site.care, key).signs, i),
                    "notes": _recited(getattr(site.care, key).notes, i + 1),
                }
            )
            for i, key in enumerate(CARE_ORDER)
        }
    )
    first = next(iter(site.mechanisms.values()))
    mechanisms = {
        "m1": first.model_copy(
            update={"id": "m1", "summary": _recited(first.summary, 0), "recovery": []}
        ),
        "m2": first.model_copy(
            update={"id": "m2", "summary": _recited(first.summary * 2, 2), "recovery": []}
        ),
    }
    symptom_id = next(iter(site.symptoms))
    symptoms = {
        **site.symptoms,
        symptom_id: site.symptoms[symptom_id].model_copy(update={"mechanisms": ["m2", "m1"]}),
    }
    return dataclasses.replace(site, care=care, mechanisms=mechanisms, symptoms=symptoms)


@pytest.mark.parametrize("level", [2, 3])
def test_a_card_rendered_once_numbers_its_citations_per_page(
    recited_site: Site, level: int
) -> None:
    """The full care card and a symptom's mechanisms render once per build
    (``Components.cited``); each page still gets the numbers a render of its own gives,
    after what it cited before them."""
    site = recited_site
    parts = Components(site, TEMPLATES)
    symptom = next(iter(site.symptoms.values()))

    def direct(page: PageState) -> str:  # rendered for this page alone, as before
        alone = Components(site, TEMPLATES)
        care = site.care
        card = alone.render(
            "care-card",
            heading("when-to-get-help"),
            level,
            "when-to-get-help",
            level=level + 1,
            levels=[(key, getattr(care, key), care.heading(key)) for key in CARE_ORDER],
            compact=False,
            target=None,
            page=page,
            cite=alone.sources,
        )
        return card + alone.render(
            "mechanisms",
            "What happens in the body",
            anchor="why",
            items=[site.mechanisms[m] for m in symptom.mechanisms],
            level=3,
            page=page,
            cite=alone.sources,
        )

    shown = set()
    for earlier in ([], ["nhs-stroke#fixture"], ["nhs-b12-folate-anaemia#fixture"]):
        page, twin = PageState(path="a.md"), PageState(path="a.md")
        for citation in earlier:
            parts.cite(page, [citation])
            parts.cite(twin, [citation])
        once = parts.care_card(page, level) + parts.symptom_mechanisms(page, symptom)
        assert once == direct(twin) and page.citations == twin.citations
        assert "\x02" not in once and "\x03" not in once
        shown.add(once)
    assert len(shown) == 3, "each page's numbers differ, so must its card"


def test_slot_characters_are_refused_in_data_and_never_filled_in(site: Site) -> None:
    """Data text cannot hold the control characters a rendered-once component marks its
    citation slots with (``Text`` refuses them); text that holds one anyway (made past the
    model's checks) is an error, never filled in as a citation."""
    label = "Soon \x020\x03"
    urgent = site.care.urgent
    with pytest.raises(ValidationError, match="should match pattern"):
        type(urgent).model_validate({**urgent.model_dump(), "label": label})
    care = site.care.model_copy(update={"urgent": urgent.model_copy(update={"label": label})})
    parts = Components(dataclasses.replace(site, care=care), TEMPLATES)
    with pytest.raises(ComponentError, match="control characters"):
        parts.care_card(PageState(path="a.md"))


def test_data_text_is_escaped_not_run(parts: Components, page: PageState) -> None:
    table = parts.comparison(page, "cramps-vs-other-causes")
    assert "</span> &lt;b&gt;Sudden&lt;/b&gt;</td>" in table
    answers = parts.faq(page, None)
    assert "{{ 7 * 7 }}" in answers
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answers
    assert "<script>" not in answers


def test_comparison_table_has_caption_scopes_and_scroll_box(
    parts: Components, page: PageState
) -> None:
    table = parts.comparison(page, "cramps-vs-other-causes")
    assert 'class="b12-table-scroll b12-table-wrap" role="region"' in table
    assert 'tabindex="0"' in table and "<caption" in table
    assert table.count('scope="col"') == 3
    assert '<th scope="row">Onset</th>' in table
    # no citation in a heading: the columns' sources are on a line under the table
    assert not re.search(r"<th[^>]*>[^<]*<sup", table)
    assert '<p class="b12-table-sources">Sources for each column: ' in table
    assert '<span class="b12-sr-only">Not stated</span>' in table
    assert page.tables == ["cramps-vs-other-causes"]


def test_unknown_id_in_a_macro_names_the_nearest(parts: Components, page: PageState) -> None:
    with pytest.raises(
        ComponentError,
        match=r"unknown comparison id 'cramps-vs-other' \(did you mean 'cramps-vs-other-causes'\?\)",
    ):
        parts.comparison(page, "cramps-vs-other")
    with pytest.raises(ComponentError, match="unknown food id 'clam'"):
        parts.food_table(page, ["clam"])


def test_food_table_figures_and_vegan_marker(parts: Components, page: PageState) -> None:
    table = parts.food_table(page, None, filter_vegan=True)
    assert (
        '<tr data-vegan="no"><th scope="row">Clams, cooked</th>'
        '<td><span class="b12-table__label" aria-hidden="true">Serving</span> 3 ounces</td>'
        '<td class="b12-num"><span class="b12-table__label" aria-hidden="true">B12 (mcg)</span> 17</td>'
        '<td class="b12-num"><span class="b12-table__label" aria-hidden="true">% Daily Value</span> 708</td>'
        in table
    )
    assert (
        '<span class="b12-table__label" aria-hidden="true">B12 (mcg)</span> 8.3 to 24</td>'
        '<td class="b12-num"><span class="b12-table__label" aria-hidden="true">'
        '% Daily Value</span> 346 to 1,000</td><td><span class="b12-table__label" '
        'aria-hidden="true">Vegan</span> <span class="b12-vegan">Yes</span>' in table
    )
    assert 'id="b12-vegan-only"' in table
    assert 'id="b12-vegan-only"' not in parts.food_table(page, ["clams"])


def test_symptom_cards_show_lay_terms_and_link_relatively(
    parts: Components, page: PageState
) -> None:
    cards = parts.symptom_cards(page, None)
    assert "People also say: leg cramps" in cards
    assert 'href="../../symptoms/muscle-cramps/"' in cards
    assert "paresthesia" not in cards
    offline = PageState(
        path="articles/test-article.md",
        url="articles/test-article.html",
        directory_urls=False,
        items={"article": page.article},
    )
    assert 'href="../symptoms/muscle-cramps.html"' in parts.symptom_cards(offline, None)


def test_components_emit_no_blank_lines_inside_html(parts: Components, page: PageState) -> None:
    body = parts.faq(page, None).strip().split("\n\n", 1)[1]
    assert "\n\n" not in body


def test_glossary_marks_whole_words_only() -> None:
    from macros.model import Term

    glossary = Glossary([Term(id="mma", term="MMA", definition="A <acid> test.", sources=["x"])])
    marked = str(glossary.mark("MMA & MMAX"))
    assert marked == (
        '<abbr class="b12-term" title="A &lt;acid&gt; test." data-term="mma">MMA</abbr> &amp; MMAX'
    )
    assert glossary.abbreviations() == "*[MMA]: A <acid> test."


def test_glossary_matches_words_with_apostrophes() -> None:
    from macros.model import Term

    glossary = Glossary(
        [Term(id="crohns", term="Crohn's disease", definition="A gut illness.", sources=["x"])]
    )
    assert str(glossary.mark("Crohn's disease and more")) == (
        '<abbr class="b12-term" title="A gut illness." data-term="crohns">Crohn&#39;s disease</abbr>'
        " and more"
    )


def test_md_text_escapes_markdown() -> None:
    assert md_text("*Not* [a link](x)") == r"\*Not\* \[a link\]\(x\)"


def test_article_macros_need_an_article(parts: Components) -> None:
    with pytest.raises(ComponentError, match="needs `article: <slug>`"):
        parts.action_steps(PageState(path="x.md"))


def test_dial_links_each_emergency_number_and_escapes_the_rest(parts: Components) -> None:
    numbers = [n.number for n in parts.site.care.emergency_numbers]
    assert numbers, "the fixture care card names emergency numbers"
    first = numbers[0]
    marked = str(parts.dial(f"Call {first} <now>, not {first}9"))
    assert marked == (
        f'Call <a class="b12-tel" href="tel:{first}">{first}</a> &lt;now&gt;, not {first}9'
    )
