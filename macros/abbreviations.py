"""A Python-Markdown extension (``markdown_extensions`` in mkdocs.yml, so every engine runs
it): the glossary's abbreviations, appended to each page, only those whose words the page
holds.

``python -m macros generate`` writes the glossary as abbreviation lines
(``*[term]: definition``, ``build/generated/abbreviations.md``). Python-Markdown's ``abbr``
marks a term only where it stands whole in the text, so a term with a word missing from
the page cannot be marked and is left out: the whole glossary on every page grew with
pages × words. The page's text is read after Python-Markdown has set its HTML blocks
aside (the components' bodies, which it passes through untouched, so their words need no
abbreviation line).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

#: Runs of letters and digits (as macros/components.py's ``Glossary`` splits them).
_TOKEN = re.compile(r"[^\W_]+")
_LINE = re.compile(r"^\*\[(.+?)\]: ")
DEFAULT_FILE = "build/generated/abbreviations.md"


class GlossaryMissing(Exception):
    """The generated abbreviations are not there (the generation stage did not run)."""


@functools.lru_cache(maxsize=4)
def _definitions(path: str, stamp: int) -> tuple[tuple[frozenset[str], str], ...]:
    """(words of the term, its abbreviation line) for each line of the generated file."""
    del stamp  # part of the cache key only: a rewritten file is read again
    found = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        term = _LINE.match(line)
        if term:
            found.append((frozenset(_TOKEN.findall(term.group(1))), line))
    return tuple(found)


def definitions(path: str) -> tuple[tuple[frozenset[str], str], ...]:
    file = Path(path)
    if not file.is_file():
        raise GlossaryMissing(
            f"{path} is missing: the glossary's abbreviations are written by "
            "`python -m macros generate` (which every build runs first)"
        )
    return _definitions(str(file.resolve()), file.stat().st_mtime_ns)


class AbbreviationsPreprocessor(Preprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, path: str) -> None:
        super().__init__(md)
        self.path = path

    def run(self, lines: list[str]) -> list[str]:
        present = set(_TOKEN.findall("\n".join(lines)))
        chosen = [line for words, line in definitions(self.path) if words <= present]
        if not chosen:
            return lines
        return [*lines, "", *"\n\n".join(chosen).splitlines(), ""]


class AbbreviationsExtension(Extension):  # type: ignore[misc]
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"file": [DEFAULT_FILE, "the generated abbreviation lines"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After the HTML blocks are set aside (20), before the abbreviations are read.
        md.preprocessors.register(
            AbbreviationsPreprocessor(md, str(self.getConfig("file"))), "b12_abbreviations", 15
        )


def makeExtension(**kwargs: Any) -> AbbreviationsExtension:  # noqa: N802
    return AbbreviationsExtension(**kwargs)
