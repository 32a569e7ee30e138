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
    """The data items that each have a page: where it is, and the front matter naming it.

    A generated kind's page (``generated=True``) is written by ``python -m macros
    generate``: front matter naming the item and one call of the macro ``<key>_page``,
    which shows the item's ``title`` field as the page's title, then the components
    named in ``before``, the template ``overrides/partials/b12/<key>-page.html`` (given
    the item as ``item`` and as ``<key>``), the components named in ``after``, and the
    page's numbered sources. The stage lists the pages in the nav: between the marker
    comments ``# >>> <collection> pages`` / ``# <<< <collection> pages`` where the config
    has them, else after the entry of the folder's index page, else in a section of
    their own (``nav``) at the end of the nav, with the markers, so they can be moved.
    """

    collection: str  # the data file (data/<collection>.yml), a field of the site model
    path: str  # under docs/, with {id}
    key: str  # front matter key holding the item's id
    generated: bool = False  # written from the data by ``python -m macros generate``
    #: For a generated page: the item's field that describes the page (its meta
    #: description) and how much search weighs it.
    description: str | None = None
    search_boost: int | None = None
    #: For a generated page: the item's field that names it (its title and nav entry).
    title: str = "name"
    #: For a generated page: components (methods of ``macros.components.Components``,
    #: each called with the page and the item) shown before and after its template.
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    #: For a generated page: the title of its nav section, when the stage adds one
    #: (by default the collection's name: ``Medicines``).
    nav: str | None = None

    @property
    def macro(self) -> str:
        """The macro that renders a generated page (``symptom_page``)."""
        return f"{self.key}_page"

    @property
    def template(self) -> str:
        """The template of a generated page, in overrides/partials/b12/ (``symptom-page``)."""
        return f"{self.key.replace('_', '-')}-page"

    @property
    def nav_title(self) -> str:
        """The title of the nav section the stage adds for these pages."""
        return self.nav or self.collection.replace("_", " ").capitalize()

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


#: Every kind of data item that has a page of its own. A new generated kind of page is
#: one rule here, with its model (macros/model.py), its data file and its template.
PAGE_RULES = (
    PageRule("articles", "articles/{id}.md", "article"),
    PageRule(
        "symptoms",
        "symptoms/{id}.md",
        "symptom",
        generated=True,
        description="feels_like",
        search_boost=3,
        before=("symptom_care",),
        after=("symptom_mechanisms", "symptom_mentions", "full_care_card"),
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
