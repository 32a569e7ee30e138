"""Page problems: every mistake on every page, collected during one build and reported once.

A macro call that goes wrong (an unknown macro, wrong arguments, an id the data does not
have, a template syntax error, an undefined variable) becomes one line,
``docs/<page>.md:<line>: <what went wrong>``, with the valid choices where there are
some. The page check (macros/pagecheck.py) finds what the page sources show before any
page renders, including every call whose arguments are written out (``MacroCall``), and
``define_env`` stops the build with them in every engine. The macros record what only
the render shows (arguments computed in the page) and log each as a warning, at its
line, as the engines log their own: a strict build (``build --strict``, as every build
here runs) fails once all pages are done, listing them all, and `make site` publishes
nothing (scripts/build_site.py builds into a staging folder).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from jinja2 import TemplateSyntaxError, UndefinedError

from .components import PageState
from .loader import nearest


@dataclass(frozen=True, order=True)
class PageProblem:
    """One mistake on a page, at its line in the file the author edits."""

    file: str
    line: int
    problem: str

    def format(self) -> str:
        return f"{self.file}:{self.line}: {self.problem}"


@dataclass
class PageRun:
    """The page being rendered: its state, the file shown in messages, and the line of the
    file on which its Markdown body (after the front matter) starts."""

    state: PageState
    file: str
    first_line: int = 1


#: The engines count a warning logged under "mkdocs." towards a strict build's failure.
LOG = logging.getLogger("mkdocs.plugins.b12")


@dataclass
class BuildProblems:
    """Every page problem of one build (made afresh by each build, so nothing outlives it)."""

    docs: str = "docs"
    problems: list[PageProblem] = field(default_factory=list)
    #: Checks reported only for a page with no other problem, per page: groups in order,
    #: the first group with a problem counts (an article's anatomy, then its sourcing).
    later: list[list[list[PageProblem]]] = field(default_factory=list)

    def shown(self, src_path: str) -> str:
        return f"{self.docs}/{src_path}"

    def add(self, file: str, line: int, problem: str) -> None:
        self.problems.append(PageProblem(file, line, problem))

    def at(self, run: PageRun, place: Place, problem: str) -> None:
        """A problem found while ``run``'s page renders: at a line of its Markdown body, or
        in a file it includes."""
        included, line = place
        if included is None:
            self.add(run.file, run.first_line + (line or 1) - 1, problem)
        else:
            self.add(included, line or 1, f"{problem} (included by {run.file})")
        LOG.warning(self.problems[-1].format())

    def has_any(self, file: str) -> bool:
        """Whether a problem was found in ``file`` (later checks of it would only repeat it)."""
        return any(p.file == file for p in self.problems)

    def found(self) -> list[PageProblem]:
        """Every problem, the later checks' only for pages with no other problem."""
        found = list(self.problems)
        for groups in self.later:
            for group in groups:
                if group and not self.has_any(group[0].file):
                    found += group
                    break
        return sorted(set(found))

    def report(self) -> str:
        lines = [p.format() for p in self.found()]
        count = len(lines)
        lines.append(f"{count} page error{'s' if count != 1 else ''} found; nothing was built.")
        return "The pages have errors:\n" + "\n".join(lines)


# --- where in the template a mistake is ----------------------------------------------


#: Where in a page's templates a mistake is: the included file (None for the page itself)
#: and its line (None if unknown).
Place = tuple[str | None, int | None]


def _included(filename: str | None) -> str | None:
    """The file of an included template, relative to the project; None for the page."""
    if not filename or filename == "<template>" or filename.endswith(".py"):
        return None
    return os.path.relpath(filename) if os.path.isfile(filename) else None


def calling_line() -> Place:
    """Where the macro call being run stands (from the live Jinja frame)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            line = int(template.get_corresponding_lineno(frame.f_lineno))
            return _included(template.filename), line
        frame = frame.f_back
    return None, None


# --- rendering a page -----------------------------------------------------------------

_UNDEFINED_NAME = re.compile(r"^'([^']+)' is undefined$")


def render_problem(exc: Exception, known: Mapping[str, Any]) -> str:
    """An exception from rendering a page's macros, in words."""
    if isinstance(exc, TemplateSyntaxError):
        return (
            f"macro syntax error: {exc.message} (macro calls are written "
            "{{ name(arguments) }}; see CONTRIBUTING.md)"
        )
    if isinstance(exc, UndefinedError):
        found = _UNDEFINED_NAME.match(str(exc.message))
        if found:
            name = found.group(1)
            return f"unknown macro or variable {name!r} ({nearest(name, known)})"
        return f"undefined value: {exc.message}"
    return f"macro error: {exc}"
