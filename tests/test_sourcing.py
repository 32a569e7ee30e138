"""The claim-level sourcing rule (macros/sourcing.py): what passes, what fails, and the
real pages."""

from __future__ import annotations

from pathlib import Path

from macros import sourcing

from .conftest import ROOT, build

PAGE = """---
article: test-article
---
{{ article_intro() }}

## How it works {#how-it-works}

Low B12 can harm the nerves. {{ cite("msd-b12-deficiency") }}

Other signs include: {{ cite("nhs-b12-folate-anaemia") }}

- tiredness
- a sore tongue

| A | B |
|---|---|
| x | y |

- [Tests for low B12](../guides/tests.md)

This table compares the two. {## no-cite: signposting ##}

{{ comparison("cramps-vs-other-causes") }}
"""


def lines_of(problems: list[tuple[int, str]]) -> list[int]:
    return [line for line, _ in problems]


def test_a_cited_page_passes() -> None:
    assert sourcing.problems(PAGE) == []


def test_a_citation_with_whitespace_control_counts() -> None:
    assert sourcing.problems(PAGE + '\nLow B12 can cause cramps. {{- cite("a#b") }}\n') == []


def test_an_uncited_paragraph_fails_with_its_line_and_first_words() -> None:
    page = PAGE + "\nMost people feel better within days.\n"
    (problem,) = sourcing.problems(page)
    line, message = problem
    assert page.splitlines()[line - 1] == "Most people feel better within days."
    assert message.startswith('paragraph "Most people feel better within days." cites no source')


def test_a_list_needs_a_cited_introduction_ending_in_a_colon() -> None:
    uncited_intro = PAGE.replace(
        'Other signs include: {{ cite("nhs-b12-folate-anaemia") }}', "Other signs include:"
    )
    assert lines_of(sourcing.problems(uncited_intro)) == [10, 12, 13]
    not_a_colon = PAGE.replace(
        'Other signs include: {{ cite("nhs-b12-folate-anaemia") }}',
        'Other signs are common. {{ cite("nhs-b12-folate-anaemia") }}',
    )
    assert lines_of(sourcing.problems(not_a_colon)) == [12, 13]


def test_the_no_cite_marker_needs_a_reason() -> None:
    page = PAGE.replace("{## no-cite: signposting ##}", "{## no-cite: ##}")
    assert len(sourcing.problems(page)) == 1


def test_front_matter_no_cite_exempts_a_whole_page(tmp_path: Path) -> None:
    uncited = "Most people feel better within days.\n"
    (tmp_path / "links.md").write_text("---\nno_cite: a page of links\n---\n" + uncited)
    assert sourcing.main([str(tmp_path)]) == 0
    (tmp_path / "claims.md").write_text("---\ntitle: Claims\n---\n" + uncited)
    assert sourcing.main([str(tmp_path)]) == 1


def test_every_page_of_the_site_cites_its_claims() -> None:
    assert sourcing.main([str(ROOT / "docs")]) == 0


def test_the_build_fails_on_an_uncited_paragraph(project: Path) -> None:
    page = project / "docs" / "articles" / "test-article.md"
    cited = 'Most people get better.{{ cite("nhs-b12-folate-anaemia#fixture") }}'
    assert cited in page.read_text()
    result = build(project)
    assert result.returncode == 0, result.output  # the cited fixture builds
    page.write_text(page.read_text().replace(cited, "Most people get better."))
    result = build(project)
    assert result.returncode != 0
    assert 'paragraph "Most people get better." cites no source' in result.output
    assert "articles/test-article.md" in result.output


def test_code_comments_and_continuations_are_read_as_an_author_means_them() -> None:
    page = PAGE + (
        "\n```text\nNot prose inside a fence.\n```\n\n"
        "~~~\nNor here.\n~~~\n\n"
        "<!--\nA note to editors.\n-->\n\n"
        "{## no-cite: signposting ##}\nThe next section explains tests.\n\n"
        'Signs include {{ cite("nhs-b12-folate-anaemia") }}:\n\n'
        "- tiredness\n\n  More about tiredness, indented under its item.\n\n- pale skin\n"
    )
    assert sourcing.problems(page) == []


def test_a_citation_readers_cannot_see_does_not_count() -> None:
    page = PAGE + '\nMost people feel better. {## {{ cite("nhs-b12-folate-anaemia") }} ##}\n'
    assert len(sourcing.problems(page)) == 1
    page = PAGE + '\nMost people feel better. <!-- {{ cite("nhs-b12-folate-anaemia") }} -->\n'
    assert len(sourcing.problems(page)) == 1


def test_blocks_are_read_as_markdown_reads_them() -> None:
    """A setext heading and an HTML block are not prose; a quote's words are its own."""
    page = PAGE + (
        "\nA heading underlined\n====================\n\n"
        "<div>\nText inside HTML.\n</div>\n\n"
        "> A quoted claim.\n"
    )
    ((line, message),) = sourcing.problems(page)
    assert page.splitlines()[line - 1] == "> A quoted claim."
    assert message.startswith('paragraph "A quoted claim." cites no source')
