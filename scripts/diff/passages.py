"""The passages behind the citations a change adds or alters, for the content diff: a
reviewer reads the source's words beside the claim without opening the source.

Reads each side's data through the loader and its pages' ``cite()`` calls (the model
and the authors' Markdown), never the built HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.errors import DataErrors
from macros.evidence import Use, uses
from macros.loader import Site, load_site
from macros.model import split_citation
from scripts.config import page_jinja


@dataclass(frozen=True)
class CitedPassage:
    """A citation added or changed: the passage it names and the claims relying on it."""

    citation: str
    source: str  # the reference's title and publisher
    quote: str | None  # None where the citation names no passage
    read: str
    via: str | None
    claims: tuple[Use, ...]
    changed_quote: bool  # the citation was there before, with other words


def _quotes(site: Site) -> dict[str, str]:
    return {
        f"{ref.id}#{passage.id}": passage.quote
        for ref in site.references.values()
        for passage in ref.passages
    }


def _side(tree: Path) -> tuple[Site, dict[str, list[Use]]] | None:
    try:
        site = load_site(tree / "data")
    except DataErrors:
        return None  # the build of that side reports it
    return site, uses(site, tree / "docs", page_jinja())  # both sides in the project's page syntax


def passage_changes(base: Path, head: Path) -> list[CitedPassage]:
    """The citations of ``head`` that ``base`` did not have, or whose passage now reads
    differently, each with its passage and the claims relying on it there."""
    old, new = _side(base), _side(head)
    if new is None:
        return []
    site, cited = new
    before = {} if old is None else {c: (u, _quotes(old[0]).get(c)) for c, u in old[1].items()}
    quotes = _quotes(site)
    found: list[CitedPassage] = []
    for citation, claims in cited.items():
        ref_id, passage_id = split_citation(citation)
        old_claims, old_quote = before.get(citation, ([], None))
        new_claims = tuple(u for u in claims if u not in old_claims)
        changed = citation in before and old_quote != quotes.get(citation)
        if not new_claims and not changed:
            continue
        reference = site.references[ref_id]
        passage = reference.passage(passage_id) if passage_id else None
        found.append(
            CitedPassage(
                citation=citation,
                source=f"{reference.title}, {reference.publisher}",
                quote=passage.quote if passage else None,
                read=passage.read.isoformat() if passage else "",
                via=passage.via if passage else None,
                claims=tuple(claims) if changed else new_claims,
                changed_quote=changed,
            )
        )
    return found


def report_lines(changes: list[CitedPassage]) -> list[str]:
    """The report's section: each citation, its passage as a quote, the claims it backs."""
    if not changes:
        return []
    lines = ["### Passages behind added or changed citations", ""]
    for change in changes:
        status = "passage changed" if change.changed_quote else "newly relied on"
        lines.append(f"- `{change.citation}` ({change.source}; {status})")
        if change.quote is None:
            lines.append("  - names no passage of the source")
        else:
            via = f", through a copy at {change.via}" if change.via else ""
            lines.append(f"  > {' '.join(change.quote.split())}")
            lines.append(f"  - read {change.read}{via}")
        lines += [f"  - {use.where}: {use.claim}" for use in change.claims]
    return [*lines, ""]
