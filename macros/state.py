"""The state of one build: the loaded data, the components, the page problems and each
page's state, in one object that lives exactly as long as the engine's configuration.

Both engines hand ``define_env`` the build's configuration (``env.conf``): mkdocs-macros
once per build, Zensical once per page. The ``Build`` is kept on it, so it is made once
per build and dropped with it (a ``mkdocs serve`` rebuild loads a new configuration).
Zensical keeps one configuration for as long as ``zensical serve`` runs, so a ``Build``
is also stamped with the data files and the page sources: a change to either starts a new
one (new page check, no problems of the last build). A page's state is found from
``env.page`` when a macro runs, keyed by the page's source path; each render of a page
under Zensical starts it afresh (``Build.start_page``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .addresses import PAGE_RULES
from .chrome import facts, page_description, tojson
from .components import TEMPLATES, Components, PageState
from .errors import DataErrors
from .frontmatter import body_line
from .loader import FILES, Site, load_site
from .problems import BuildProblems, PageRun
from .record import Recorder

#: Where the build's state is kept on the engine's configuration.
KEY = "b12_build"


class DataFailed(Exception):
    """The data in data/ does not load: carries the report of every error."""

    def __init__(self, report: str) -> None:
        super().__init__("The data in data/ has errors:\n" + report)


def data_stamp(data_dir: Path) -> tuple[int, ...]:
    """Modification times of the data files: a changed file means a new load."""
    return tuple(
        (data_dir / f"{name}.yml").stat().st_mtime_ns if (data_dir / f"{name}.yml").exists() else -1
        for name in FILES
    )


def docs_stamp(docs_dir: Path, config_file: Path | None) -> tuple[tuple[str, int], ...]:
    """Modification times of the page sources and the config: a change means the page
    check runs again (under Zensical, whose configuration outlives a rebuild)."""
    files = sorted(docs_dir.rglob("*.md")) + ([config_file] if config_file else [])
    return tuple((str(f), f.stat().st_mtime_ns) for f in files if f.is_file())


def load(project: Path) -> Site:
    """The validated data of a project (``DataFailed`` listing every error)."""
    try:
        return load_site(project / "data")
    except DataErrors as exc:
        raise DataFailed(exc.report()) from None


def source_path(page: Any) -> str:
    """A page's source path under docs/: ``page.file.src_path`` (MkDocs) or ``page.path``
    (Zensical)."""
    file = getattr(page, "file", None)
    return str(file.src_path if file is not None else page.path).replace("\\", "/")


@dataclass
class Build:
    """One build: its data, components, page problems and the state of every page."""

    project: Path
    docs_dir: Path
    directory_urls: bool
    site: Site
    components: Components
    stamp: tuple[int, ...]
    problems: BuildProblems
    config_file: Path | None = None
    pages_stamp: tuple[tuple[str, int], ...] = ()
    #: The engine settings the page chrome uses (site name, address, description, language).
    settings: dict[str, Any] = field(default_factory=dict)
    runs: dict[str, PageRun] = field(default_factory=dict)
    #: Writes the build record (macros/record.py), a line per page as the renderer
    #: finishes it (macros/rendering.py); started by ``define_env``.
    recorder: Recorder | None = None
    #: Names the pages use that are no macro or variable; None until the page sources
    #: are checked (macros/pagecheck.py, once per build).
    unknown: set[str] | None = None
    #: The page check's report when it found problems: the build stops with it.
    refused: str | None = None

    @classmethod
    def start(cls, conf: Any) -> Build:
        """A new build from the engine's configuration (``docs_dir``, ``use_directory_urls``)."""
        docs_dir = Path(conf["docs_dir"]).resolve()
        config_file = _config_file(conf)
        project = (
            config_file.parent
            if config_file
            else Path(conf.get("root_dir") or docs_dir.parent).resolve()
        )
        site = load(project)
        downloads = dict((conf.get("extra") or {}).get("downloads") or {})
        components = Components(site, project / TEMPLATES, docs_dir, downloads)
        docs = Path(docs_dir).relative_to(project).as_posix()
        return cls(
            project=project,
            docs_dir=docs_dir,
            directory_urls=bool(conf.get("use_directory_urls", True)),
            site=site,
            components=components,
            stamp=data_stamp(project / "data"),
            problems=BuildProblems(docs=docs),
            config_file=config_file,
            pages_stamp=docs_stamp(docs_dir, config_file),
            settings={
                "site_name": conf.get("site_name"),
                "site_url": _with_slash(conf.get("site_url")),
                "site_description": conf.get("site_description"),
                "theme": {"language": _language(conf)},
                "downloads": downloads,
            },
        )

    def current(self) -> bool:
        """Whether the data and the page sources are as this build found them."""
        return self.stamp == data_stamp(self.project / "data") and self.pages_stamp == docs_stamp(
            self.docs_dir, self.config_file
        )

    def run(self, page: Any) -> PageRun:
        """The state of ``page`` (made when its first macro runs): its citations, FAQ, and
        the data items its front matter names."""
        run = self.runs.get(source_path(page))
        return run if run is not None else self.start_page(page)

    def start_page(self, page: Any) -> PageRun:
        """A fresh state for ``page``, about to render (again): no citations yet."""
        path = source_path(page)
        source = (self.docs_dir / path).read_text(encoding="utf-8-sig")
        state = PageState(path=path, url=str(page.url or ""), directory_urls=self.directory_urls)
        run = self.runs[path] = PageRun(state, self.problems.shown(path), body_line(source))
        self._describe(page, state)
        return run

    def scratch(self, path: str, meta: Any) -> PageState:
        """A throwaway state of a page, for trying a macro call before any page renders
        (macros/pagecheck.py): the data items its front matter names."""
        return PageState(path=path, directory_urls=self.directory_urls, items=self.named(meta))

    def named(self, meta: Any) -> dict[str, Any]:
        """The data items a page's front matter names, by their rule's key: for each kind
        in ``PAGE_RULES``, the item whose id its key gives (``symptom: fatigue``)."""
        found = {}
        for rule in PAGE_RULES:
            item = self.site.collection(rule.collection).get(str(meta.get(rule.key)))
            if item is not None:
                found[rule.key] = item
        return found

    def _describe(self, page: Any, state: PageState) -> None:
        """The page's data into its state and, as plain values for the theme, into its
        metadata (macros/chrome.py)."""
        site, meta = self.site, page.meta
        state.items = self.named(meta)
        article = state.article
        article_facts = None
        if article is not None:
            meta.setdefault("description", article.summary)
            article_facts = meta["b12_article"] = facts(article)
        meta["b12_review"] = article_facts or facts(site.review)
        for collection in meta.get("search_tags_from", []):
            meta["tags"] = meta.get("tags", []) + search_tags(getattr(site, collection).values())
        title = article.title if article else meta.get("title") or item_title(state)
        if title:
            self._ld(page, str(title))

    def _ld(self, page: Any, title: str) -> None:
        """The page's structured data (macros/chrome.py), for the theme's head."""
        meta = page.meta
        meta["b12_ld"] = tojson(
            page_description(
                self.settings,
                str(page.url or "").lstrip("/"),
                title,
                str(meta.get("description") or self.settings.get("site_description") or ""),
                meta.get("b12_article"),
                meta["b12_review"],
                self.topics(meta),
            )
        )

    def finish_page(self, page: Any, heading: str) -> None:
        """A page the renderer is finishing (macros/rendering.py), in every engine:
        described even if no macro ran on it, and its structured data named by its
        heading when nothing else names it."""
        self.run(page)
        if "b12_ld" not in page.meta and heading:
            self._ld(page, heading)

    def topics(self, meta: Any) -> list[str]:
        """The names of the symptoms a page is about: an article's symptoms, or the
        symptom whose page it is (its structured data's ``about``)."""
        article = self.site.articles.get(str(meta.get("article")))
        if article is not None:
            return [self.site.symptoms[s].name for s in article.symptoms]
        symptom = self.site.symptoms.get(str(meta.get("symptom")))
        return [symptom.name] if symptom is not None else []


