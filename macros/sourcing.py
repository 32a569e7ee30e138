"""The claim-level sourcing rule for hand-written pages (CONTRIBUTING.md, "Every claim
cites a source").

In an article (or a guide), every paragraph and every list item of prose carries a
``{{ cite(...) }}`` call naming the sources that state it. A list needs no citation per
item when the sentence that introduces it ends in a colon and carries the citation. A
block that states no fact (signposting such as "This table compares ...") says so where
it stands, with a Jinja comment that renders nothing: ``{## no-cite: signposting ##}``
(at the end of the block, or on its own line just above it).
A page that makes no health claims at all (navigation, the about page) says so in its
front matter: ``no_cite: <why>``. Generated symptom pages are checked by the data model
(every symptom has ``sources``).

The blocks are found by a CommonMark parser (markdown-it-py), not by the engines'
Python-Markdown. Where the two read a page differently, the check is the stricter: a list
that follows a paragraph line with no blank line between is a list here (each item needs
its citation, or the paragraph its colon), one paragraph to Python-Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

EXEMPT = re.compile(r"\{##\s*no-cite:\s*\S.*?##\}")
_CITED = re.compile(r"\{\{-?\s*cite\(")  # with or without Jinja's whitespace control
_COMMENTS = re.compile(r"\{##.*?##\}|<!--.*?-->", re.DOTALL)
_MACRO_ONLY = re.compile(r"^(?:\s*\{\{.*?\}\}\s*)+$", re.DOTALL)
#: Lines Markdown reads as text but readers do not: admonitions, blocks and attribute
#: lists of other extensions, inline HTML, Jinja statements and comments.
_NOT_PROSE = re.compile(r"^\s*(?:#|\||<|:::|!!!|\?\?\?|\{%|\{##)")
_RAW = (re.compile(r"\{%-?\s*raw\s*-?%\}"), re.compile(r"\{%-?\s*endraw\s*-?%\}"))
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")
#: CommonMark's blocks, with the tables the pages use (Python-Markdown's `tables`); the
#: inline parse is left out, as the blocks' words are read from their source lines.
_MARKDOWN = MarkdownIt("commonmark").enable("table").disable("inline")
#: Blocks that are never prose: each of their source lines is a block of its own.
_NOT_PROSE_BLOCKS = ("heading_open", "table_open", "html_block", "hr")


@dataclass(frozen=True)
class Block:
    """A paragraph or a list item of the page source: its first line (1-based), its text,
    whether it is (part of) a list item, whether a ``no-cite`` line stood just above, and
    whether it is prose (not a heading, a table row, HTML or a line of another syntax)."""

    line: int
    text: str
    is_item: bool
    marked_above: bool = False
    prose: bool = True


def _raw_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines of ``{% raw %}`` blocks (Jinja shows them as written)."""
    skipped: set[int] = set()
    raw = False
    for i, line in enumerate(lines):
        if raw or _RAW[0].search(line):
            skipped.add(i)
            raw = not _RAW[1].search(line)
    return skipped


class _Reader:
    """The blocks of one page, from markdown-it's tokens: a paragraph's lines are its
    source lines (the token's map), so the Jinja in them is read as the author wrote it."""

    def __init__(self, lines: list[str], offset: int) -> None:
        self.lines, self.offset = lines, offset
        self.raw = _raw_lines(lines)
        self.found: list[Block] = []
        self.marked = False  # a no-cite line covers the next block of prose

    def not_prose(self, index: int, text: str) -> None:
        self.found.append(Block(index + self.offset + 1, text, False, prose=False))

    def paragraph(self, inline: Token, is_item: bool, opens_item: bool) -> None:
        """A paragraph, less the lines above its prose that are not prose; lines of a raw
        block end it. The first line of a list item is the item, whatever it holds."""
        assert inline.map is not None
        current: list[str] = []
        start = 0
        for index, line in enumerate(inline.content.split("\n"), inline.map[0]):
            text = line.strip()
            if index in self.raw:
                self.flush(current, start, is_item)
            elif current or (opens_item and index == inline.map[0]):
                start = start if current else index
                current.append(text)
            elif EXEMPT.fullmatch(text):
                self.marked = True
            elif _NOT_PROSE.match(text):
                self.not_prose(index, text)
            else:
                start = index
                current.append(text)
        self.flush(current, start, is_item)

    def flush(self, current: list[str], start: int, is_item: bool) -> None:
        if current:
            line, text = start + self.offset + 1, " ".join(current)
            prose = not _NOT_PROSE.match(text)  # a list item's first line, whatever it holds
            self.found.append(Block(line, text, is_item, self.marked, prose))
            current.clear()
            self.marked = False

    def read(self, tokens: list[Token]) -> list[Block]:
        items: list[int] = []  # the first line of each list item open around a token
        for i, token in enumerate(tokens):
            if token.type == "list_item_open":
                items.append(token.map[0] if token.map else -1)
            elif token.type == "list_item_close":
                items.pop()
            elif token.type == "inline" and tokens[i - 1].type == "paragraph_open":
                assert token.map is not None
                self.paragraph(token, bool(items), bool(items) and items[-1] == token.map[0])
            elif token.type in _NOT_PROSE_BLOCKS and token.map:
                if token.type == "html_block" and token.content.lstrip().startswith("<!--"):
                    continue  # a comment: not shown
                for index in range(*token.map):
                    if self.lines[index].strip() and index not in self.raw:
                        self.not_prose(index, self.lines[index].strip())
        return self.found


