"""'When to get help' and the symptom pages: the model rules (each mistake named at its
file and line, every mistake at once), the card's action headings, the symptom page's
first screen, and the real data's citations (a passage each, at most two references)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.addresses import rule_for
from macros.components import Components, PageState
from macros.loader import Site, load_site, too_many_references
from macros.model import CARE_LEVELS, Cited, split_citation

from .conftest import FIXTURE_DATA, ROOT
from .test_bad_input import loader_errors, replace

TEMPLATES = ROOT / "overrides" / "partials" / "b12"
CITE = re.compile(r'<sup class="b12-cite">')


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, copy)
    return copy


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(FIXTURE_DATA)


@pytest.fixture(scope="module")
def parts(site: Site) -> Components:
    return Components(site, TEMPLATES)


@pytest.fixture
def page(site: Site) -> PageState:
    return PageState(path="articles/test-article.md", url="articles/test-article/")


# --- model rules: each mistake at its file and line ---------------------------------


def test_a_heading_that_is_not_an_action_is_refused(data: Path) -> None:
    replace(data / "care.yml", 'heading: "See a GP if:"', "heading: Book an appointment")
    assert loader_errors(data) == [
        "data/care.yml:25:12: routine.heading: heading 'Book an appointment' does not end "
        "with 'if:' (expected the action, then the signs, as NHS care cards do: 'See a GP if:')"
    ]


def test_the_emergency_heading_must_name_the_numbers(data: Path) -> None:
    replace(data / "care.yml", '"Call {numbers}, or your local', '"Call 999, or your local')
    (error,) = loader_errors(data)
    assert error.startswith("data/care.yml:7:3: emergency: heading 'Call 999, or your local")
    assert "must hold {numbers} once, where the emergency numbers go" in error


def test_numbers_belong_to_the_emergency_level_only(data: Path) -> None:
    replace(data / "care.yml", "short: Get help today", "short: Call {numbers}")
    assert loader_errors(data) == [
        "data/care.yml:17:3: urgent: holds {numbers} (expected it only in the emergency level)"
    ]


def test_a_sign_without_sources_is_refused(data: Path) -> None:
    replace(
        data / "care.yml",
        "    - text: Weakness that gets worse over days.\n"
        "      sources: [nhs-b12-folate-anaemia#fixture]\n",
        "    - Weakness that gets worse over days.\n",
    )
    assert loader_errors(data) == [
        "data/care.yml:21:7: urgent.signs[0]: must be a mapping of field: value "
        "(got 'Weakness that gets worse over days.')"
    ]


def test_a_red_flag_no_more_urgent_than_the_default_is_refused(data: Path) -> None:
    replace(data / "symptoms.yml", "    - level: urgent\n", "    - level: routine\n")
    assert loader_errors(data) == [
        "data/symptoms.yml:25:5: [1].red_flags: red_flags[0] has level 'routine', not more "
        "urgent than care.level 'routine' (expected 'emergency' or 'urgent'; a sign at the "
        "default level belongs in care.text)"
    ]


def test_an_unknown_level_names_the_choices(data: Path) -> None:
    replace(data / "symptoms.yml", "    level: routine\n", "    level: soon\n")
    assert loader_errors(data) == [
        "data/symptoms.yml:21:12: [1].care.level: must be one of 'emergency', 'urgent' or "
        "'routine' (got 'soon')"
    ]


def test_every_care_and_symptom_mistake_is_reported_at_once(data: Path) -> None:
    replace(data / "care.yml", 'heading: "See a GP if:"', "heading: See a GP")
    replace(data / "symptoms.yml", "    level: routine\n", "    level: soon\n")
    replace(
        data / "symptoms.yml",
        "  how_b12_causes_it:\n    - text: Nerves",
        "  how_b12_causes_it:\n    - txt: Nerves",
    )
    replace(data / "mechanisms.yml", "  summary:\n", "  summary: []\n  old_summary:\n")
    assert loader_errors(data) == [
        "data/care.yml:25:12: routine.heading: heading 'See a GP' does not end with 'if:' "
        "(expected the action, then the signs, as NHS care cards do: 'See a GP if:')",
        "data/mechanisms.yml:3:12: [0].summary: needs at least 1 entry (got [])",
        "data/mechanisms.yml:5:5: [0].old_summary: unknown field 'old_summary' (expected one "
        "of: id, name, summary, recovery)",
        "data/symptoms.yml:18:7: [1].how_b12_causes_it[0].text: required field is missing "
        "(expected a value)",
        "data/symptoms.yml:18:12: [1].how_b12_causes_it[0].txt: unknown field 'txt' (expected "
        "one of: text, sources)",
        "data/symptoms.yml:21:12: [1].care.level: must be one of 'emergency', 'urgent' or "
        "'routine' (got 'soon')",
    ]


def test_a_symptom_needs_its_level(data: Path) -> None:
    replace(
        data / "symptoms.yml",
        "  care:\n    level: routine\n    text: Cramps wake you at night.\n    sources: [ods-b12-consumer#fixture]\n",
        "",
    )
    errors = loader_errors(data)
    assert (
        "data/symptoms.yml:11:3: [1].care: required field is missing (expected a value)" in errors
    )


# --- the care card --------------------------------------------------------------------


def test_care_card_headings_are_actions_with_the_numbers(
    parts: Components, page: PageState
) -> None:
    card = parts.care_card(page)
    assert card.lstrip().startswith("## When to get help {#when-to-get-help}")
    headings = [
        (key, re.sub(r"<[^>]+>", "", text))  # the words, without the numbers' dial links
        for key, text in re.findall(r"<h3 id=\"care-(\w+)\">(.*?)</h3>", card)
    ]
    assert headings == [
        ("routine", "See a GP if:"),
        ("urgent", "Ask for an urgent GP appointment or call 111 (UK) today if:"),
        ("emergency", "Call 999 (UK) or 911 (US), or your local emergency number, if:"),
    ]
    assert "{numbers}" not in card


def test_no_citation_in_a_heading_and_one_for_each_sign(parts: Components, page: PageState) -> None:
    card = parts.care_card(page)
    for heading in re.findall(r"<h3[^>]*>.*?</h3>", card):
        assert not CITE.search(heading), heading
    signs = re.findall(r"<li>(.*?)</li>", card)
    assert len(signs) == 3 and all(CITE.search(s) for s in signs)
    # the emergency note is cited too, and follows its level's signs
    assert 'class="b12-care__note">Do not wait to see if it passes.<sup' in card


def test_compact_card_links_each_action_to_the_full_card(
    parts: Components, page: PageState
) -> None:
    card = parts.care_card(page, compact=True)
    assert card.lstrip().startswith("## When to get help {#when-to-get-help}")
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', card)
    assert links == [
        ("../../symptoms/#care-routine", "See a GP if:"),
        (
            "../../symptoms/#care-urgent",
            "Ask for an urgent GP appointment or call 111 (UK) today if:",
        ),
        (
            "../../symptoms/#care-emergency",
            "Call 999 (UK) or 911 (US), or your local emergency number, if:",
        ),
    ]
    assert "Sudden weakness" not in card and not CITE.search(card)  # negative control


# --- the symptom page -----------------------------------------------------------------


def symptom_page(parts: Components, site: Site, symptom_id: str) -> str:
    page = PageState(
        path=f"symptoms/{symptom_id}.md",
        url=f"symptoms/{symptom_id}/",
        items={"symptom": site.symptoms[symptom_id]},
    )
    return parts.item_page(page, rule_for("symptoms"))


def test_a_symptom_page_begins_with_how_urgent_it_is(parts: Components, site: Site) -> None:
    text = symptom_page(parts, site, "muscle-cramps")
    title, rest = text.split("\n\n", 1)
    assert title == "# Muscle cramps"
    assert rest.startswith("## How urgent is it? {#how-urgent}")
    first = rest[: rest.index("What it feels like")]
    # its own level first, with the action, then the signs that need help sooner
    assert first.index("Non-urgent advice") < first.index("See a GP if:")
    assert first.index("Cramps wake you at night.") < first.index("Urgent advice")
    assert first.index("Pain and swelling in one calf.") < first.index("Immediate action required")
    assert (
        'Call <a class="b12-tel" href="tel:999">999</a> (UK) or'
        ' <a class="b12-tel" href="tel:911">911</a> (US), or your local emergency number, if:'
    ) in first
    assert '<a href="#when-to-get-help">' in first
    for heading in re.findall(r"<h3[^>]*>.*?</h3>", first):
        assert not CITE.search(heading), heading
    # the full card comes once, further down
    assert text.count('id="care-emergency"') == 1
    assert text.index("What it feels like") < text.index("## When to get help")


def test_a_symptom_without_red_flags_shows_its_level_alone(parts: Components, site: Site) -> None:
    first = symptom_page(parts, site, "paresthesia").split("What it feels like")[0]
    assert "See a GP if:" in first and "You have tingling that has built up over weeks." in first
    assert "Urgent advice" not in first and "Immediate action required" not in first


def test_symptom_page_cites_each_sentence_and_shows_advice_and_recovery(
    parts: Components, site: Site
) -> None:
    text = symptom_page(parts, site, "muscle-cramps")
    assert re.search(r"<p>Nerves that misfire can make muscles tighten\.<sup", text)
    assert re.search(r'<h2 id="what-you-can-do">What you can do</h2>\s*<ul><li>Stretch', text)
    assert "<strong>With treatment:</strong> Nerves take months to recover.<sup" in text
    assert 'id="what-you-can-do"' not in symptom_page(parts, site, "paresthesia")


# --- the real data ----------------------------------------------------------------------


def cited_items(site: Site) -> list[tuple[str, Cited]]:
    care = site.care
    items: list[tuple[str, Cited]] = [
        (f"care.{key}", c)
        for key in CARE_LEVELS
        for c in getattr(care, key).signs + getattr(care, key).notes
    ]
    for s in site.symptoms.values():
        items += [
            (f"symptoms.{s.id}", c) for c in [*s.how_b12_causes_it, s.care, *s.red_flags, *s.advice]
        ]
    for m in site.mechanisms.values():
        items += [(f"mechanisms.{m.id}", c) for c in [*m.summary, *m.recovery]]
    return items


def test_every_citation_in_care_symptoms_and_mechanisms_names_a_passage() -> None:
    site = load_site(ROOT / "data")
    problems = []
    for where, item in cited_items(site):
        if crowded := too_many_references(item.sources):
            problems.append(f"{where}: {crowded}")
        for citation in item.sources:
            ref_id, passage = split_citation(citation)
            if passage is None or site.references[ref_id].passage(passage) is None:
                problems.append(f"{where}: {citation} names no passage")
    for s in site.symptoms.values():
        problems += [f"symptoms.{s.id}.sources: {c}" for c in s.sources if "#" not in c]
    assert problems == []
