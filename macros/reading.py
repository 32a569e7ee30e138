"""How long a page takes to read. One place for the words of a text, the figure shown
under each title, the length limit on articles and the content report
(``python -m scripts.content_stats``). Which words of a page count (its prose before
its Sources list, not its tables, citation marks or chrome) is the shared HTML reader's
rule (scripts/quality/html_reader.py); this module reads no HTML."""

from __future__ import annotations

import re

WORDS_PER_MINUTE = 200
#: The longest an article may be: words before its Sources list, tables excluded.
ARTICLE_MAX_WORDS = 1800

_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+(?:['\u2019.,-][0-9A-Za-z\u00c0-\u024f]+)*")


def words(text: str) -> int:
    """The words in plain ``text`` (a number, a hyphenated or abbreviated word is one)."""
    return len(_WORD.findall(text))


def reading_minutes(count: int) -> int:
    """Minutes to read ``count`` words at an unhurried pace, at least one."""
    return max(1, -(-count // WORDS_PER_MINUTE))
