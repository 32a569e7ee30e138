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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EXEMPT = re.compile(r"\{##\s*no-cite:\s*\S.*?##\}")
_CITED = re.compile(r"\{\{\s*cite\(")
_COMMENTS = re.compile(r"\{##.*?##\}|<!--.*?-->", re.DOTALL)
_MACRO_ONLY = re.compile(r"^(?:\s*\{\{.*?\}\}\s*)+$", re.DOTALL)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_NOT_PROSE = re.compile(r"^\s*(?:#|\||<|:::|!!!|\?\?\?|\{%|\{##|=+\s*$|-+\s*$)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RAW = (re.compile(r"\{%-?\s*raw\s*-?%\}"), re.compile(r"\{%-?\s*endraw\s*-?%\}"))
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")


@dataclass(frozen=True)
class Block:
    """A paragraph or a list item of the page source: its first line (1-based), its text,
    whether it is (part of) a list item, and whether a ``no-cite`` line stood just above."""

    line: int
    text: str
    is_item: bool
    marked_above: bool = False


def _skipped_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that are not prose: fenced or indented code, raw blocks and the
    inside of multi-line HTML comments."""
    skipped: set[int] = set()
    fence: str | None = None
    raw = comment = False
    previous_blank = True
    for i, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            skipped.add(i)
            if opened and opened.group(1) == fence:
                fence = None
        elif opened:
            fence = opened.group(1)
            skipped.add(i)
        elif raw or _RAW[0].search(line):
            skipped.add(i)
            raw = not _RAW[1].search(line)
        elif comment or ("<!--" in line and "-->" not in line.split("<!--", 1)[1]):
            skipped.add(i)
            comment = "-->" not in line or line.rstrip().endswith("<!--")
        elif previous_blank and line.startswith("    ") and not _LIST_ITEM.match(line):
            skipped.add(i)  # indented code (a list's continuation follows its item, not a blank)
            continue
        previous_blank = not line.strip()
    return skipped


def blocks(markdown: str) -> list[Block]:
    """Paragraphs and list items of a page's Markdown, front matter and code skipped. A
    paragraph indented under a list item belongs to that item."""
    offset = 0
    front = _FRONT_MATTER.match(markdown)
    if front:
        offset = front.group(0).count("\n")
        markdown = markdown[front.end() :]
    lines = markdown.splitlines()
    skipped = _skipped_lines(lines)
    found: list[Block] = []
    current: list[str] = []
    start = 0
    is_item = False
    marked = False

    def flush() -> None:
        nonlocal marked
        if current:
            text = " ".join(s.strip() for s in current)
            found.append(Block(start, text, is_item, marked))
            current.clear()
            marked = False

    in_list = False
    for index, line in enumerate(lines):
        number = index + offset + 1
        if index in skipped:
            flush()
            continue
        if not line.strip():
            flush()
            continue
        if EXEMPT.fullmatch(line.strip()) and not current:
            marked = True  # a no-cite line after a blank line covers the block below it
            continue
        if _LIST_ITEM.match(line):
            flush()
            current.append(_LIST_ITEM.sub("", line, count=1))
            start, is_item, in_list = number, True, True
        elif _NOT_PROSE.match(line) and not current:
            found.append(Block(number, line.strip(), False))
            in_list = False
        else:
            if not current:
                continued = in_list and line.startswith(("  ", "\t"))
                start, is_item, in_list = number, continued, continued
            current.append(line)
    flush()
    return found


def _needs_citation(block: Block) -> bool:
    text = _COMMENTS.sub("", block.text)
    if _NOT_PROSE.match(block.text) or _MACRO_ONLY.match(text) or not text.strip():
        return False
    words = _LINK.sub("", re.sub(r"\{\{.*?\}\}", "", text))
    return bool(re.search(r"[A-Za-z]{2}", words))


def _cites(text: str) -> bool:
    """Whether the text calls cite() where readers see it (not inside a comment)."""
    return bool(_CITED.search(_COMMENTS.sub("", text)))


def _introduces_a_list(text: str) -> bool:
    """A cited sentence ending in a colon, before or after its citation."""
    visible = _COMMENTS.sub("", text)
    stem = re.sub(r"\{\{.*?\}\}", "", visible).rstrip()
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
