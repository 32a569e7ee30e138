"""What the comparison finds: how a page, a PDF and the whole site changed for a reader."""

from __future__ import annotations

from dataclasses import dataclass, field

from .pages import PageView
from .passages import CitedPassage


@dataclass
class PageChange:
    """How one page changed for a reader."""

    url: str
    title: str
    changes: list[tuple[str, str]]
    cites_added: list[str]
    cites_removed: list[str]
    review: list[tuple[str, str, str]]  # what, before, after
    reading_time: tuple[int | None, int | None]
    grade: tuple[float | None, float | None] = (None, None)
    words: tuple[int, int] = (0, 0)


@dataclass
class PdfChange:
    """A PDF whose text or page count changed."""

    name: str
    pages: tuple[int, int]
    changes: list[str]


@dataclass
class SiteDiff:
    """Everything a reader would see change between two built sites."""

    compared: int = 0
    changed: list[PageChange] = field(default_factory=list)
    added: list[PageView] = field(default_factory=list)
    removed: list[PageView] = field(default_factory=list)
    pdfs_changed: list[PdfChange] = field(default_factory=list)
    pdfs_added: list[str] = field(default_factory=list)
    pdfs_removed: list[str] = field(default_factory=list)
    terms_added: dict[str, list[str]] = field(default_factory=dict)
    terms_removed: dict[str, list[str]] = field(default_factory=dict)
    passages: list[CitedPassage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not (
            self.changed
            or self.added
            or self.removed
            or self.pdfs_changed
            or self.pdfs_added
            or self.pdfs_removed
            or self.terms_added
            or self.terms_removed
            or self.passages
        )
