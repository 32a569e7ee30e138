"""How long a page takes to read, and the one rule for which of its words count.

One place for the words of a text, the figure shown under each title, the length limit on
articles and the content report (``python -m scripts.content_stats``). A page's reading
length is the words of its prose before its Sources list: not its tables, citation marks,
chrome, scripts or hidden text. The renderer counts it on every page as it renders
(macros/rendering.py, a Python-Markdown extension every engine runs), lexing the page
body in one pass with the token rules of the standard library's HTML parser (in under
half its time), and stopping at the source list. The quality gates' tree reader
(scripts/quality/html_reader.py) takes the same lists of what is not prose from here and
reads every built page's text from its tree, so each count is checked by a second reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import unescape

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
    return _read(html, _simple(NOT_PROSE if tables else join(NOT_PROSE, TABLES)), _simple(SOURCES))


def reading_words(html: str) -> int:
    """Words behind the reading time and the length limit (``reading_text``)."""
    return words(reading_text(html))


#: The tokens of HTML as the engines write it (well-formed; malformed input is not always
#: read as the standard library's HTML parser reads it): a comment or declaration (left
#: out), an end tag (group 1: its name), a start tag (group 2: its name, group 3: its
#: attributes, ending in "/" if it closes itself). A "<" that starts none of them is
#: text. Possessive, so never backtracking.
_TOKEN = re.compile(
    r"<!--.*?-->|<![^>]*+>|<\?[^>]*+>"
    r"|</([a-zA-Z][^\t\n\r\f />\x00]*+)[^>]*+>"
    r"|<([a-zA-Z][^\t\n\r\f />\x00]*+)((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>",
    re.S,
)
#: One attribute of a start tag: its name, and its value quoted or not.
_ATTR = re.compile(r"""([^\s/>][^\s/=>]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
#: Elements whose content is text up to their end tag, never markup.
_RAW_TEXT = ("script", "style")


def _read(html: str, skip: _Selectors, stop: _Selectors) -> str:
    """The text of ``html``, lexed in one pass: what ``skip`` matches left out, and
    everything from what ``stop`` matches on; every element boundary separates words."""
    parts: list[str] = []
    skipping = ""  # the name of the skipped element we are in
    depth = 0  # how many of it are open
    pos = 0
    while (token := _TOKEN.search(html, pos)) is not None:
        if not skipping:
            parts.append(html[pos : token.start()])
        pos = token.end()
        end, name, attrs = token.group(1, 2, 3)
        if end is not None:
            if not skipping:
                parts.append(" ")
            elif end.lower() == skipping:
                depth -= 1
                if depth == 0:
                    skipping = ""
                    parts.append(" ")
        elif name is None:  # a comment or declaration
            pass
        elif attrs.endswith("/"):  # closes itself: a boundary, never skipped
            if not skipping:
                parts.append(" ")
        else:
            name = name.lower()
            if skipping:
                if name == skipping and name not in VOID:
                    depth += 1
            else:
                found = _attributes(attrs) if attrs else {}
                if stop.matches(name, found):
                    return _collapse(parts)
                if not skip.matches(name, found) or name in VOID:
                    parts.append(" ")  # a boundary, even where a skipped element is empty
                else:
                    skipping, depth = name, 1
            if name in _RAW_TEXT:  # its content is text up to its end tag, whatever it holds
                close = _raw_end(html, name, pos)
                if not skipping:
                    parts.append(html[pos:close])
                pos = close
    if not skipping:
        parts.append(html[pos:])
    return _collapse(parts)


def _raw_end(html: str, name: str, start: int) -> int:
    """Where the end tag of the raw-text element ``name`` opened before ``start`` is."""
    found = re.compile(rf"</{name}[\t\n\f\r />]", re.I).search(html, start)
    return found.start() if found else len(html)


def _attributes(text: str) -> dict[str, str | None]:
    """A start tag's attributes, names lowercased, values unquoted and unescaped."""
    found: dict[str, str | None] = {}
    for name, value in _ATTR.findall(text):
        if value[:1] in "\"'" and value:
            value = value[1:-1]
        found.setdefault(name.lower(), unescape(value) if value else None)
    return found


def _collapse(parts: list[str]) -> str:
    """The text, its character references resolved and its white space collapsed."""
    return " ".join(unescape("".join(parts)).split())


@dataclass(frozen=True)
class _Selectors:
    """A list of simple selectors (``tag``, ``.class``, ``#id``, ``[attribute]``), by kind."""

    tags: frozenset[str]
    classes: frozenset[str]
    ids: frozenset[str]
    attributes: frozenset[str]

    def matches(self, name: str, attrs: dict[str, str | None]) -> bool:
        """Does an element ``name`` with ``attrs`` match one of them?"""
        if name in self.tags:
            return True
        if not attrs:
            return False
        return (
            not self.classes.isdisjoint((attrs.get("class") or "").split())
            or attrs.get("id") in self.ids
            or not self.attributes.isdisjoint(attrs)
        )


@cache
def _simple(selectors: str) -> _Selectors:
    """A selector list of simple selectors, for the streaming reader; anything else is
    refused."""
    found: dict[str, set[str]] = {"tag": set(), "class": set(), "id": set(), "attr": set()}
    for part in (p.strip() for p in selectors.split(",")):
        if re.fullmatch(r"[a-z][a-z0-9-]*", part):
            found["tag"].add(part)
        elif re.fullmatch(r"[.#][\w-]+", part):
            found["class" if part[0] == "." else "id"].add(part[1:])
        elif re.fullmatch(r"\[[\w-]+\]", part):
            found["attr"].add(part[1:-1])
        else:
            raise ValueError(f"the streaming reader takes simple selectors only, not {part!r}")
    return _Selectors(*(frozenset(found[k]) for k in ("tag", "class", "id", "attr")))
