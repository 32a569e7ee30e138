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

import functools
import inspect
import logging
import os
import re
import sys
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, Union, get_args, get_origin, get_type_hints

import yaml
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


_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class Split:
    """A page file split as both engines split it: its front matter block (None if it has
    none), its Markdown body, and the line of the file on which the body starts."""

    front: str | None
    body: str
    first_line: int


def split_front_matter(source: str) -> Split:
    found = _FRONT_MATTER.match(source)
    if found is None:
        return Split(None, source, 1)
    return Split(found.group(1), source[found.end() :], source.count("\n", 0, found.end()) + 1)


def body_line(source: str) -> int:
    """The line of ``source`` (a whole page file) on which its Markdown body starts, after
    the front matter (as both engines split it)."""
    return split_front_matter(source).first_line


def read_front_matter(source: str) -> tuple[dict[str, Any], tuple[int, str] | None]:
    """A page's front matter (empty if it has none), and what is wrong with it, at its
    line of the file: YAML that does not parse, or YAML that is not a mapping of keys."""
    front = split_front_matter(source).front
    if front is None:
        return {}, None
    try:
        data = yaml.safe_load(front)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2  # the block starts on line 2
        what = getattr(exc, "problem", None) or str(exc)
        context, started = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and started is not None:
            what += f" ({context} on line {started.line + 2})"
        return {}, (line, f"front matter is not valid YAML: {what}")
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, (
            2,
            "front matter must be a mapping of keys to values, such as 'title: ...' "
            f"(got {type(data).__name__})",
        )
    return data, None


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


def arity_problem(
    signature: inspect.Signature, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> str | None:
    """What is wrong with the number and names of the arguments of a call, in words, or
    None (the rules of ``inspect.Signature.bind``, stated here so the words are ours)."""
    params = list(signature.parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    star = any(p.kind is p.VAR_POSITIONAL for p in params)
    if len(args) > len(positional) and not star:
        return "was given too many arguments"
    by_name = {p.name: p for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    given = {p.name for p in positional[: len(args)]}
    for name in kwargs:
        if name not in by_name:
            return f"has no argument {name!r}"
        if name in given:
            return f"was given {name!r} twice"
    for p in params:
        required = p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        if required and p.name not in given and p.name not in kwargs:
            return f"needs the argument {p.name!r}"
    return None


def argument_problem(
    signature: inspect.Signature,
    hints: Mapping[str, Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> str | None:
    """What is wrong with calling a function of this signature and these type hints with
    these arguments, in words, or None."""
    wrong = arity_problem(signature, args, kwargs)
    if wrong is not None:
        return wrong
    bound = signature.bind(*args, **kwargs)
    for name, value in bound.arguments.items():
        hint = hints.get(name, Any)
        kind = signature.parameters[name].kind
        values = value if kind is inspect.Parameter.VAR_POSITIONAL else (value,)
        for one in values:
            if not fits(one, hint):
                return f"argument {name!r} must be {describe(hint)} (got {one!r})"
    return None


class MacroCall:
    """A macro's function with the checks of a call to it: its arguments against its
    signature and type hints, then what the function itself refuses (``ComponentError``).
    Both the page check (calls whose arguments are written out, before any page renders)
    and the rendering macro (``guarded``) call it."""

    def __init__(self, fn: Callable[..., str], name: str) -> None:
        self.fn, self.name = fn, name
        self.usage = signature_text(name, fn)
        # Computed here, once per macro of this build: a module-level cache keyed by these
        # per-build closures would keep every earlier build alive across `mkdocs serve`.
        self.signature, self.hints = inspect.signature(fn), get_type_hints(fn)

    def __call__(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[str, str | None]:
        """The macro's output, and what was wrong with the call (then the output is empty)."""
        wrong = argument_problem(self.signature, self.hints, args, kwargs)
        if wrong is not None:
            return "", f"{self.name}() {wrong}; call it as {self.usage}"
        try:
            return self.fn(*args, **kwargs), None
        except ComponentError as exc:
            return "", f"{self.name}(): {exc}"


def guarded(report: Callable[[Place, str], None], call: MacroCall) -> Callable[..., str]:
    """A macro whose mistakes are recorded (``report``) at the line of its call, not raised.

    The call returns nothing, the page goes on rendering (so every bad call on it is
    found), and the build fails once all pages are done.
    """

    @functools.wraps(call.fn)
    def macro(*args: Any, **kwargs: Any) -> str:
        out, wrong = call(args, kwargs)
        if wrong is not None:
            report(calling_line(), wrong)
        return out

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
    #: Pages whose front matter does not read (reported at its line, so not again here).
    unreadable: frozenset[str] = frozenset()


def unpublished(site: Any, published: Published, docs: str) -> list[PageProblem]:
    """Items with no page, pages of no item, and item pages the nav leaves out."""
    problems: list[PageProblem] = []
    for rule in PAGE_RULES:
        items = site.collection(rule.collection)
        for item_id in items:
            path = rule.path.format(id=item_id)
            shown = f"{docs}/{path}"
            front = published.front_matter.get(path)
            if rule.generated or path in published.unreadable:
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