def item_title(state: PageState) -> str | None:
    """The title of the generated item a page is the page of (its rule's ``title``)."""
    for rule in PAGE_RULES:
        item = state.items.get(rule.key)
        if rule.generated and item is not None:
            return str(getattr(item, rule.title))
    return None


def search_tags(items: Any) -> list[str]:
    """Words that search weighs above all others (Material's `tags` field): names, everyday
    words and named examples of the given data items."""
    tags: list[str] = []
    for item in items:
        for name in ("name", "medical_term"):
            value = getattr(item, name, None)
            if value:
                tags.append(value)
        tags += list(getattr(item, "lay_terms", [])) + list(getattr(item, "examples", []))
    return tags


def _with_slash(url: Any) -> str:
    text = str(url or "")
    return text if not text or text.endswith("/") else text + "/"


def _language(conf: Any) -> str:
    theme = conf.get("theme")
    language = theme.get("language") if hasattr(theme, "get") else None
    if language is None and theme is not None:
        language = getattr(theme, "language", None) or theme["language"]
    return str(language or "en")


def _config_file(conf: Any) -> Path | None:
    """The config file (MkDocs' ``config_file_path``; Zensical keeps only its folder)."""
    return Path(conf["config_file_path"]).resolve() if conf.get("config_file_path") else None


def build_for(conf: Any) -> Build:
    """The build ``conf`` (the engine's configuration of this build) belongs to."""
    build: Build | None = conf.get(KEY)
    if build is None or not build.current():
        build = Build.start(conf)
        conf[KEY] = build
    return build
