"""The one reader of built HTML, for the quality gates: a page's main content (the
``<article>`` the theme puts the page body and its chrome in), or a rendered page body,
parsed into a tree with tinyhtml5 and selected with cssselect2 (the parser WeasyPrint
uses): ``MainText``, for the gates' blocks, the content diff's text comparison and the
booklet's chapters (written back with ``to_html``).

Never regular expressions over HTML. What is and is not prose is the reading rule's
(macros/reading.py: ``CHROME``, ``NOT_PROSE``, ``TABLES``, ``SOURCES``, and the streaming
``reading_text``/``reading_words`` the renderer counts every page with); here besides:

- ``CONTENT``: the main content of a built page;
- ``APPARATUS``, ``HEADINGS``: what the reading grade leaves out besides tables.

    >>> MainText.parse(html).blocks()        # the text of each block, in order
    >>> MainText.parse(html).reading_words() # the words behind the reading time
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from xml.etree.ElementTree import Element

import cssselect2
import tinyhtml5

from macros.reading import (
    CHROME,
    NOT_PROSE,
    SOURCES,
    TABLES,
    VOID,
    join,
    words,
)

CONTENT = "article.md-content__inner"
#: Navigation and citation apparatus: the in-page contents, the source list, a table's
#: sources line, text for screen readers only, the summary box's label.
APPARATUS = (
    ".b12-toc, .b12-refs, .b12-table-sources, .b12-table-scroll, nav, .b12-sr-only, "
    ".b12-summary__title"
)
HEADINGS = "h1, h2, h3, h4, h5, h6"
#: Elements whose text is one block of the page, read in document order.
BLOCKS = (
    "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, summary, figcaption, pre, blockquote"
)
_SPACE = re.compile(r"\s+")
#: Elements whose text HTML writes unescaped.
_RAW = {"script", "style"}


def sentences(texts: Iterable[str]) -> str:
    """Blocks joined so that each ends a sentence (list items often have no full stop)."""
    return " ".join(t if t[-1:] in ".!?:" else t + "." for t in texts if t)


def tag(el: Element) -> str:
    """An element's name without its namespace (``p``)."""
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _text(el: Element, skipped: set[Element], replace: dict[Element, str] | None = None) -> str:
    """The text of ``el``, without the text of the skipped elements inside it, and with
    the elements in ``replace`` read as the text given for them."""
    parts: list[str] = []
    replace = replace or {}

    def walk(node: Element) -> None:
        if node in replace and node is not el:
            parts.append(replace[node] + (node.tail or ""))
            return
        if node in skipped and node is not el:
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not el and node.tail:
            parts.append(node.tail)

    walk(el)
    return _SPACE.sub(" ", "".join(parts)).strip()


def text_of(el: Element) -> str:
    """All the text of ``el``, whitespace collapsed."""
    return _text(el, set())


def to_html(el: Element, inner: bool = True, skip: set[Element] | None = None) -> str:
    """``el`` written back as HTML: its content only (``inner``) or with its own tags,
    without the elements in ``skip``."""
    parts: list[str] = []
    skip = skip or set()

    def walk(node: Element) -> None:
        name = tag(node)
        if not name or node in skip:  # a comment, or left out
            parts.append(escape(node.tail or "", quote=False))
            return
        attrs = "".join(
            f' {k.rsplit("}", 1)[-1]}="{escape(str(v))}"' for k, v in node.attrib.items()
        )
        parts.append(f"<{name}{attrs}>")
        if name not in VOID:
            content(node)
            parts.append(f"</{name}>")
        parts.append(escape(node.tail or "", quote=False))

    def content(node: Element) -> None:
        raw = tag(node) in _RAW
        parts.append((node.text or "") if raw else escape(node.text or "", quote=False))
        for child in node:
            walk(child)

    if inner:
        content(el)
    else:
        walk(el)
        parts[-1] = ""  # its tail is not part of it
    return "".join(parts)


