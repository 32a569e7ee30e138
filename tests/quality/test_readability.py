"""Readability per page (textstat 0.7.8) and glossary definitions for medical words."""

from __future__ import annotations

from pathlib import Path

from scripts.quality import readability
from scripts.quality.common import REPORTS, write_report


def test_articles_read_plainly_and_define_medical_words(
    built_site: Path, summary: list[str]
) -> None:
    report = readability.check_site(built_site)
    write_report("readability", report)
    problems = readability.failures(report)
    text = readability.table(report) + "\n\n" + ("\n".join(problems) or "no problems") + "\n"
    (REPORTS / "readability.txt").write_text(text, encoding="utf-8")
    for rel, entry in report["pages"].items():
        if readability.is_article(entry):
            summary.append(
                f"readability {rel}: body grade {entry['body']['grade']} "
                f"({entry['body']['words']} words), summary {entry['summary']['grade']}, "
                f"key points {entry['key_points']['grade']}"
            )
    assert not problems, "\n".join(problems)


def test_medical_words_are_in_the_glossary_list() -> None:
    glossary = readability.load_glossary()
    forms = set().union(*glossary.values())
    assert "homocysteine" in forms
    assert len(readability.load_medical_terms()) > 20


def test_grade_measure_separates_plain_from_dense_text() -> None:
    plain = readability.measure("Low B12 can hurt your nerves. See a doctor if you feel weak.")
    dense = readability.measure(
        "Cobalamin insufficiency precipitates demyelination of the dorsal columns, "
        "manifesting as proprioceptive dysfunction accompanied by paresthesiae and "
        "progressive spastic paraparesis in susceptible individuals."
    )
    assert plain["grade"] is not None and dense["grade"] is not None
    assert plain["grade"] <= 8 < 10 < dense["grade"]
