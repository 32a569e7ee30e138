"""mkdocs-macros entry point: loads the data once and exposes the components as macros.

The data model, loader and components do not depend on MkDocs; this module and
``hooks.py`` are the only glue.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .components import ComponentError, Components, PageState
from .state import site_for

#: Heading anchors every article must have, in this order (the page anatomy).
ARTICLE_ANATOMY = (
    "key-points",
    "how-it-works",
    "comparison",
    "diagnosis",
    "treatment",
    "food-sources",
    "who-is-at-risk",
    "outlook",
    "what-you-can-do",
    "when-to-get-help",
    "faq",
    "references",
)
#: Headings that components print after the author's sections.
_COMPONENT_SECTIONS = (
    ("when-to-get-help", "When to get help"),
    ("faq", "Questions people ask"),
    ("references", "Sources"),
)
_HEADING = re.compile(r"^#{2,6} +(.+?) *\{#([a-z0-9-]+)\} *$", re.MULTILINE)
_ANY_HEADING = re.compile(r"^#{1,6} .*$", re.MULTILINE)

_pages: dict[str, PageState] = {}


def _state(env: Any) -> PageState:
    return _pages[env.page.file.src_path]


def _guarded(env: Any, fn: Callable[..., str], name: str | None = None) -> Callable[..., str]:
    """Register ``fn`` as a macro whose ComponentError is kept for the page's error report.

    mkdocs-macros would print a traceback; instead the error is recorded and the build
    fails after the page is rendered, naming the page and every bad call on it.
    """

    @functools.wraps(fn)
    def macro(*args: Any, **kwargs: Any) -> str:
        try:
            return fn(*args, **kwargs)
        except ComponentError as exc:
            _state(env).errors.append(f"{fn.__name__}(): {exc}")
            return ""

    env.macro(macro, name or fn.__name__)
    return macro


def define_env(env: Any) -> None:
    """Called once per build by mkdocs-macros: load the data, register the macros."""
    project = Path(env.project_dir)
    site = site_for(project)
    parts = Components(site, project / "overrides" / "partials" / "b12")
    env.variables["b12"] = site
    env.variables["b12_components"] = parts

    def macro(fn: Callable[..., str]) -> Callable[..., str]:
        return _guarded(env, fn)

    @macro
    def cite(*ref_ids: str) -> str:
        """Inline citation: {{ cite("ods-b12-consumer", "nhs-b12-folate-anaemia") }}."""
        return parts.cite(_state(env), ref_ids)

    @macro
    def article_intro() -> str:
        """Title, lead, quick summary, key points and in-page contents of an article."""
        toc = [(a, t) for t, a in _HEADING.findall(env.markdown)] + list(_COMPONENT_SECTIONS)
        return parts.article_intro(_state(env), toc)

    @macro
    def symptom_cards(ids: list[str] | None = None, level: int = 3) -> str:
        """Symptom cards; an article shows its own symptoms by default."""
        return parts.symptom_cards(_state(env), ids, level)

    @macro
    def comparison(comparison_id: str) -> str:
        """One comparison table by id."""
        return parts.comparison(_state(env), comparison_id)

    @macro
    def food_table(ids: list[str] | None = None, filter_vegan: bool = False) -> str:
        """Food table (all foods by default)."""
        return parts.food_table(_state(env), ids, filter_vegan)

    @macro
    def intake_table() -> str:
        """Recommended daily amounts."""
        return parts.intake_table(_state(env))

    for kind in ("tests", "treatments", "risk_groups", "mechanisms"):
        _guarded(env, _lister(env, parts, kind), f"{kind}_list")

    @macro
    def action_steps() -> str:
        """The article's action steps."""
        return parts.action_steps(_state(env))

    @macro
    def care_card(level: int = 2) -> str:
        """'When to get help' card."""
        return parts.care_card(_state(env), level)

    @macro
    def faq(
        article: str | None = None, level: int = 2, heading: str = "Questions people ask"
    ) -> str:
        """FAQ: the article's own questions, or all of them on a hub page."""
        return parts.faq(_state(env), article, level, heading)

    @macro
    def references(level: int = 2) -> str:
        """The numbered reference list of the page."""
        return parts.references(_state(env), level)

    for name in (
        "symptom_index",
        "article_list",
        "glossary_list",
        "source_list",
        "comparison_list",
    ):
        _guarded(env, _hub(env, parts, name), name)


