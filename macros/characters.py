"""Characters that make text display differently from how it is stored.

A right-to-left override can make a dose or a warning read differently on screen from
the text a reviewer approved; a zero-width space or joiner hides inside a word and
breaks search. None of them belongs in this project's data or pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

#: Line and paragraph separators: invisible, and they break a line where none is seen.
_SEPARATORS = {"\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def hidden(char: str) -> bool:
    """Whether ``char`` is invisible or changes the direction of text: every Unicode
    format character (category Cf: bidirectional controls such as U+202E, zero-width
    spaces and joiners, the soft hyphen, word joiners) and the line separators."""
    return unicodedata.category(char) == "Cf" or char in _SEPARATORS


def hidden_characters(text: str) -> Iterator[tuple[int, int, str]]:
    """Each hidden character in ``text``: (line, column, problem), 1-based, in order."""
    for found in _NOT_ASCII.finditer(text):  # every hidden character is outside ASCII
        char, index = found.group(), found.start()
        if hidden(char):
            name = _SEPARATORS.get(char) or unicodedata.name(char, "unnamed")
            yield (
                text.count("\n", 0, index) + 1,
                index - text.rfind("\n", 0, index),
                f"invisible or direction-changing character U+{ord(char):04X} ({name}) is not "
                "allowed (expected visible text: delete it, or type the character you meant)",
            )
