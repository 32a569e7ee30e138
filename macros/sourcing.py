"""The claim-level sourcing rule for hand-written pages (CONTRIBUTING.md, "Every claim
cites a source").

In an article (or a guide), every paragraph and every list item of prose carries a
``{{ cite(...) }}`` call naming the sources that state it. A list needs no citation per
item when the sentence that introduces it ends in a colon and carries the citation. A
block that states no fact (signposting such as "This table compares ...") says so where
it stands, with a Jinja comment that renders nothing: ``{## no-cite: signposting ##}``.
A page that makes no health claims at all (navigation, the about page) says so in its
front matter: ``no_cite: <why>``. Generated symptom pages are checked by the data model
(every symptom has ``sources``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EXEMPT = re.compile(r"\{##\s*no-cite:\s*\S.*?##\}")
_CITED = re.compile(r"\{\{\s*cite\(")
_MACRO_ONLY = re.compile(r"^(?:\s*\{\{.*?\}\}\s*)+$", re.DOTALL)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_NOT_PROSE = re.compile(r"^\s*(?:#|\||<!--|:::|!!!|\?\?\?|```|\{%|\{##)")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")


@dataclass(frozen=True)
class Block:
    """A paragraph or a list item of the page source: its first line (1-based) and text."""

    line: int
    text: str
    is_item: bool


def blocks(markdown: str) -> list[Block]:
    """Paragraphs and list items of a page's Markdown, front matter skipped."""
    offset = 0
    front = _FRONT_MATTER.match(markdown)
    if front:
        offset = front.group(0).count("\n")
        markdown = markdown[front.end() :]
    found: list[Block] = []
    current: list[str] = []
    start = 0
    is_item = False

    def flush() -> None:
        if current:
            found.append(Block(start, " ".join(s.strip() for s in current), is_item))
            current.clear()

    for number, line in enumerate(markdown.splitlines(), start=offset + 1):
        if not line.strip():
            flush()
            continue
        if _LIST_ITEM.match(line):
            flush()
            current.append(_LIST_ITEM.sub("", line, count=1))
            start, is_item = number, True
        elif _NOT_PROSE.match(line) and not current:
            found.append(Block(number, line.strip(), False))
        else:
            if not current:
                start, is_item = number, False
            current.append(line)
    flush()
    return found


def _needs_citation(block: Block) -> bool:
    text = block.text
    if _NOT_PROSE.match(text) or _MACRO_ONLY.match(text):
        return False
    words = _LINK.sub("", re.sub(r"\{\{.*?\}\}", "", text))
    return bool(re.search(r"[A-Za-z]{2}", words))


def uncited(markdown: str) -> list[Block]:
    """The prose blocks of a page that neither cite a source nor are marked ``no-cite``."""
    problems = []
    introduced = False  # the list under way was introduced by a cited "...:" sentence
    previous: Block | None = None
    for block in blocks(markdown):
        if not block.is_item:
            cited = bool(_CITED.search(block.text))
            stem = _CITED.split(block.text)[0].rstrip()
            introduced = cited and stem.endswith(":")
        elif previous is None or not previous.is_item and not introduced:
            introduced = False
        covered = _CITED.search(block.text) or EXEMPT.search(block.text)
        if not covered and not (block.is_item and introduced) and _needs_citation(block):
            problems.append(block)
        previous = block
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
