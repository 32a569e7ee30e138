"""Where each page lives: the one rule per kind of data item that has a page of its own
(``PAGE_RULES``), and the one rule from a page's source path to its URL.

Every link the components print, the generated pages and their nav, and the checks that
nothing is unpublished derive from here. Plain string rules: no engine is imported.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class PageRule:
    """The data items that each have a page: where it is, and the front matter naming it."""

    collection: str
    path: str  # under docs/, with {id}
    key: str  # front matter key holding the item's id
    generated: bool = False  # written from the data by ``python -m macros generate``
    #: For a generated page: the item's field that describes the page (its meta
    #: description), how much search weighs it, and the macro that renders its body.
    description: str | None = None
    search_boost: int | None = None

    @property
    def macro(self) -> str:
        return f"{self.key}_page"

    def source(self, item_id: str) -> str:
        """The page's source path under docs/."""
        return self.path.format(id=item_id)

    @property
    def folder(self) -> str:
        """The folder the pages of this kind sit in (``symptoms``)."""
        return posixpath.dirname(self.path)

    @property
    def index(self) -> str:
        """The hub page of the folder (``symptoms/index.md``)."""
        return f"{self.folder}/index.md"


#: Every kind of data item that has a page of its own. A new kind of page is one rule here
#: (with its model, its data file and its template).
PAGE_RULES = (
    PageRule("articles", "articles/{id}.md", "article"),
    PageRule(
        "symptoms",
        "symptoms/{id}.md",
        "symptom",
        generated=True,
        description="feels_like",
        search_boost=3,
    ),
)


def rule_for(collection: str) -> PageRule:
    """The page rule of a collection (``rule_for("symptoms")``)."""
    return next(r for r in PAGE_RULES if r.collection == collection)


def page_url(src_path: str, directory_urls: bool = True) -> str:
    """A page's URL relative to the site root, as the engine writes it: ``a/b.md`` is
    ``a/b/`` (or ``a/b.html``), ``a/index.md`` is ``a/`` (or ``a/index.html``)."""
    target = src_path.removesuffix(".md")
    if target == "index" or target.endswith("/index"):
        target = target.removesuffix("index")
    elif directory_urls:
        target += "/"
    else:
        target += ".html"
    if not directory_urls and (target == "" or target.endswith("/")):
        target += "index.html"
    return target


def item_url(collection: str, item_id: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) of the page of a data item: ``articles/x/``."""
    return page_url(rule_for(collection).source(item_id), directory_urls)


def _parts(path: str) -> list[str]:
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if out:
                out.pop()
        else:
            out.append(part)
    return out


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both relative to the site root); the
    rule MkDocs' ``get_relative_url`` follows, so links are the same in every engine."""
    directory, _, name = other.rpartition("/")
    if "." in name:
        other = directory
    base, dest = _parts(other), _parts(url)
    common = 0
    for a, b in zip(base, dest, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(base) - common) + dest[common:]) or "."
    return relative + "/" if url.endswith("/") else relative
