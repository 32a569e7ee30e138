"""Nothing silently unpublished: items with no page, pages of no item, item pages the nav
leaves out, and hand-written files where a generated page goes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .addresses import PAGE_RULES, PageRule
from .problems import PageProblem

# --- nothing silently unpublished -----------------------------------------------------


@dataclass(frozen=True)
class Published:
    """What the build publishes: hand-written pages (source path → front matter) and the
    pages the nav lists, with where its config is."""

    front_matter: Mapping[str, Mapping[str, Any]]
    in_nav: frozenset[str]
    config_file: str
    nav_line: int
    #: Pages whose front matter does not read (reported at its line, so not again here).
    unreadable: frozenset[str] = frozenset()


def unpublished(site: Any, published: Published, docs: str) -> list[PageProblem]:
    """Items with no page, pages of no item, and item pages the nav leaves out."""
    problems: list[PageProblem] = []
    for rule in PAGE_RULES:
        items = site.collection(rule.collection)
        for item_id in items:
            path = rule.path.format(id=item_id)
            shown = f"{docs}/{path}"
            front = published.front_matter.get(path)
            if rule.generated or path in published.unreadable:
                continue  # the generation stage writes it (the page check refuses a file in its place)
            file, line, _ = site.origins.of(rule.collection, item_id)
            if front is None:
                problems.append(
                    PageProblem(
                        file,
                        line,
                        f"{rule.key} {item_id!r} has no page (expected {shown} with front "
                        f"matter '{rule.key}: {item_id}')",
                    )
                )
                continue
            if front.get(rule.key) != item_id:
                problems.append(
                    PageProblem(
                        shown,
                        1,
                        f"front matter gives {rule.key}: {front.get(rule.key)!r} "
                        f"(expected '{rule.key}: {item_id}', the item this page is named after)",
                    )
                )
            if path not in published.in_nav:
                problems.append(
                    PageProblem(
                        published.config_file,
                        published.nav_line,
                        f"nav does not list {path} (expected it with the other "
                        f"{rule.collection} pages)",
                    )
                )
        for path, front in published.front_matter.items():
            named = front.get(rule.key)
            if rule.generated or not isinstance(named, str) or named not in items:
                continue  # an unknown id is reported when the page renders
            if path != rule.path.format(id=named):
                problems.append(
                    PageProblem(
                        f"{docs}/{path}",
                        1,
                        f"front matter names {rule.key} {named!r}, whose page is "
                        f"{docs}/{rule.path.format(id=named)} (expected one page per {rule.key})",
                    )
                )
    return problems


def hidden_by_hand(
    rule: PageRule, item_ids: list[str], existing: set[str], docs: str
) -> list[PageProblem]:
    """Hand-written files that stand where a generated page goes."""
    return [
        PageProblem(
            f"{docs}/{rule.path.format(id=i)}",
            1,
            f"this file stands where the page of {rule.key} {i!r} is generated "
            f"(expected no file here: the page is made from the data)",
        )
        for i in item_ids
        if rule.path.format(id=i) in existing
    ]
