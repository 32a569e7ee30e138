"""What the Markdown renderer adds to every page, in every engine: MkDocs, ProperDocs and
Zensical all turn a page into HTML with Python-Markdown and the extensions listed in
mkdocs.yml, so this runs wherever the macros run, with no hook and no plugin.

- Under the page's title (its first ``<h1>``), one short line: the reading time and, once
  the page has been checked, when. The full review status and the next review date sit
  at the foot of the page (overrides/partials/b12-disclaimer.html).
- The page described by the build (its structured data among the rest), even a page that
  calls no macro (``Build.finish_page``).
- The page's line of the build record (its reading length among the rest) and its
  finished body (macros/record.py).

The reading length is the words of the finished body (macros/reading.py), so it is known
only at the end: a tree step puts the line under the title with a placeholder where the
figure goes, and the last step counts the words and writes the figure in, as
Python-Markdown puts stored HTML back in its own last steps.

The macros hand the page over: ``define_env`` (macros/__init__.py) fills this extension's
``link`` setting (an empty mapping in mkdocs.yml, the one object both engines pass to
every page's renderer) with the macros' environment, whose ``page`` is the page being
rendered. A page renderer without it (a project that lists the extension but runs no
macros) adds nothing.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from macros.reading import reading_minutes, reading_words
from macros.record import page_record
from macros.state import KEY, Build, source_path

#: Where the reading time goes until the body is complete: characters no page holds (the
#: ones Python-Markdown marks its own placeholders with).
PLACEHOLDER = "\x02b12-reading-time\x03"


def _current(link: Mapping[str, Any]) -> tuple[Build, Any] | None:
    """The build and the engine's page object of the page being rendered, as the macros
    handed them over; None when no macros ran."""
    env = link.get("env")
    build: Build | None = env.conf.get(KEY) if env is not None else None
    page = getattr(env, "page", None)
    return None if build is None or page is None else (build, page)


class PageLine(Treeprocessor):  # type: ignore[misc]
    """The line under the title, with the reading time's placeholder."""

    def __init__(self, md: Markdown, link: Mapping[str, Any], found: dict[str, str]) -> None:
        super().__init__(md)
        self.link, self.found = link, found

    def run(self, root: etree.Element) -> None:
        self.found.clear()
        current = _current(self.link)
        if current is None:
            return
        build, page = current
        self.found["body"] = "in the tree"
        title = next((el for el in root if el.tag == "h1"), None)
        heading = "".join(title.itertext()).strip() if title is not None else ""
        build.finish_page(page, heading)
        if title is None:
            return
        review = page.meta["b12_review"]
        line = etree.Element("p", {"class": "b12-page-meta", "data-search-exclude": ""})
        minutes = etree.SubElement(line, "span", {"class": "b12-page-meta__item"})
        minutes.text = PLACEHOLDER
        if review["review_status"] != "draft":
            checked = etree.SubElement(line, "span", {"class": "b12-page-meta__item"})
            checked.text = "Last checked "
            when = etree.SubElement(checked, "time", {"datetime": review["reviewed"]})
            when.text = review["reviewed_text"]
        root.insert(list(root).index(title) + 1, line)
        # The record's title, where the front matter gives none: the heading's words (as
        # the engines name the page).
        self.found["title"] = heading


class Reading(Postprocessor):  # type: ignore[misc]
    """Count the finished body's words: the reading time and the record."""

    def __init__(self, md: Markdown, link: Mapping[str, Any], found: dict[str, str]) -> None:
        super().__init__(md)
        self.link, self.found = link, found

    def run(self, text: str) -> str:
        current = _current(self.link)
        # Only the whole body, once: the table of contents and the engine's title run
        # these steps on a heading's words, before the tree step.
        if current is None or self.found.pop("body", None) is None:
            return text
        build, page = current
        words = reading_words(text)
        minutes = reading_minutes(words)
        meta = page.meta
        text = text.replace(PLACEHOLDER, f"{minutes} min read", 1)
        if build.recorder is not None:
            path = source_path(page)
            title = str(meta.get("title") or self.found.get("title") or "")
            build.recorder.add(
                page_record(build, path, title, meta, words),
                text,
            )
        return text


class RenderingExtension(Extension):  # type: ignore[misc]
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"link": [{}, "filled by define_env with the macros' environment"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        link = self.getConfig("link")
        found: dict[str, str] = {}  # what the tree step saw, for the last step
        # After every other tree step (the inline steps, the abbreviations, the heading
        # ids, the engines' own links and title): some of them run the last steps on a
        # heading's words, which must not be taken for the body.
        md.treeprocessors.register(PageLine(md, link, found), "b12_page_line", -100)
        # After every other step has put the body together.
        md.postprocessors.register(Reading(md, link, found), "b12_reading", -100)


def makeExtension(**kwargs: Any) -> RenderingExtension:  # noqa: N802 (Python-Markdown's name)
    return RenderingExtension(**kwargs)