def blocks(markdown: str) -> list[Block]:
    """Paragraphs and list items of a page's Markdown as CommonMark reads them, front
    matter, code and comments skipped, and each line of the blocks that are not prose. A
    paragraph indented under a list item belongs to that item."""
    offset = 0
    front = _FRONT_MATTER.match(markdown)
    if front:
        offset = front.group(0).count("\n")
        markdown = markdown[front.end() :]
    return _Reader(markdown.splitlines(), offset).read(_MARKDOWN.parse(markdown))


def _needs_citation(block: Block) -> bool:
    text = visible(block.text)
    if not block.prose or _MACRO_ONLY.match(text) or not text.strip():
        return False
    words = _LINK.sub("", re.sub(r"\{\{.*?\}\}", "", text))
    return bool(re.search(r"[A-Za-z]{2}", words))


def visible(text: str) -> str:
    """The text less its comments (Jinja's and HTML's), which readers do not see."""
    return _COMMENTS.sub("", text)


def _cites(text: str) -> bool:
    """Whether the text calls cite() where readers see it (not inside a comment)."""
    return bool(_CITED.search(visible(text)))


def _introduces_a_list(text: str) -> bool:
    """A cited sentence ending in a colon, before or after its citation."""
    stem = re.sub(r"\{\{.*?\}\}", "", visible(text)).rstrip()
    return _cites(text) and stem.endswith(":")


def uncited(markdown: str) -> list[Block]:
    """The prose blocks of a page that neither cite a source nor are marked ``no-cite``."""
    problems = []
    introduced = False  # the list under way was introduced by a cited "...:" sentence
    for block in blocks(markdown):
        if not block.is_item:
            introduced = _introduces_a_list(block.text)
        covered = _cites(block.text) or EXEMPT.search(block.text) or block.marked_above
        if not covered and not (block.is_item and introduced) and _needs_citation(block):
            problems.append(block)
    return problems


def problems(markdown: str) -> list[tuple[int, str]]:
    """(line, message) for each uncited block, in the project's words."""
    out = []
    for block in uncited(markdown):
        kind = "list item" if block.is_item else "paragraph"
        words = block.text.split()
        quote = " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
        out.append(
            (
                block.line,
                f'{kind} "{quote}" cites no source (add {{{{ cite("reference-id") }}}} naming '
                "a source that states it, or mark a sentence that states no fact with "
                "{## no-cite: signposting ##})",
            )
        )
    return out


def _front_matter_exempt(markdown: str) -> bool:
    front = _FRONT_MATTER.match(markdown)
    return bool(front and re.search(r"^no_cite:\s*\S", front.group(0), re.MULTILINE))


def main(paths: list[str]) -> int:
    """``python -m macros.sourcing docs``: list every uncited block of the pages given."""
    from pathlib import Path

    count = 0
    for root in paths or ["docs"]:
        base = Path(root)
        for path in sorted(base.rglob("*.md") if base.is_dir() else [base]):
            text = path.read_text(encoding="utf-8")
            if _front_matter_exempt(text):
                continue
            for line, message in problems(text):
                print(f"{path}:{line}: {message}")
                count += 1
    print(f"{count} uncited block(s)")
    return 1 if count else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
