"""The macros: the data's components, registered through ``define_env`` alone.

``define_env(env)`` is the part of mkdocs-macros that both engines run: mkdocs-macros calls
it once per build, Zensical once per page with a fresh ``env``. It registers macros and
variables and nothing else: no hooks, no ``on_pre_page_macros``/``on_post_page_macros``,
no reaching into a plugin, no import of MkDocs. The build's state (data, components, page
problems, each page's citations) is one ``Build`` kept on the engine's configuration
(macros/state.py); a macro finds its page's state from ``env.page`` when it runs.

Zensical loads this file by its path, not as a package, so every import here is absolute
(``macros.x``): the engines run from the project's root, which is on ``sys.path``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from macros.abbreviations import DEFAULT_FILE
from macros.addresses import PAGE_RULES, PageRule
from macros.anatomy import ARTICLE_ANATOMY as ARTICLE_ANATOMY  # the required sections, in order
from macros.anatomy import closing_sections, heading
from macros.calls import MacroCall, argument_problem, guarded
from macros.chrome import facts, faq_ld
from macros.components import Components, PageState, rule_problems
from macros.pagecheck import PageCheck, page_files, page_paths
from macros.pagesyntax import page_syntax
from macros.problems import PageRun, Place
from macros.record import Recorder
from macros.state import Build, DataFailed, build_for


def define_env(env: Any) -> None:
    """Register the macros; on the build's first call, load the data and check the pages.
    The build stops here, before any page renders, if either has mistakes (in every
    engine; what shows only while pages render is logged at its line: macros/problems.py)."""
    try:
        build = build_for(env.conf)
    except DataFailed as exc:
        raise SystemExit(str(exc)) from None  # every data error, and no traceback
    parts = build.components
    env.variables["b12"] = build.site
    env.variables["b12_components"] = parts
    # The review the theme shows on a page with no macro (an article's is in its metadata).
    env.conf.setdefault("extra", {})["b12_review"] = facts(build.site.review)
    _abbreviations_file(env.conf, build.project)
    _link_renderer(env, build)
    #: While the page check tries a call: the throwaway state of the page it is on.
    trying: list[PageState] = []
    calls: dict[str, MacroCall] = {}

    def state() -> PageState:
        return trying[-1] if trying else _run(env, build).state

    def report(place: Place, problem: str) -> None:
        build.problems.at(_run(env, build), place, problem)

    def macro(fn: Callable[..., str], name: str | None = None) -> Callable[..., str]:
        """Register ``fn`` as a macro whose mistakes are recorded at the line of the call."""
        call = calls[name or fn.__name__] = MacroCall(fn, name or fn.__name__)
        wrapped = guarded(report, call)
        env.macro(wrapped, call.name)
        return wrapped

    def try_call(
        path: str, meta: Mapping[str, Any], name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> str | None:
        """A call written out in a page, tried before any page renders (the page check)."""
        call = calls.get(name)
        if call is None:
            return None
        if not args and not kwargs:  # nothing written out: only whether it needs arguments
            wrong = argument_problem(call.signature, call.hints, args, kwargs)
            return None if wrong is None else f"{name}() {wrong}; call it as {call.usage}"
        trying.append(build.scratch(path, meta))
        try:
            return call(args, kwargs)[1]
        finally:
            trying.pop()

    @macro
    def cite(*citations: str) -> str:
        """Inline citation, naming a passage of each source:
        {{ cite("nhs-b12-folate-treatment#neuro-referral") }}."""
        return parts.cite(state(), citations)

    @macro
    def article_intro() -> str:
        """Title, lead, quick summary, key points and in-page contents of an article."""
        page = state()
        return parts.article_intro(page, _contents(build, page) + closing_sections())

    @macro
    def symptom_cards(ids: list[str] | None = None, level: int = 3) -> str:
        """Symptom cards; an article shows its own symptoms by default."""
        return parts.symptom_cards(state(), ids, level)

    @macro
    def comparison(comparison_id: str) -> str:
        """One comparison table by id."""
        return parts.comparison(state(), comparison_id)

    @macro
    def food_table(ids: list[str] | None = None, filter_vegan: bool = False) -> str:
        """Food table (all foods by default)."""
        return parts.food_table(state(), ids, filter_vegan)

    @macro
    def intake_table() -> str:
        """Recommended daily amounts."""
        return parts.intake_table(state())

    @macro
    def treatment_summary(causes: list[str] | None = None) -> str:
        """How each cause of low B12 is treated, one line each, linked to the treatments guide:
        {{ treatment_summary() }} or {{ treatment_summary(["diet", "malabsorption"]) }}."""
        return parts.treatment_summary(state(), causes)

    for kind in ("tests", "treatments", "risk_groups", "mechanisms"):
        macro(_lister(state, parts, kind), f"{kind}_list")

    @macro
    def action_steps() -> str:
        """The article's action steps."""
        return parts.action_steps(state())

    @macro
    def care_card(level: int = 2, compact: bool = False) -> str:
        """'When to get help' card; compact=True: the three action headings, linking to the
        full card (for pages that are not about symptoms)."""
        return parts.care_card(state(), level, compact)

    @macro
    def faq(article: str | None = None, level: int = 2, heading: str = heading("faq")) -> str:
        """FAQ: the article's own questions, or all of them on a hub page."""
        page = state()
        out = parts.faq(page, article, level, heading)
        if not trying:
            env.page.meta["b12_faq"] = faq_ld(page.faq)
        return out

    @macro
    def references(level: int = 2) -> str:
        """The numbered reference list of the page."""
        return parts.references(state(), level)

    for rule in PAGE_RULES:
        if rule.generated:
            macro(_item_page(state, parts, rule), rule.macro)

    for name in (
        "symptom_index",
        "article_list",
        "glossary_list",
        "source_list",
        "comparison_list",
    ):
        macro(_hub(state, parts, name), name)

    if build.unknown is None:
        known = {*env.variables, *env.macros, *getattr(env, "filters", {})}
        config_file = build.config_file or build.project / "mkdocs.yml"
        wrong_rules = rule_problems(build.project, PAGE_RULES)
        for file, line, problem in wrong_rules:
            build.problems.add(file, line, problem)
        syntax = page_syntax(env.config)
        parts.page_syntax = syntax  # the Sources page reads the pages' cite() calls with it
        check = PageCheck(build.site, build.problems, syntax, known, try_call)
        if not wrong_rules:  # the page check follows the rules
            check.run(page_files(build.docs_dir), env.conf.get("nav"), config_file, build.project)
        build.unknown = check.unknown
        build.refused = build.problems.report() if build.problems.found() else None
    if build.refused is not None:
        raise SystemExit(build.refused)  # every mistake the sources show; no page rendered
    if getattr(env, "page", None) is not None:
        # Zensical: one call per render of a page, so the page starts afresh (a re-render
        # under `zensical serve` keeps no citation of the last one) and is described even
        # if it calls no macro (mkdocs-macros calls this once, before any page).
        build.start_page(env.page)
    for name in build.unknown:
        # Already a problem at its line: a stand-in lets the page's other macros run (and
        # report their own problems) instead of stopping the page at the unknown name.
        env.macro(_Missing(), name)


