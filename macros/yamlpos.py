"""Load YAML while remembering where every value came from, refusing what data never needs.

PyYAML accepts duplicate mapping keys silently, forgets line numbers once it has built
Python objects, expands aliases (an "alias bomb" of nested anchors grows to gigabytes)
and honours explicit tags. This module builds plain data straight from the parser's
events, in one pass: it refuses duplicate keys, anchors and aliases, explicit tags,
nesting deeper than ``MAX_DEPTH``, and files larger than ``MAX_BYTES`` or holding more
than ``MAX_VALUES`` values. It returns the data together with a map from each value's
path (``(0, "lay_terms", 2)``) to its line and column, so that later validation errors
can name the place. A UTF-8 byte-order mark and Windows (CRLF) line ends are accepted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .characters import hidden_characters
from .errors import DataError, show

#: libyaml's parser where PyYAML was built with it (much faster; MkDocs reads pages with it
#: too), the pure Python one where it is missing.
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]
_STR = "tag:yaml.org,2002:str"
#: Data items are lists of fields; the deepest real file nests 5 levels.
MAX_DEPTH = 20
#: The real data files are 1-15 KB; 3,000 synthetic topics make about 3 MB.
MAX_BYTES = 10 * 1024 * 1024
#: Values (scalars, lists, mappings) in one file: 1,000 synthetic topics hold 29,140 in
#: symptoms.yml. Millions of tiny values fit in MAX_BYTES and would take minutes.
MAX_VALUES = 250_000
_BOM = b"\xef\xbb\xbf"


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


class Refused(Exception):
    """Input the loader will not read any further: carries the one error that stops it."""

    def __init__(self, error: DataError) -> None:
        super().__init__(error.format())
        self.error = error


def _at(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _tag_name(tag: str) -> str:
    """``tag:yaml.org,2002:str`` → ``!!str``, as the author wrote it."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


