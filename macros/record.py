"""The build record: what the steps after a build need to know about each page, written
once per build so that no later step reads the built HTML back to find it.

Per page: its source path, URL, kind (``article``, ``symptom``, ``index``, ``page``),
the id of the data item it shows, title, description, language, words and reading
minutes, the sources it cites in the order of its numbers, its review, and its downloads.
The content report, the content diff, the open data (each page's schema.org
description, made by the function that makes the one in its head), the booklet and the
quality gates read it.

The renderer writes it as it goes, in every engine (macros/rendering.py): the build's
first line when the build starts, then a line per page once the page is rendered and its
words are counted (JSON Lines; a page rendered again, under ``serve``, has its last line
read). It sits beside the site folder it describes (``build/site.staging`` →
``build/site.staging.record.jsonl``), so it is never published or packed into the
offline copy. Beside it, each page's body as the renderer finished it, before the theme
(``<site>.bodies.jsonl``): the booklet's chapters and the content report's text, so that
no step but the quality gates and the content diff reads the built pages. (Zensical
rewrites a body's links after the renderer: its bodies keep links to the Markdown
sources.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.addresses import PAGE_RULES, page_url
from macros.chrome import facts
from macros.reading import reading_minutes

if TYPE_CHECKING:
    from macros.state import Build

VERSION = 2


class RecordMissing(Exception):
    """A built site has no build record; the message says where it was looked for."""


@dataclass(frozen=True)
class Citation:
    """One source a page cites, by its number on the page (its place in the list)."""

    id: str
    title: str
    publisher: str
    url: str

    def label(self) -> str:
        """ "Title (Publisher)": how the page's source list names it."""
        return f"{self.title} ({self.publisher})"


@dataclass
class PageRecord:
    src_path: str
    url: str  # relative to the site root: articles/x/
    kind: str
    item: str | None
    title: str
    description: str
    language: str
    words: int
    minutes: int
    citations: list[Citation] = field(default_factory=list)
    review: dict[str, Any] | None = None
    downloads: dict[str, str] = field(default_factory=dict)
    #: The symptoms it is about, and an article's headline (its structured data).
    about: list[str] = field(default_factory=list)
    headline: str | None = None

    def built_file(self) -> str:
        """The page's file in the built site: ``articles/x/index.html``."""
        return self.url if self.url.endswith(".html") else self.url + "index.html"


@dataclass
class Record:
    """One build's record."""

    engine: str
    site_name: str
    site_url: str
    language: str
    downloads: dict[str, str]
    pages: list[PageRecord]
    version: int = VERSION
    #: Every page source the build had (under docs/): each must have its line.
    sources: list[str] = field(default_factory=list)

    def by_url(self) -> dict[str, PageRecord]:
        return {p.url: p for p in self.pages}

    def by_source(self) -> dict[str, PageRecord]:
        return {p.src_path: p for p in self.pages}

    def settings(self) -> dict[str, Any]:
        """The engine settings a page's description uses (macros/chrome.py)."""
        return {
            "site_name": self.site_name,
            "site_url": self.site_url,
            "theme": {"language": self.language},
        }

    def item(self, kind: str, item_id: str) -> PageRecord | None:
        """The page of a data item (``item("article", "x")``)."""
        return next((p for p in self.pages if p.kind == kind and p.item == item_id), None)


def page_kinds(site: Path) -> dict[str, str]:
    """The kind of each page of the site built into ``site``, by its file in the site
    (``articles/x/index.html``): what the quality gates check each page for."""
    return {page.built_file(): page.kind for page in read(site).pages}


def record_path(site: Path) -> Path:
    """Where the record of the site built into ``site`` is: beside it."""
    return site.parent / f"{site.name}.record.jsonl"


def bodies_path(site: Path) -> Path:
    """Where the page bodies of the site built into ``site`` are: beside it."""
    return site.parent / f"{site.name}.bodies.jsonl"


def kind_of(src_path: str, meta: dict[str, Any]) -> tuple[str, str | None]:
    """A page's kind and the id of the data item it shows, from its front matter."""
    for rule in PAGE_RULES:
        if meta.get(rule.key) and src_path == rule.source(str(meta[rule.key])):
            return rule.key, str(meta[rule.key])
    if src_path == "index.md" or src_path.endswith("/index.md"):
        return "index", None
    return "page", None


