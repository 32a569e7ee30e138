"""The word diff: what changed between two texts, with a few unchanged words either
side, in GitHub Markdown; block by block for a page, line then word for a PDF."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from .pages import CITE_CLOSE, CITE_OPEN, Block

#: How many unchanged words to show either side of a change.
CONTEXT = 8
_TOKEN = re.compile(rf"{CITE_OPEN}[^{CITE_CLOSE}]*{CITE_CLOSE}|[^\s{CITE_OPEN}]+")


def tokens(text: str) -> list[str]:
    """Words (with their punctuation) and citations, in order."""
    return _TOKEN.findall(text)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str) -> str:
    """Text that GitHub Markdown shows as written."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def show(token: str, numbers: dict[str, int]) -> str:
    """A token as the reader sees it: a citation by its number on the new page."""
    if token.startswith(CITE_OPEN):
        ref = token[1:-1]
        return f"[{numbers[ref]}]" if ref in numbers else f"[source: {md_escape(ref)}]"
    return md_escape(token)


def _run(words: Sequence[str], numbers: dict[str, int], mark: str = "") -> str:
    text = " ".join(show(w, numbers) for w in words)
    return f"{mark}{text}{mark}" if mark and text else text


def word_diff(old: str, new: str, numbers: dict[str, int]) -> list[str]:
    """The changes between two texts, each with a few unchanged words either side:
    removed words as ``~~removed~~``, added words as ``**added**``."""
    a, b = tokens(old), tokens(new)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    hunks: list[str] = []
    parts: list[str] = []
    for index, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            same = a[i1:i2]
            first, last = index == 0, index == len(ops) - 1
            if not first and not last and len(same) <= 2 * CONTEXT:
                parts.append(_run(same, numbers))
                continue
            if not first:
                parts.append(_run(same[:CONTEXT], numbers) + (" …" if len(same) > CONTEXT else ""))
                hunks.append(" ".join(p for p in parts if p))
                parts = []
            if not last:
                parts.append(("… " if len(same) > CONTEXT else "") + _run(same[-CONTEXT:], numbers))
            continue
        parts.append(_run(a[i1:i2], numbers, "~~"))
        parts.append(_run(b[j1:j2], numbers, "**"))
    if parts:
        hunks.append(" ".join(p for p in parts if p))
    return hunks


def long_text_diff(old: str, new: str) -> list[str]:
    """The changes between two long texts (a PDF's): line by line first, then word by
    word within each changed run of lines and the line either side of it."""
    a = [line for line in old.splitlines() if line.strip()]
    b = [line for line in new.splitlines() if line.strip()]
    hunks: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            before = " ".join(a[max(i1 - 1, 0) : i2 + 1])
            after = " ".join(b[max(j1 - 1, 0) : j2 + 1])
            hunks += word_diff(before, after, {})
    return hunks


def _similar(a: Block, b: Block) -> bool:
    return difflib.SequenceMatcher(None, tokens(a.text), tokens(b.text)).ratio() >= 0.4


def block_changes(
    old: list[Block], new: list[Block], numbers: dict[str, int]
) -> list[tuple[str, str]]:
    """(section, change) for every block that changed, was added or was removed."""
    changes: list[tuple[str, str]] = []
    a_text, b_text = [b.text for b in old], [b.text for b in new]
    matcher = difflib.SequenceMatcher(None, a_text, b_text, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        came, next_new = new[j1:j2], 0
        for before in old[i1:i2]:
            match = next((k for k in range(next_new, len(came)) if _similar(before, came[k])), None)
            if match is None:  # removed, or rewritten beyond recognition
                changes.append((before.section, _run(tokens(before.text), numbers, "~~")))
                continue
            changes += [
                (b.section, _run(tokens(b.text), numbers, "**")) for b in came[next_new:match]
            ]
            after = came[match]
            changes += [(after.section, h) for h in word_diff(before.text, after.text, numbers)]
            next_new = match + 1
        changes += [(b.section, _run(tokens(b.text), numbers, "**")) for b in came[next_new:]]
    return changes
