"""The anatomy of an article page, in one place: its required sections, in order.

The build checks every article against this list; the components print the headings
marked here as theirs, and the in-page contents lists them after the author's sections.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One required section of an article: its heading anchor, who writes the heading, and
    the macro that fills it (or prints it)."""

    anchor: str
    macro: str
    #: The heading a component prints; None where the author writes it (``## … {#id}``).
    heading: str | None = None


ARTICLE_SECTIONS = (
    Section("key-points", "article_intro", "Key points"),
    Section("how-it-works", "symptom_cards"),
    Section("comparison", "comparison"),
    Section("diagnosis", "tests_list"),
    Section("treatment", "treatments_list"),
    Section("food-sources", "food_table"),
    Section("who-is-at-risk", "risk_groups_list"),
    Section("outlook", ""),
    Section("what-you-can-do", "action_steps"),
    Section("when-to-get-help", "care_card", "When to get help"),
    Section("faq", "faq", "Questions people ask"),
    Section("references", "references", "Sources"),
)
#: Heading anchors every article must have, in this order.
ARTICLE_ANATOMY = tuple(s.anchor for s in ARTICLE_SECTIONS)
_BY_ANCHOR = {s.anchor: s for s in ARTICLE_SECTIONS}
#: ``## Heading {#anchor}`` as authors and components write it.
HEADING = re.compile(r"^#{2,6} +(.+?) *\{#([a-z0-9-]+)\} *$", re.MULTILINE)


def heading(anchor: str) -> str:
    """The heading a component prints for its section (``"When to get help"``)."""
    text = _BY_ANCHOR[anchor].heading
    assert text is not None, f"the author writes the heading of {anchor!r}"
    return text


def closing_sections() -> list[tuple[str, str]]:
    """(anchor, heading) of the sections components print after the author's prose."""
    last_author = max(i for i, s in enumerate(ARTICLE_SECTIONS) if s.heading is None)
    return [(s.anchor, s.heading) for s in ARTICLE_SECTIONS[last_author + 1 :] if s.heading]


def anatomy_problems(
    markdown: str, shown: Iterable[str] = (), required_tables: Iterable[str] = ()
) -> list[str]:
    """What an article page lacks: required headings (in order) and its comparison tables.

    ``markdown`` is the page after its macros ran; ``shown`` the comparison tables it
    showed; ``required_tables`` the ids of the tables that belong to the article.
    """
    anchors = [a for _, a in HEADING.findall(markdown)]
    problems = []
    position = -1
    for section in ARTICLE_SECTIONS:
        required = section.anchor
        if required not in anchors:
            how = f" (written by {{{{ {section.macro}() }}}})" if section.heading else ""
            problems.append(f"missing the required section '{{#{required}}}'{how}")
        elif anchors.index(required) < position:
            problems.append(
                f"section '{{#{required}}}' is out of order (expected {', '.join(ARTICLE_ANATOMY)})"
            )
        else:
            position = anchors.index(required)
    shown = set(shown)
    for table in required_tables:
        if table not in shown:
            problems.append(
                f"comparison table {table!r} is not shown (add {{{{ comparison({table!r}) }}}})"
            )
    return problems