def page_record(
    build: Build,
    src_path: str,
    title: str,
    meta: dict[str, Any],
    words: int,
) -> PageRecord:
    """One page's record, from the build's state after the page's macros ran; its address
    by the one rule (macros/addresses.py)."""
    kind, item = kind_of(src_path, meta)
    run = build.runs.get(src_path)
    refs = build.site.references
    cited = run.state.citations if run is not None else []
    settings = build.settings
    return PageRecord(
        src_path=src_path,
        url=page_url(src_path, build.directory_urls),
        kind=kind,
        item=item,
        title=title,
        description=str(meta.get("description") or settings.get("site_description") or ""),
        language=str(settings["theme"]["language"]),
        words=words,
        minutes=reading_minutes(words),
        citations=[Citation(r, refs[r].title, refs[r].publisher, str(refs[r].url)) for r in cited],
        review=meta.get("b12_review") or facts(build.site.review),
        downloads={
            name: path.replace("{slug}", item)
            for name, path in settings["downloads"].items()
            if "{slug}" in path and kind == "article" and item
        },
        about=build.topics(meta),
        headline=(meta.get("b12_article") or {}).get("title"),
    )


@dataclass(frozen=True)
class Recorder:
    """Writes one build's record, a line at a time."""

    path: Path
    bodies: Path

    @classmethod
    def start(
        cls,
        site: Path,
        engine: str,
        settings: dict[str, Any],
        sources: list[str],
    ) -> Recorder:
        """A new record for the site built into ``site``: the build's line (what every
        page shares, and the page sources it has), replacing the record of the build
        before."""
        path = record_path(site)
        path.parent.mkdir(parents=True, exist_ok=True)
        head = {
            "version": VERSION,
            "engine": engine,
            "site_name": str(settings.get("site_name") or ""),
            "site_url": str(settings.get("site_url") or ""),
            "language": str(settings["theme"]["language"]),
            "downloads": {k: v for k, v in settings["downloads"].items() if "{slug}" not in v},
            "sources": sources,
        }
        path.write_text(json.dumps(head, ensure_ascii=False) + "\n", encoding="utf-8")
        bodies = bodies_path(site)
        bodies.write_text("", encoding="utf-8")
        return cls(path, bodies)

    def add(self, page: PageRecord, body: str) -> None:
        """A rendered page's line, and its body."""
        with self.path.open("a", encoding="utf-8") as out:
            # A dataclass's fields, in order (its citations too): asdict's output, without
            # its deep copy of every value.
            out.write(json.dumps(vars(page), ensure_ascii=False, default=vars) + "\n")
        with self.bodies.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"src_path": page.src_path, "body": body}, ensure_ascii=False))
            out.write("\n")


def load(path: Path) -> Record:
    """A record written by a ``Recorder``, its pages in source order (``RecordMissing`` if
    it is of another version, as the base of a content diff may be, or if a page source of
    the build has no line: a page the renderer did not see would silently drop out of
    every step after the build)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    head = json.loads(lines[0]) if lines else {}
    if head.get("version") != VERSION:
        raise RecordMissing(
            f"the build record at {path} is version {head.get('version')}; "
            f"this code reads version {VERSION}"
        )
    pages: dict[str, PageRecord] = {}
    for line in lines[1:]:
        p = json.loads(line)
        pages[p["src_path"]] = PageRecord(
            **{**p, "citations": [Citation(**c) for c in p["citations"]]}
        )
    missing = [src for src in head.get("sources", []) if src not in pages]
    if missing:
        raise RecordMissing(
            f"the build record at {path} has no line for {len(missing)} of its pages "
            f"({', '.join(missing[:5])}{', …' if len(missing) > 5 else ''}): the renderer "
            "(macros/rendering.py) did not see them; build again with `make site`"
        )
    return Record(**head, pages=[pages[k] for k in sorted(pages)])


def read(site: Path) -> Record:
    """The record of the site built into ``site`` (``RecordMissing`` if there is none)."""
    path = record_path(site)
    if not path.is_file():
        raise RecordMissing(
            f"no build record at {path}: the site in {site} was built without one (by a "
            "commit from before the record, or not by the project's MkDocs build: "
            "`make site`, `python -m scripts.engine --site-dir DIR`)"
        )
    return load(path)


def read_bodies(site: Path) -> dict[str, str]:
    """Each page's body, by its source path, as the renderer finished it for the site built
    into ``site`` (``RecordMissing`` if there are none)."""
    path = bodies_path(site)
    if not path.is_file():
        raise RecordMissing(f"no page bodies at {path}: build the site with `make site`")
    bodies: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        bodies[entry["src_path"]] = entry["body"]
    return bodies
