"""Which sentences rely on which passage: the index the Sources page shows, so that a
reviewer can judge each claim against the source's own words without opening the source.

It reads the model (every ``sources`` list in ``data/``) and the authors' Markdown in
``docs/`` (every ``cite()`` call), never built HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from .loader import FILES, Site, ref_fields
from .sourcing import blocks

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
_CITE_CALL = re.compile(r"\{\{\s*cite\((?P<args>[^)]*)\)\s*\}\}")
_ARG = re.compile(r"""["']([^"']+)["']""")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
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
    """A block of an author's Markdown as a reader sees its words: macros, comments,
    link targets and emphasis marks removed."""
    text = _LINK.sub(r"\1", _JINJA.sub("", markdown))
    return " ".join(_MARKS.sub("", text).split())


def page_citations(markdown: str) -> Iterator[tuple[int, str, str]]:
    """(line, citation, the words it backs) for each ``cite()`` call in a page: the words
    are those of its paragraph or list item since the previous citation."""
    for block in blocks(markdown):
        start = 0
        for call in _CITE_CALL.finditer(block.text):
            claim = plain(block.text[start : call.start()])
            start = call.end()
            for citation in _ARG.findall(call.group("args")):
                yield block.line, citation, claim


def uses(site: Site, docs: Path | None) -> dict[str, list[Use]]:
    """Every citation (``ref-id#passage-id``, or a bare reference id) → the places that
    rely on it: data items in file order, then pages in path order."""
    found: dict[str, list[Use]] = {}
    for name in FILES:
        value = getattr(site, name)
        items = value.values() if isinstance(value, dict) else [value]
        for item in items:
            label = f"data/{name}.yml" + (f", {item.id}" if hasattr(item, "id") else "")
            for citation, use in _data_uses(item, label, ""):
                found.setdefault(citation, []).append(use)
    if docs is not None:
        for page in sorted(docs.rglob("*.md")):
            markdown = page.read_text(encoding="utf-8")
            shown = page.relative_to(docs.parent).as_posix()
            for line, citation, claim in page_citations(markdown):
                found.setdefault(citation, []).append(Use(f"{shown}:{line}", claim))
    return found
