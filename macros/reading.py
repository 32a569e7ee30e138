"""How long a page takes to read: the words of its prose, not of its tables, its numbered
source list or its citation marks. One place for the figure shown under each title, the
length limit on articles and the content report (``python -m scripts.content_stats``)."""

from __future__ import annotations

import re
from html import unescape

WORDS_PER_MINUTE = 200
#: The longest an article may be: words before its Sources list, tables excluded.
ARTICLE_MAX_WORDS = 1800

_SOURCES = re.compile(r'<h2 id="references"')
#: Material's main content of a built page (the ``<article>`` our chrome and body sit in);
#: group 1 is its inner HTML. Read by the content report, the content diff and the booklet.
MAIN_CONTENT = re.compile(r"<article\b[^>]*\bmd-content__inner\b[^>]*>(.*?)</article>", re.DOTALL)
#: Never read as prose: citation marks, scripts, and the page chrome that a built page
#: adds around the body (reading time and review status, the print and download buttons,
#: the disclaimer), which is not part of what the author wrote.
_NOT_TEXT = (
    r"<sup class=\"b12-cite\">.*?</sup>|<script\b.*?</script>"
    r"|<p class=\"b12-page-meta\">.*?</p>|<div class=\"b12-article-actions\".*?</div>"
    r"|<aside class=\"b12-disclaimer\".*?</aside>"
)
_CITES = re.compile(_NOT_TEXT, re.DOTALL)
#: Also not counted as reading: tables and styles.
_SKIPPED = re.compile(r"<table\b.*?</table>|<style\b.*?</style>|" + _NOT_TEXT, re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+(?:['\u2019.,-][0-9A-Za-z\u00c0-\u024f]+)*")


def reader_text(html: str, tables: bool = False) -> str:
    """The text of a page's body HTML before its Sources list, without citation marks, and
    without tables unless ``tables``."""
    cut = _SOURCES.search(html)
    body = html[: cut.start()] if cut else html
    body = (_CITES if tables else _SKIPPED).sub(" ", body)
    return " ".join(unescape(_TAG.sub(" ", body)).split())


def word_count(html: str) -> int:
    """Words a reader reads on the page (see ``reader_text``)."""
    return len(_WORD.findall(reader_text(html)))


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at an unhurried pace, at least one."""
    return max(1, -(-words // WORDS_PER_MINUTE))
