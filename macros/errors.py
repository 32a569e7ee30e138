"""Data errors: one record per problem, reported as ``file:line:col: field: problem``."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem found in a data file, with the place it was found."""

    file: str
    line: int
    col: int
    field: str
    problem: str

    def format(self) -> str:
        """Render as ``data/x.yml:3:5: items[0].name: problem``."""
        where = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}:{self.col}: {where}{self.problem}"

    def annotation(self) -> str:
        """Render as a GitHub Actions ``::error`` workflow command, escaped for the runner."""
        where = f"{self.field}: " if self.field else ""
        message = _escape(f"{where}{self.problem}")
        file = _escape(self.file).replace(":", "%3A").replace(",", "%2C")
        return f"::error file={file},line={self.line},col={self.col}::{message}"


def _escape(text: str) -> str:
    """Escape a workflow-command value: ``%``, carriage returns and newlines."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


class DataErrors(Exception):
    """Raised when the data does not load: carries every error found, sorted by place."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        """All errors, one per line, then a count."""
        lines = [e.format() for e in self.errors]
        if os.environ.get("GITHUB_ACTIONS") == "true":
            lines += [e.annotation() for e in self.errors]
        count = len(self.errors)
        lines.append(f"{count} data error{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)


def show(value: object, limit: int = 60) -> str:
    """A short printable form of a bad value for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
