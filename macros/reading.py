"""How long a page takes to read, and the one rule for which of its words count.

One place for the words of a text, the figure shown under each title, the length limit on
articles and the content report (``python -m scripts.content_stats``). A page's reading
length is the words of its prose before its Sources list: not its tables, citation marks,
chrome, scripts or hidden text. The renderer counts it on every page as it renders
(macros/rendering.py, a Python-Markdown extension every engine runs), streaming the page
body through the standard library's HTML parser: a tenth of the time of a tree, and it
stops at the source list. The quality gates' tree reader (scripts/quality/html_reader.py)
takes the same lists of what is not prose from here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

WORDS_PER_MINUTE = 200
#: The longest an article may be: words before its Sources list, tables excluded.
ARTICLE_MAX_WORDS = 1800

#: What the page chrome is (reading time and review line, print and download buttons,
#: disclaimer): never part of the page's text.
CHROME = ".b12-page-meta, .b12-article-actions, .b12-disclaimer"
#: What is never read as text: the chrome, citation marks, scripts, styles, icons, hidden
#: elements, heading anchors.
NOT_PROSE = (
    f"{CHROME}, .b12-cite, script, style, template, svg, noscript, [hidden], "
    ".headerlink, .md-source-file"
)
#: Data, not running text: left out of the reading time and the reading grade.
TABLES = "table"
#: The heading of the numbered source list: a page is read up to it.
SOURCES = "#references"
#: Elements HTML writes without an end tag.
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip

_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+(?:['\u2019.,-][0-9A-Za-z\u00c0-\u024f]+)*")


def words(text: str) -> int:
    """The words in plain ``text`` (a number, a hyphenated or abbreviated word is one)."""
    return len(_WORD.findall(text))


def reading_minutes(count: int) -> int:
    """Minutes to read ``count`` words at an unhurried pace, at least one."""
    return max(1, -(-count // WORDS_PER_MINUTE))


def join(*selectors: str) -> str:
    """One selector list of several."""
    return ", ".join(s for s in selectors if s)


def reading_text(html: str, tables: bool = False) -> str:
    """The text a reader reads in a page body: its prose before the source list
    (``SOURCES``), without what is never prose, and without tables unless ``tables``."""
    reader = _Reading(NOT_PROSE if tables else join(NOT_PROSE, TABLES), SOURCES)
    try:
        reader.feed(html)
        reader.close()
    except _Stop:
        pass
    return " ".join("".join(reader.parts).split())


def reading_words(html: str) -> int:
    """Words behind the reading time and the length limit (``reading_text``)."""
    return words(reading_text(html))


class _Stop(Exception):
    """Reading has reached the source list."""


class _Reading(HTMLParser):
    """The text of a page body, streamed: what ``skip`` matches left out, and everything
    from what ``stop`` matches on; every element boundary separates words."""

    def __init__(self, skip: str, stop: str) -> None:
        super().__init__(convert_charrefs=True)
        self.skip, self.stop = _simple(skip), _simple(stop)
        self.parts: list[str] = []
        self.skipping: list[object] = []  # [tag, depth] of the skipped element we are in
        self.done = False

    def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if self.skipping:
            if name == self.skipping[0] and name not in VOID:
                self.skipping[1] = int(str(self.skipping[1])) + 1
            return
        found = dict(attrs)
        if _matches(self.stop, name, found):
            self.done = True
            raise _Stop  # nothing after it is read: no need to parse it
        if _matches(self.skip, name, found):
            if name not in VOID:
                self.skipping = [name, 1]
        else:
            self.parts.append(" ")

    def handle_startendtag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        if not (self.done or self.skipping):
            self.parts.append(" ")

    def handle_endtag(self, name: str) -> None:
        if self.skipping:
            if name == self.skipping[0]:
                depth = int(str(self.skipping[1])) - 1
                self.skipping = [] if depth == 0 else [name, depth]
                self.parts.append(" " if depth == 0 else "")
            return
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not (self.done or self.skipping):
            self.parts.append(data)


def _simple(selectors: str) -> list[tuple[str, str]]:
    """A selector list of simple selectors (``tag``, ``.class``, ``#id``, ``[attribute]``)
    as (kind, name) pairs, for the streaming reader; anything else is refused."""
    out: list[tuple[str, str]] = []
    for part in (p.strip() for p in selectors.split(",")):
        if re.fullmatch(r"[a-z][a-z0-9-]*", part):
            out.append(("tag", part))
        elif re.fullmatch(r"[.#][\w-]+", part):
            out.append(("class" if part[0] == "." else "id", part[1:]))
        elif re.fullmatch(r"\[[\w-]+\]", part):
            out.append(("attr", part[1:-1]))
        else:
            raise ValueError(f"the streaming reader takes simple selectors only, not {part!r}")
    return out


def _matches(selectors: list[tuple[str, str]], name: str, attrs: dict[str, str | None]) -> bool:
    classes = (attrs.get("class") or "").split()
    for kind, value in selectors:
        if (
            (kind == "tag" and name == value)
            or (kind == "class" and value in classes)
            or (kind == "id" and attrs.get("id") == value)
            or (kind == "attr" and value in attrs)
        ):
            return True
    return False