@dataclass
class MainText:
    """A built page's main content, or a rendered page body."""

    content: cssselect2.ElementWrapper | None
    doc: cssselect2.ElementWrapper

    @classmethod
    def parse(cls, html: str) -> MainText:
        """The main content (``CONTENT``) of a built page."""
        doc = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html))
        return cls(next(iter(doc.query_all(CONTENT)), None), doc)

    @classmethod
    def read(cls, path: Path) -> MainText:
        return cls.parse(path.read_text(encoding="utf-8"))

    @classmethod
    def fragment(cls, html: str) -> MainText:
        """A rendered page body, as an engine hands it over before the theme wraps it."""
        doc = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html))
        return cls(next(iter(doc.query_all("body")), None), doc)

    def skipped(self, selector: str) -> set[Element]:
        """The elements matching ``selector``, with everything inside them."""
        found: set[Element] = set()
        if self.content is not None and selector:
            for wrapper in self.content.query_all(selector):
                found.update(wrapper.etree_element.iter())
        return found

    def items(
        self,
        skip: str = NOT_PROSE,
        selector: str = BLOCKS,
        extra: set[Element] | None = None,
        replace: dict[Element, str] | None = None,
    ) -> Iterator[tuple[Element, str]]:
        """Each block of the main content with its text, in document order; a block
        inside another (a paragraph in a list item) is its own block, not part of the
        outer one. ``replace``: elements read as the text given for them."""
        if self.content is None:
            return
        skipped = self.skipped(skip) | (extra or set())
        inner = {w.etree_element for w in self.content.query_all(BLOCKS)}
        for wrapper in self.content.query_all(selector):
            el = wrapper.etree_element
            if el in skipped:
                continue
            nested = {d for d in el.iter() if d is not el and d in inner}
            text = _text(el, skipped | nested, replace)
            if text:
                yield el, text

    def blocks(
        self, skip: str = NOT_PROSE, selector: str = BLOCKS, extra: set[Element] | None = None
    ) -> Iterator[str]:
        """The text of each block of the main content, in document order (``items``)."""
        for _, text in self.items(skip, selector, extra):
            yield text

    def select(self, selector: str, skip: str = NOT_PROSE) -> list[str]:
        """The text of each element matching ``selector``, without what ``skip`` matches."""
        if self.content is None:
            return []
        skipped = self.skipped(skip)
        return [
            t for w in self.content.query_all(selector) if (t := _text(w.etree_element, skipped))
        ]

    def reading_text(self, tables: bool = False) -> str:
        """The text a reader reads, by the reading rule, read from the tree: the
        renderer's streaming count (macros/reading.py ``reading_text``) is checked
        against it on every built page."""
        if self.content is None:
            return ""
        skipped = self.skipped(NOT_PROSE if tables else join(NOT_PROSE, TABLES))
        stop = next(
            (
                w.etree_element
                for w in self.content.query_all(SOURCES)
                if w.etree_element not in skipped
            ),
            None,
        )
        parts: list[str] = []

        def walk(node: Element) -> bool:
            """Read ``node`` and what follows it in the tree; False from the source list on."""
            if node is stop:
                return False
            if not tag(node):  # a comment: only the text after it
                parts.append(node.tail or "")
                return True
            if node not in skipped:
                parts.append(" " + (node.text or ""))
                if not all(walk(child) for child in node):
                    return False
            parts.append(" " + (node.tail or ""))
            return True

        for child in self.content.etree_element:
            if not walk(child):
                break
        return " ".join("".join([self.content.etree_element.text or "", *parts]).split())

    def reading_words(self) -> int:
        """Words behind the reading time and the length limit."""
        return words(self.reading_text())

    def chrome(self) -> list[str]:
        """The text of the theme's chrome around the body, one entry per part."""
        if self.content is None:
            return []
        return [_text(w.etree_element, set()) for w in self.content.query_all(CHROME)]

    def abbr_titles(self) -> dict[str, str]:
        """Words given a tooltip definition on the page: text (casefolded) -> title."""
        found: dict[str, str] = {}
        for w in self.doc.query_all("abbr[title]"):
            word = "".join(w.etree_element.itertext()).strip().casefold()
            found.setdefault(word, w.etree_element.get("title") or "")
        return found
