"""Page problems: every mistake on every page, collected during one build and reported once.

A macro call that goes wrong (an unknown macro, wrong arguments, an id the data does not
have, a template syntax error, an undefined variable) becomes one line,
``docs/<page>.md:<line>: <what went wrong>``, with the valid choices where there are
some. The page check (macros/pagecheck.py) finds what the page sources show before any
page renders; the macros record what they meet while rendering. The build then fails
once listing them all (``BuildProblems``, raised by the MkDocs shim,
scripts/mkdocs_shim.py, before any page is written).
"""

from __future__ import annotations

import functools
import inspect
import os
import re
import sys
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, Union, get_args, get_origin, get_type_hints

from jinja2 import TemplateSyntaxError, UndefinedError

from .addresses import PAGE_RULES, PageRule
from .components import ComponentError, PageState
from .loader import nearest


@dataclass(frozen=True, order=True)
class PageProblem:
    """One mistake on a page, at its line in the file the author edits."""

    file: str
    line: int
    problem: str

    def format(self) -> str:
        return f"{self.file}:{self.line}: {self.problem}"


class PagesFailed(Exception):
    """The build found mistakes on its pages: carries every one (the engine's shim shows
    them as its own error)."""


@dataclass
class PageRun:
    """The page being rendered: its state, the file shown in messages, and the line of the
    file on which its Markdown body (after the front matter) starts."""

    state: PageState
    file: str
    first_line: int = 1


@dataclass
class BuildProblems:
    """Every page problem of one build (made afresh by each build, so nothing outlives it)."""

    docs: str = "docs"
    problems: list[PageProblem] = field(default_factory=list)
    current: PageRun | None = None
    #: Checks reported only for a page with no other problem, per page: groups in order,
    #: the first group with a problem counts (an article's anatomy, then its sourcing).
    later: list[list[list[PageProblem]]] = field(default_factory=list)

    def shown(self, src_path: str) -> str:
        return f"{self.docs}/{src_path}"

    def add(self, file: str, line: int, problem: str) -> None:
        self.problems.append(PageProblem(file, line, problem))

    def at_body_line(self, line: int | None, problem: str) -> None:
        """A problem of the current page, at ``line`` of its Markdown body (1 if unknown)."""
        run = self.current
        assert run is not None, "no page is being rendered"
        self.add(run.file, run.first_line + (line or 1) - 1, problem)

    def at(self, place: Place, problem: str) -> None:
        """A problem at a place in the current page, or in a file it includes."""
        included, line = place
        if included is None:
            self.at_body_line(line, problem)
        else:
            run = self.current
            page = f" (included by {run.file})" if run is not None else ""
            self.add(included, line or 1, problem + page)

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
        return "\n".join(lines)

    def raise_if_any(self) -> None:
        if self.found():
            raise PagesFailed("The pages have errors:\n" + self.report())


_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def body_line(source: str) -> int:
    """The line of ``source`` (a whole page file) on which its Markdown body starts, after
    the front matter (as both engines split it)."""
    found = _FRONT_MATTER.match(source)
    return source.count("\n", 0, found.end()) + 1 if found else 1


def front_matter_line(source: str, key: str) -> int:
    """The line of ``key:`` in a page's front matter (1 if it is not found)."""
    found = re.search(rf"^{re.escape(key)}\s*:", source, re.MULTILINE)
    return source.count("\n", 0, found.start()) + 1 if found else 1


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


# --- macro arguments ------------------------------------------------------------------


def describe(hint: Any) -> str:
    """An argument's type in words, for a message."""
    if get_origin(hint) in (Union, types.UnionType):
        return " or ".join(describe(a) for a in get_args(hint) if a is not type(None))
    if get_origin(hint) is list:
        return 'a list of ids such as ["muscle-cramps"]'
    return {
        str: 'text in quotes such as "muscle-cramps"',
        int: "a whole number such as 2",
        bool: "true or false",
    }.get(hint, getattr(hint, "__name__", str(hint)))


