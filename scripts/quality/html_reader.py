"""The one reader of built HTML for the quality gates: a page's main content (the
``<article>`` the theme puts the page body and its chrome in), parsed with tinyhtml5 and
selected with cssselect2 (the parser WeasyPrint uses), never with regular expressions.

- ``CONTENT``: the main content of a built page;
- ``CHROME``: what the theme adds around the body (reading time and review line, print
  and download buttons, disclaimer);
- ``NOT_PROSE``: what is never read as prose (the chrome, citation marks, scripts, styles,
  heading anchors).

    >>> MainText.parse(html).blocks()   # the text of each block, in order
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

import cssselect2
import tinyhtml5

CONTENT = "article.md-content__inner"
CHROME = ".b12-page-meta, .b12-article-actions, .b12-disclaimer"
NOT_PROSE = f"{CHROME}, .b12-cite, script, style, .headerlink, .md-source-file"
#: Elements whose text is one block of the page, read in document order.
BLOCKS = (
    "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, summary, figcaption, pre, blockquote"
)
_SPACE = re.compile(r"\s+")


def _text(el: Element, skipped: set[Element]) -> str:
    """The text of ``el``, without the text of the skipped elements inside it."""
    parts: list[str] = []

    def walk(node: Element) -> None:
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


@dataclass
class MainText:
    """A built page's main content."""

    content: cssselect2.ElementWrapper | None

    @classmethod
    def parse(cls, html: str) -> MainText:
        root = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html))
        return cls(next(iter(root.query_all(CONTENT)), None))

    @classmethod
    def read(cls, path: Path) -> MainText:
        return cls.parse(path.read_text(encoding="utf-8"))

    def _skipped(self, selector: str) -> set[Element]:
        skipped: set[Element] = set()
        if self.content is not None and selector:
            for wrapper in self.content.query_all(selector):
                skipped.update(wrapper.etree_element.iter())
        return skipped

    def blocks(self, skip: str = NOT_PROSE) -> Iterator[str]:
        """The text of each block of the main content, in document order; a block inside
        another (a paragraph in a list item) is its own block, not part of the outer one."""
        if self.content is None:
            return
        skipped = self._skipped(skip)
        inner = {w.etree_element for w in self.content.query_all(BLOCKS)}
        for wrapper in self.content.query_all(BLOCKS):
            el = wrapper.etree_element
            if el in skipped:
                continue
            nested = {d for d in el.iter() if d is not el and d in inner}
            text = _text(el, skipped | nested)
            if text:
                yield text

    def chrome(self) -> list[str]:
        """The text of the theme's chrome around the body, one entry per part."""
        if self.content is None:
            return []
        return [_text(w.etree_element, set()) for w in self.content.query_all(CHROME)]
