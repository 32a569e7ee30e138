"""Load YAML while remembering where every value came from.

PyYAML accepts duplicate mapping keys silently and forgets line numbers once it has
built Python objects. This module composes the node tree itself, refuses duplicate
keys, and returns the plain data together with a map from each value's path
(``(0, "lay_terms", 2)``) to its line and column, so that later validation errors
can name the place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, show

try:  # the C loader is much faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]
_STR = "tag:yaml.org,2002:str"


@dataclass
class Positioned:
    """Plain data from one file, with the 1-based line and column of every path."""

    file: str
    data: Any
    places: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def place(self, path: Path_) -> tuple[int, int]:
        """The line and column of ``path``, or of its nearest ancestor that has one."""
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.places:
                return self.places[path[:cut]]
        return (1, 1)


class _Composer:
    """Turn a composed node tree into plain data, recording places and duplicate keys."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.places: dict[Path_, tuple[int, int]] = {}
        self.errors: list[DataError] = []
        self._scalars = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.places[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: Path_) -> Any:
        """A scalar's value; one YAML cannot construct (``2026-21-11``) stays text.

        Validation then reports it at its place, as a date (or number) that is not valid,
        instead of the loader stopping with a traceback.
        """
        if node.tag == _STR:  # most values: no constructor needed
            return node.value
        try:
            return self._scalars.construct_object(node, deep=True)
        except (ValueError, OverflowError):
            return str(node.value)
        except yaml.YAMLError as exc:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            problem = getattr(exc, "problem", None) or str(exc)
            self.errors.append(
                DataError(
                    self.file, line, col, dotted(path), f"{problem} (expected plain YAML values)"
                )
            )
            return None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalars.construct_object(key_node, deep=True)
            if key in result:
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                first = self.places.get((*path, key), (0, 0))[0]
                self.errors.append(
                    DataError(
                        self.file,
                        line,
                        col,
                        dotted((*path, key)),
                        f"duplicate key {show(key)} (first given on line {first}; "
                        "expected each key once per item)",
                    )
                )
                continue
            result[key] = self.build(value_node, (*path, key))
        return result


def dotted(path: Path_) -> str:
    """``(0, "rows", 2, "cells")`` → ``[0].rows[2].cells``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_positioned(path: Path, shown_as: str) -> tuple[Positioned | None, list[DataError]]:
    """Read one YAML file; return its data with places, or the errors that stop it loading."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            DataError(
                shown_as, 1, 1, "", "file starts with a byte-order mark (expected plain UTF-8)"
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            DataError(
                shown_as,
                line,
                col,
                "",
                f"byte {raw[exc.start]:#04x} is not UTF-8 (expected UTF-8 text)",
            )
        ]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            problem += " (line holds a tab; expected spaces for indentation)"
        return None, [DataError(shown_as, line, col, "", f"YAML syntax error: {problem}")]
    if node is None:
        return None, [DataError(shown_as, 1, 1, "", "file is empty (expected a list of items)")]
    composer = _Composer(shown_as)
    data = composer.build(node, ())
    return Positioned(shown_as, data, composer.places), composer.errors