class _Builder:
    """Turn the parser's events into plain data, recording places and refused input."""

    def __init__(self, file: str, events: Iterator[yaml.Event]) -> None:
        self.file = file
        self.events = events
        self.places: dict[Path_, tuple[int, int]] = {}
        self.errors: list[DataError] = []
        self._scalars = yaml.SafeLoader("")
        self._values = 0

    def error(self, event: yaml.Event, path: Path_, problem: str) -> DataError:
        line, col = _at(event)
        return DataError(self.file, line, col, dotted(path), problem)

    def refuse(self, event: yaml.Event, path: Path_) -> None:
        """Stop at an anchor, an alias or an explicit tag: plain data needs none of them."""
        if isinstance(event, yaml.AliasEvent):
            raise Refused(
                self.error(
                    event,
                    path,
                    f"alias *{event.anchor} is not allowed (expected the value written out: "
                    "data files use no anchors (&) or aliases (*))",
                )
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise Refused(
                self.error(
                    event,
                    path,
                    f"anchor &{anchor} is not allowed (expected the value written out: "
                    "data files use no anchors (&) or aliases (*))",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            raise Refused(
                self.error(
                    event,
                    path,
                    f"tag {_tag_name(tag)} is not allowed (expected a plain value; "
                    "put text in quotes instead of tagging it)",
                )
            )

    def document(self) -> Any:
        """The one document of the stream (None when the file holds no value)."""
        data: Any = None
        documents = 0
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise Refused(
                        self.error(
                            event, (), "a second document starts here (expected one; remove '---')"
                        )
                    )
                data = self.value(next(self.events), (), 0)
        return data

    def value(self, event: yaml.Event, path: Path_, depth: int) -> Any:
        self.refuse(event, path)
        self._values += 1
        if self._values > MAX_VALUES:
            raise Refused(
                self.error(
                    event,
                    path,
                    f"file holds more than {MAX_VALUES:,} values (expected far fewer: "
                    "split it or remove what does not belong)",
                )
            )
        self.places[path] = _at(event)
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, path)
        if isinstance(event, yaml.DocumentEndEvent):  # an empty document
            return None
        if depth >= MAX_DEPTH:
            raise Refused(
                self.error(
                    event,
                    path,
                    f"values nest more than {MAX_DEPTH} levels deep (expected a list of items "
                    "whose fields hold text, numbers or short lists)",
                )
            )
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for item in self.until(yaml.SequenceEndEvent):
                items.append(self.value(item, (*path, len(items)), depth + 1))
            return items
        return self.mapping(event, path, depth)

    def until(self, end: type[yaml.Event]) -> Iterator[yaml.Event]:
        """The events of a collection's entries, up to its end event."""
        for event in self.events:
            if isinstance(event, end):
                return
            yield event

    def mapping(self, start: yaml.Event, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        entries = self.until(yaml.MappingEndEvent)
        for key_event in entries:
            self.refuse(key_event, path)
            value_event = next(entries)
            if not isinstance(key_event, yaml.ScalarEvent):
                raise Refused(
                    self.error(
                        key_event,
                        path,
                        "a list or mapping is used as a key (expected a field name such as 'name:')",
                    )
                )
            key = key_event.value  # field names are text, whatever they look like
            if key in result:
                first = self.places.get((*path, key), (0, 0))[0]
                self.errors.append(
                    self.error(
                        key_event,
                        (*path, key),
                        f"duplicate key {show(key)} (first given on line {first}; "
                        "expected each key once per item)",
                    )
                )
                self.skip(value_event)
                continue
            result[key] = self.value(value_event, (*path, key), depth + 1)
        return result

    def skip(self, event: yaml.Event) -> None:
        """Pass over a value (of a duplicate key), still refusing what it holds."""
        self.refuse(event, ())
        if isinstance(event, yaml.CollectionStartEvent):
            nested = 1
            for inner in self.events:
                self.refuse(inner, ())
                if isinstance(inner, yaml.CollectionStartEvent):
                    nested += 1
                elif isinstance(inner, yaml.CollectionEndEvent):
                    nested -= 1
                    if nested == 0:
                        return

    def scalar(self, event: yaml.ScalarEvent, path: Path_) -> Any:
        """A scalar's value; one YAML cannot construct (``2026-21-11``) stays text.

        Validation then reports it at its place, as a date (or number) that is not valid,
        instead of the loader stopping with a traceback.
        """
        tag = self._scalars.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, event.value, event.implicit
        )
        if tag == _STR:  # most values: no constructor needed
            return event.value
        node = yaml.ScalarNode(tag, event.value, style=event.style)
        try:
            return self._scalars.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError):
            return str(event.value)


def dotted(path: Path_) -> str:
    """``(0, "rows", 2, "cells")`` → ``[0].rows[2].cells``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _decode(raw: bytes, shown_as: str) -> str:
    """UTF-8 text (a byte-order mark dropped), or the error naming the first bad byte."""
    raw = raw.removeprefix(_BOM)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problem = f"byte {raw[exc.start]:#04x} is not UTF-8 (expected UTF-8 text)"
        raise Refused(DataError(shown_as, line, col, "", problem)) from None


def _syntax_error(exc: yaml.YAMLError, text: str, shown_as: str) -> DataError:
    """A parser error as one DataError at its place."""
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        # libyaml gives a byte offset, the pure-Python reader a character offset: find the
        # character itself (the reader stops at its first occurrence).
        at = text.find(chr(char))
        position = at if at >= 0 else min(exc.position, len(text))
        line = text[:position].count("\n") + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        problem = f"character U+{char:04X} is not allowed (expected printable text)"
        return DataError(shown_as, line, col, "", problem)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return DataError(shown_as, line, col, "", "a tab is used for indentation (expected spaces)")
    parts = (getattr(exc, "context", None), getattr(exc, "problem", None))
    problem = " ".join(p for p in parts if p) or str(exc)
    for pyyaml_words, ours in _SYNTAX:
        if pyyaml_words in problem:
            return DataError(shown_as, line, col, "", ours)
    return DataError(shown_as, line, col, "", f"YAML syntax error: {problem}")


#: PyYAML's words for common slips, and ours.
_SYNTAX = (
    (
        "mapping values are not allowed",
        "a ': ' inside a value (expected text holding ': ' to be put in quotes)",
    ),
    (
        "could not find expected ':'",
        "a line is not 'field: value' (expected a ':' after the field)",
    ),
    (
        "did not find expected '-' indicator",
        "an item of a list is indented differently (expected each '- ' under the one before)",
    ),
    (
        "found unexpected end of stream",
        "the file ends inside a quoted or bracketed value (expected it to be closed)",
    ),
)


def load_positioned(path: Path, shown_as: str) -> tuple[Positioned | None, list[DataError]]:
    """Read one YAML file; return its data with places, or the errors that stop it loading."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        problem = (
            f"file is {size / 1024 / 1024:.1f} MB (expected at most "
            f"{MAX_BYTES // 1024 // 1024} MB; split it or remove what does not belong)"
        )
        return None, [DataError(shown_as, 1, 1, "", problem)]
    try:
        text = _decode(path.read_bytes(), shown_as)
        hidden = [
            DataError(shown_as, line, col, "", problem)
            for line, col, problem in hidden_characters(text)
        ]
        if hidden:
            return None, hidden
        builder = _Builder(shown_as, iter(yaml.parse(text, Loader=FAST_LOADER)))
        try:
            data = builder.document()
        except yaml.YAMLError as exc:
            return None, [_syntax_error(exc, text, shown_as)]
    except Refused as exc:
        return None, [exc.error]
    except (RecursionError, MemoryError):
        problem = "file is too deeply nested or too large to read (expected a list of items)"
        return None, [DataError(shown_as, 1, 1, "", problem)]
    if data is None:
        return None, [DataError(shown_as, 1, 1, "", "file is empty (expected a list of items)")]
    return Positioned(shown_as, data, builder.places), builder.errors
