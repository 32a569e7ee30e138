"""mkdocs-macros entry point: loads the data once and exposes the components as macros.

The data model, loader and components do not depend on MkDocs; this module and
``hooks.py`` are the only glue.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import sourcing
from .anatomy import ARTICLE_ANATOMY as ARTICLE_ANATOMY  # the required sections, in order
from .anatomy import HEADING, anatomy_problems, closing_sections, heading
from .characters import hidden_characters
from .components import ComponentError, Components, PageState
from .loader import nearest
from .pages import (
    BuildProblems,
    PageRun,
    body_start,
    front_matter_line,
    guarded,
    page_variables,
    render_page,
)
from .state import site_for

_ANY_HEADING = re.compile(r"^#{1,6} .*$", re.MULTILINE)
#: Where the build keeps its page problems: one collector per build (``define_env``).
PROBLEMS = "b12_problems"


def problems_of(env: Any) -> BuildProblems:
    """The page problems of the build ``env`` belongs to."""
    found: BuildProblems = env.variables[PROBLEMS]
    return found


def _state(env: Any) -> PageState:
    run = problems_of(env).current
    assert run is not None, "a macro ran outside a page"
    return run.state


def _guarded(env: Any, fn: Callable[..., str], name: str | None = None) -> Callable[..., str]:
    """Register ``fn`` as a macro whose mistakes are recorded at the line of the call."""
    macro = guarded(lambda: problems_of(env), fn, name or fn.__name__)
    env.macro(macro, name or fn.__name__)
    return macro


def define_env(env: Any) -> None:
    """Called once per build by mkdocs-macros: load the data, register the macros."""
    project = Path(env.project_dir)
    site = site_for(project)
    docs = os.path.relpath(env.conf["docs_dir"], project)
    env.variables[PROBLEMS] = BuildProblems(docs=Path(docs).as_posix())
    parts = Components(site, project / "overrides" / "partials" / "b12", Path(env.conf["docs_dir"]))
    env.variables["b12"] = site
    env.variables["b12_components"] = parts

    def macro(fn: Callable[..., str]) -> Callable[..., str]:
        return _guarded(env, fn)

    @macro
    def cite(*citations: str) -> str:
        """Inline citation, naming a passage of each source:
        {{ cite("nhs-b12-folate-treatment#neuro-referral") }}."""
        return parts.cite(_state(env), citations)

    @macro
    def article_intro() -> str:
        """Title, lead, quick summary, key points and in-page contents of an article."""
        toc = [(a, t) for t, a in HEADING.findall(env.markdown)] + closing_sections()
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

    @macro
    def treatment_summary(causes: list[str] | None = None) -> str:
        """How each cause of low B12 is treated, one line each, linked to the treatments guide:
        {{ treatment_summary() }} or {{ treatment_summary(["diet", "malabsorption"]) }}."""
        return parts.treatment_summary(_state(env), causes)

    for kind in ("tests", "treatments", "risk_groups", "mechanisms"):
        _guarded(env, _lister(env, parts, kind), f"{kind}_list")

    @macro
    def action_steps() -> str:
        """The article's action steps."""
        return parts.action_steps(_state(env))

    @macro
    def care_card(level: int = 2, compact: bool = False) -> str:
        """'When to get help' card; compact=True: the three action headings, linking to the
        full card (for pages that are not about symptoms)."""
        return parts.care_card(_state(env), level, compact)

    @macro
    def faq(article: str | None = None, level: int = 2, heading: str = heading("faq")) -> str:
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
    """Start a page: fresh citation numbering; article and symptom data into its metadata;
    then render its macros, recording every mistake at its line.

    A page whose front matter names a symptom is a generated symptom page (``hooks.py``):
    its whole body is rendered here.
    """
    page = env.page
    site = env.variables["b12"]
    problems = problems_of(env)
    source = page.file.content_string
    state = PageState(
        path=page.file.src_path,
        url=page.url,
        directory_urls=bool(env.conf["use_directory_urls"]),
        source=env.markdown,
    )
    run = PageRun(state, problems.shown(page.file.src_path), body_start(source, env.markdown))
    problems.current = run
    for line, _, problem in hidden_characters(source):
        problems.add(run.file, line, problem)
    meta = page.meta
    title = str(meta.get("title", ""))
    if "{{" in title or "{%" in title:
        problems.add(
            run.file,
            front_matter_line(source, "title"),
            "the title holds a macro, which is not rendered in titles (write it as plain text)",
        )
    slug = meta.get("article")
    if slug is not None:
        if slug in site.articles:
            state.article = site.articles[slug]
            meta.setdefault("description", state.article.summary)
            meta["b12_article"] = state.article
        else:
            problems.add(
                run.file,
                front_matter_line(source, "article"),
                f"front matter names unknown article {slug!r}, not an id in "
                f"{site.origins.of('articles', '')[0]} ({nearest(str(slug), site.articles)})",
            )
    symptom = meta.get("symptom")
    if symptom is not None:
        if symptom in site.symptoms:
            state.symptom = site.symptoms[symptom]
            meta.setdefault("description", state.symptom.feels_like)
            meta["tags"] = search_tags([state.symptom])
            try:
                env.markdown = env.variables["b12_components"].symptom_page(state)
            except ComponentError as exc:
                problems.at_body_line(1, f"symptom page: {exc}")
        else:
            problems.add(
                run.file,
                front_matter_line(source, "symptom"),
                f"front matter names unknown symptom {symptom!r}, not an id in "
                f"{site.origins.of('symptoms', '')[0]} ({nearest(str(symptom), site.symptoms)})",
            )
    meta["b12_review"] = state.article if state.article is not None else site.review
    for collection in meta.get("search_tags_from", []):
        meta["tags"] = meta.get("tags", []) + search_tags(getattr(site, collection).values())
    if _renders_macros(env, meta):
        env.markdown = render_page(
            env.env, env.markdown, page_variables(env.variables, meta), problems
        )
    meta["render_macros"] = False  # rendered here, so that mkdocs-macros does not again