def fits(value: Any, hint: Any) -> bool:
    """Whether ``value`` (as Jinja passes it) is of the type ``hint``."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(fits(value, a) for a in get_args(hint))
    if hint is type(None):
        return value is None
    if origin is list:
        return isinstance(value, list) and all(fits(v, get_args(hint)[0]) for v in value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is Any:
        return True
    return isinstance(value, hint)


def signature_text(name: str, fn: Callable[..., Any]) -> str:
    """``faq(article=None, level=2, heading="Questions people ask")``: how to call a macro."""
    parts = []
    for p in inspect.signature(fn).parameters.values():
        star = "*" if p.kind is p.VAR_POSITIONAL else ""
        default = "" if p.default is p.empty else f"={p.default!r}"
        parts.append(f"{star}{p.name}{default}")
    return f"{name}({', '.join(parts)})"


_CALL_WORDS = (
    (re.compile(r"missing a required argument: '(\w+)'"), "needs the argument {0!r}"),
    (re.compile(r"too many positional arguments"), "was given too many arguments"),
    (re.compile(r"got an unexpected keyword argument '(\w+)'"), "has no argument {0!r}"),
    (re.compile(r"multiple values for argument '(\w+)'"), "was given {0!r} twice"),
)


def argument_problem(
    signature: inspect.Signature,
    hints: Mapping[str, Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> str | None:
    """What is wrong with calling a function of this signature and these type hints with
    these arguments, in words, or None."""
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as exc:
        for pattern, words in _CALL_WORDS:
            found = pattern.search(str(exc))
            if found:
                return words.format(*found.groups())
        return "was called with arguments it does not take"
    for name, value in bound.arguments.items():
        hint = hints.get(name, Any)
        kind = signature.parameters[name].kind
        values = value if kind is inspect.Parameter.VAR_POSITIONAL else (value,)
        for one in values:
            if not fits(one, hint):
                return f"argument {name!r} must be {describe(hint)} (got {one!r})"
    return None


def guarded(
    problems: Callable[[], BuildProblems], fn: Callable[..., str], name: str
) -> Callable[..., str]:
    """``fn`` as a macro whose mistakes are recorded at the line of its call, not raised.

    The call returns nothing, the page goes on rendering (so every bad call on it is
    found), and the build fails once all pages are done.
    """
    usage = signature_text(name, fn)
    # Computed here, once per macro of this build: a module-level cache keyed by these
    # per-build closures would keep every earlier build alive across `mkdocs serve`.
    signature, hints = inspect.signature(fn), get_type_hints(fn)

    @functools.wraps(fn)
    def macro(*args: Any, **kwargs: Any) -> str:
        wrong = argument_problem(signature, hints, args, kwargs)
        if wrong is None:
            try:
                return fn(*args, **kwargs)
            except ComponentError as exc:
                problems().at(calling_line(), f"{name}(): {exc}")
                return ""
        problems().at(calling_line(), f"{name}() {wrong}; call it as {usage}")
        return ""

    return macro


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


# --- nothing silently unpublished -----------------------------------------------------


@dataclass(frozen=True)
class Published:
    """What the build publishes: hand-written pages (source path → front matter) and the
    pages the nav lists, with where its config is."""

    front_matter: Mapping[str, Mapping[str, Any]]
    in_nav: frozenset[str]
    config_file: str
    nav_line: int


def unpublished(site: Any, published: Published, docs: str) -> list[PageProblem]:
    """Items with no page, pages of no item, and item pages the nav leaves out."""
    problems: list[PageProblem] = []
    for rule in PAGE_RULES:
        items = site.collection(rule.collection)
        for item_id in items:
            path = rule.path.format(id=item_id)
            shown = f"{docs}/{path}"
            front = published.front_matter.get(path)
            if rule.generated:
                continue  # the generation stage writes it (the page check refuses a file in its place)
            file, line, _ = site.origins.of(rule.collection, item_id)
            if front is None:
                problems.append(
                    PageProblem(
                        file,
                        line,
                        f"{rule.key} {item_id!r} has no page (expected {shown} with front "
                        f"matter '{rule.key}: {item_id}')",
                    )
                )
                continue
            if front.get(rule.key) != item_id:
                problems.append(
                    PageProblem(
                        shown,
                        1,
                        f"front matter gives {rule.key}: {front.get(rule.key)!r} "
                        f"(expected '{rule.key}: {item_id}', the item this page is named after)",
                    )
                )
            if path not in published.in_nav:
                problems.append(
                    PageProblem(
                        published.config_file,
                        published.nav_line,
                        f"nav does not list {path} (expected it with the other "
                        f"{rule.collection} pages)",
                    )
                )
        for path, front in published.front_matter.items():
            named = front.get(rule.key)
            if rule.generated or not isinstance(named, str) or named not in items:
                continue  # an unknown id is reported when the page renders
            if path != rule.path.format(id=named):
                problems.append(
                    PageProblem(
                        f"{docs}/{path}",
                        1,
                        f"front matter names {rule.key} {named!r}, whose page is "
                        f"{docs}/{rule.path.format(id=named)} (expected one page per {rule.key})",
                    )
                )
    return problems


def hidden_by_hand(
    rule: PageRule, item_ids: list[str], existing: set[str], docs: str
) -> list[PageProblem]:
    """Hand-written files that stand where a generated page goes."""
    return [
        PageProblem(
            f"{docs}/{rule.path.format(id=i)}",
            1,
            f"this file stands where the page of {rule.key} {i!r} is generated "
            f"(expected no file here: the page is made from the data)",
        )
        for i in item_ids
        if rule.path.format(id=i) in existing
    ]