class _Missing:
    """A stand-in for an unknown macro or variable: renders nothing, whatever is asked."""

    __name__ = "missing"

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        return ""

    def __getattr__(self, name: str) -> _Missing:
        return self

    def __str__(self) -> str:
        return ""


def _run(env: Any, build: Build) -> PageRun:
    """The state of the page being rendered (``env.page``)."""
    return build.run(env.page)


def _abbreviations_file(conf: Any, project: Path) -> None:
    """The glossary's abbreviations file for the Markdown extension (macros/abbreviations.py),
    made absolute against the project's folder, so a build run from another folder
    (``mkdocs build -f /path/to/mkdocs.yml``) finds it. MkDocs makes each page's Markdown
    from these settings after this runs. Zensical does too, but for its first page, whose
    Markdown exists before ``define_env`` runs: that page finds the file from the folder
    Zensical runs in (the project's, as scripts/engine.py runs it)."""
    settings = conf.get("mdx_configs")
    if settings is None:
        return
    options = settings.setdefault("macros.abbreviations", {})
    options["file"] = str(project / options.get("file", DEFAULT_FILE))


def _link_renderer(env: Any, build: Build) -> None:
    """Hand the page being rendered to the Markdown extension that puts the line under its
    title and writes its line of the build record (macros/rendering.py), through the
    extension's ``link`` setting; start the build's record."""
    where = build.config_file or "mkdocs.yml"
    if env.config.get("render_by_default") is False:
        raise SystemExit(
            f"{where}: the macros plugin's render_by_default must stay true (every page "
            "needs the macros: its line under the title, build record and structured data)"
        )
    settings = (env.conf.get("mdx_configs") or {}).get("macros.rendering") or {}
    link = settings.get("link")
    if not isinstance(link, dict):
        raise SystemExit(
            f"{where}: markdown_extensions must list `- macros.rendering: {{link: {{}}}}` "
            "(the line under each title, the reading time and the build record come from it)"
        )
    link["env"] = env
    if build.recorder is None:
        site_dir = Path(env.conf["site_dir"])
        engine = "zensical" if type(env).__module__.startswith("zensical") else "mkdocs"
        build.recorder = Recorder.start(
            site_dir if site_dir.is_absolute() else build.project / site_dir,
            engine,
            build.settings,
            page_paths(build.docs_dir),
        )


def _contents(build: Build, page: PageState) -> list[tuple[str, str]]:
    """(anchor, heading) of the sections an article's author writes, from its source."""
    from macros.anatomy import HEADING

    source = (build.docs_dir / page.path).read_text(encoding="utf-8-sig")
    return [(a, t) for t, a in HEADING.findall(source)]


def _lister(state: Callable[[], PageState], parts: Components, kind: str) -> Any:
    def lister(ids: list[str] | None = None, level: int = 3) -> str:
        return parts.items(state(), kind, ids, level)

    lister.__name__ = f"{kind}_list"
    lister.__doc__ = f"List of {kind.replace('_', ' ')} (all by default)."
    return lister


def _item_page(state: Callable[[], PageState], parts: Components, rule: PageRule) -> Any:
    def item_page() -> str:
        return parts.item_page(state(), rule)

    item_page.__name__ = rule.macro
    item_page.__doc__ = (
        f"A {rule.key}'s page (the generated docs/{rule.path.replace('{id}', '<id>')} call it)."
    )
    return item_page


def _hub(state: Callable[[], PageState], parts: Components, name: str) -> Any:
    method = getattr(parts, name)

    def hub() -> str:
        return str(method(state()))

    hub.__name__ = name
    hub.__doc__ = method.__doc__
    return hub