def _renders_macros(env: Any, meta: dict[str, Any]) -> bool:
    """Whether mkdocs-macros would render this page (its front matter and config say)."""
    if meta.get("render_macros") is False:
        return False
    if env.config["render_by_default"]:
        return True
    return bool(meta.get("render_macros")) or bool(env.force_page_rendering(env.page.file.src_path))


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
    problems = problems_of(env)
    run = problems.current
    assert run is not None
    state = run.state
    if state.article is not None and not problems.has_any(run.file):
        site = env.variables["b12"]
        tables = [t.id for t in site.comparisons.values() if t.article == state.article.id]
        line = front_matter_line(env.page.file.content_string, "article")
        for problem in anatomy_problems(env.markdown, state.tables, tables):
            problems.add(run.file, line, problem)
    uncited_checked = state.symptom is None and not env.page.meta.get("no_cite")
    if uncited_checked and not problems.has_any(run.file):
        for line, message in sourcing.problems(env.page.file.content_string):
            problems.add(run.file, line, message)
    env.page.meta["b12_faq"] = [(f.question, f.answer) for f in state.faq]
    glossary = env.variables["b12_components"].glossary
    env.markdown += "\n\n" + glossary.abbreviations(prose(state.source, env.markdown)) + "\n"
    problems.current = None


def prose(source: str, rendered: str) -> str:
    """The text of a page that Markdown abbreviations can reach: the author's Markdown
    (macro calls and all, a harmless surplus) and the headings the components print.
    A component's body is an HTML block, which Markdown passes through untouched, so
    its words need no abbreviation line (at 1,000 topics, scanning them was most of
    the glossary's cost)."""
    return "\n".join([source, *_ANY_HEADING.findall(rendered)])
