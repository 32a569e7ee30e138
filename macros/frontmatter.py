"""A page file's front matter, split off and read as both engines split and read it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .yamlpos import FAST_LOADER

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
        data = _load(front)
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


def _load(front: str) -> Any:
    """``front`` read as YAML as MkDocs reads it, with libyaml's parser where PyYAML has
    it (it lets a tab pass where the Python parser refuses one); where it refuses, the
    Python parser reads it again, for the message and line."""
    if FAST_LOADER is yaml.SafeLoader:
        return yaml.safe_load(front)
    try:
        return yaml.load(front, Loader=FAST_LOADER)
    except (yaml.YAMLError, UnicodeEncodeError):
        return yaml.safe_load(front)


def front_matter_line(source: str, key: str) -> int:
    """The line of ``key:`` in a page's front matter (1 if it is not found)."""
    found = re.search(rf"^{re.escape(key)}\s*:", source, re.MULTILINE)
    return source.count("\n", 0, found.start()) + 1 if found else 1
