"""Which sentences rely on which passage: the index the Sources page shows, so that a
reviewer can judge each claim against the source's own words without opening the source.

It reads the model (every ``sources`` list in ``data/``) and the authors' Markdown in
``docs/`` (every ``cite()`` call readers see, from Jinja's syntax tree of each paragraph or
list item), never built HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes
from pydantic import BaseModel

from .loader import FILES, Site, ref_fields
from .pagesyntax import written_call
from .sourcing import blocks, visible

#: The field of a data item that says what its citations back, in order of preference.
_CLAIM_FIELDS = (
    "text",
    "feels_like",  # a symptom's own `sources` back what it feels like
    "summary",
    "answer",
    "definition",
    "why",
    "what_it_shows",
    "how_often",
    "feature",
    "name",
    "term",
    "heading",
    "title",
)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`]+|\s*\{#[^}]*\}")


@dataclass(frozen=True)
class Use:
    """One place that relies on a passage: where it is (file and item, or page and line)
    and the words it backs."""

    where: str
    claim: str


def _claim(item: BaseModel) -> str:
    for name in _CLAIM_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, str) and value:
            return value
    return ""


def _data_uses(item: BaseModel, where: str, claim: str) -> Iterator[tuple[str, Use]]:
    """(citation, use) for every citation in a data item, nested items too."""
    claim = _claim(item) or claim
    targets = ref_fields(type(item))
    for name, value in item:
        if targets.get(name) == "references" and isinstance(value, list):
            for citation in value:
                yield citation, Use(where, claim)
        elif isinstance(value, BaseModel):
            yield from _data_uses(value, f"{where}, {name}", claim)
        elif isinstance(value, list):
            for i, entry in enumerate(value):
                if isinstance(entry, BaseModel):
                    yield from _data_uses(entry, f"{where}, {name} {i + 1}", claim)


def plain(markdown: str) -> str:
    """Words of an author's Markdown (macros already left out) as a reader sees them: link
    targets and emphasis marks removed."""
    return " ".join(_MARKS.sub("", _LINK.sub(r"\1", markdown)).split())


def cited(text: str, syntax: Environment) -> Iterator[tuple[str, str]]:
    """(citation, the words it backs) for each ``cite()`` call readers see in a paragraph or
    list item: the words are those since the previous citation."""
    if "cite" not in text:
        return  # no call to read (most blocks): a quick way out
    try:
        tree = syntax.parse(visible(text))
    except TemplateSyntaxError:
        return  # a macro or statement runs on past its block: it shows no cite() of its own
    said: list[str] = []
    for node in tree.find_all((nodes.TemplateData, nodes.Call)):
        if isinstance(node, nodes.TemplateData):
            said.append(node.data)
            continue
        call = written_call(node) if isinstance(node, nodes.Call) else None
        if call is not None and call.name == "cite":
            claim = plain("".join(said))
            said.clear()
            for citation in call.args:
                yield str(citation), claim


def page_citations(markdown: str, syntax: Environment) -> Iterator[tuple[int, str, str]]:
    """(line, citation, the words it backs) for each ``cite()`` call in a page (``syntax``:
    the page syntax, macros/pagesyntax.py): the line is that of its paragraph or list item."""
    if "cite" not in markdown:
        return  # no call to read (every generated page): a quick way out
    for block in blocks(markdown):
        for citation, claim in cited(block.text, syntax):
            yield block.line, citation, claim


def uses(site: Site, docs: Path | None, syntax: Environment | None) -> dict[str, list[Use]]:
    """Every citation (``ref-id#passage-id``, or a bare reference id) → the places that
    rely on it: data items in file order, then the pages of ``docs`` (read with the page
    ``syntax``) in path order."""
    found: dict[str, list[Use]] = {}
    for name in FILES:
        value = getattr(site, name)
        items = value.values() if isinstance(value, dict) else [value]
        for item in items:
            label = f"data/{name}.yml" + (f", {item.id}" if hasattr(item, "id") else "")
            for citation, use in _data_uses(item, label, ""):
                found.setdefault(citation, []).append(use)
    if docs is not None:
        if syntax is None:
            raise ValueError("the pages' cite() calls are read with the page syntax: none given")
        for page in sorted(docs.rglob("*.md")):
            markdown = page.read_text(encoding="utf-8")
            shown = page.relative_to(docs.parent).as_posix()
            for line, citation, claim in page_citations(markdown, syntax):
                found.setdefault(citation, []).append(Use(f"{shown}:{line}", claim))
    return found