def _lister(env: Any, parts: Components, kind: str) -> Any:
    def lister(ids: list[str] | None = None, level: int = 3) -> str:
        return parts.items(_state(env), kind, ids, level)

    lister.__name__ = f"{kind}_list"
    lister.__doc__ = f"List of {kind.replace('_', ' ')} (all by default)."
    return lister


def _hub(env: Any, parts: Components, name: str) -> Any:
    method = getattr(parts, name)

    def hub() -> str:
        return str(method(_state(env)))

    hub.__name__ = name
    hub.__doc__ = method.__doc__
    return hub


def on_pre_page_macros(env: Any) -> None:
    """Start a page: fresh citation numbering; article and symptom data into its metadata.

    A page whose front matter names a symptom is a generated symptom page (``hooks.py``):
    its whole body is rendered here.
    """
    page = env.page
    site = env.variables["b12"]
    state = PageState(
        path=page.file.src_path,
        url=page.url,
        directory_urls=bool(env.conf["use_directory_urls"]),
        source=env.markdown,
    )
    meta = page.meta
    slug = meta.get("article")
    if slug is not None:
        if slug not in site.articles:
            raise PluginError(f"{page.file.src_path}: front matter names unknown article {slug!r}")
        state.article = site.articles[slug]
        meta.setdefault("description", state.article.summary)
        meta["b12_article"] = state.article
    symptom = meta.get("symptom")
    if symptom is not None:
        if symptom not in site.symptoms:
            raise PluginError(
                f"{page.file.src_path}: front matter names unknown symptom {symptom!r}"
            )
        state.symptom = site.symptoms[symptom]
        meta.setdefault("description", state.symptom.feels_like)
        meta["tags"] = search_tags([state.symptom])
        try:
            env.markdown = env.variables["b12_components"].symptom_page(state)
        except ComponentError as exc:
            state.errors.append(f"symptom page: {exc}")
    for collection in meta.get("search_tags_from", []):
        meta["tags"] = meta.get("tags", []) + search_tags(getattr(site, collection).values())
    _pages[page.file.src_path] = state


def search_tags(items: Iterable[Any]) -> list[str]:
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


def on_post_page_macros(env: Any) -> None:
    """Finish a page: check an article's anatomy, attach glossary definitions, record its FAQ."""
    state = _state(env)
    page = env.page
    problems = list(state.errors)
    if state.article is not None and not problems:
        problems = anatomy_problems(env.markdown, state, env.variables["b12"])
    if problems:
        raise PluginError("\n".join(f"{page.file.src_path}: {p}" for p in problems))
    page.meta["b12_faq"] = [(f.question, f.answer) for f in state.faq]
    glossary = env.variables["b12_components"].glossary
    env.markdown += "\n\n" + glossary.abbreviations(prose(state.source, env.markdown)) + "\n"


def prose(source: str, rendered: str) -> str:
    """The text of a page that Markdown abbreviations can reach: the author's Markdown
    (macro calls and all, a harmless surplus) and the headings the components print.
    A component's body is an HTML block, which Markdown passes through untouched, so
    its words need no abbreviation line (at 1,000 topics, scanning them was most of
    the glossary's cost)."""
    return "\n".join([source, *_ANY_HEADING.findall(rendered)])


def anatomy_problems(markdown: str, state: PageState, site: Any) -> list[str]:
    """What an article page lacks: required headings (in order) and its comparison tables."""
    anchors = [a for _, a in _HEADING.findall(markdown)]
    problems = []
    position = -1
    for required in ARTICLE_ANATOMY:
        if required not in anchors:
            problems.append(f"missing the required section '{{#{required}}}'")
        elif anchors.index(required) < position:
            problems.append(
                f"section '{{#{required}}}' is out of order (expected {', '.join(ARTICLE_ANATOMY)})"
            )
        else:
            position = anchors.index(required)
    assert state.article is not None
    for table in site.comparisons.values():
        if table.article == state.article.id and table.id not in state.tables:
            problems.append(
                f"comparison table {table.id!r} is not shown (add {{{{ comparison({table.id!r}) }}}})"
            )
    return problems
