"""The checks over the page sources, made once per build before any page is rendered, in
every engine (``Build.start``): each problem at its ``docs/<page>.md:<line>``.

- hidden or direction-changing characters; a macro in a title (titles are not rendered);
- front matter that is not valid YAML, or not a mapping; ``render_macros`` (every page
  needs the macros); front matter naming an item the
  data does not have; items with no page, pages of no item, item pages the nav leaves
  out; a hand-written file where a page is generated; a generated page, its nav entry or
  the glossary's abbreviations missing or out of date (the generation stage did not run);
- macro syntax errors and unknown macro or variable names (read from the Jinja syntax
  tree, not by rendering, so every mistake on every page is found in one build);
- macro calls whose arguments are written out (``comparison("…")``, ``cite("…")``,
  ``symptom_cards(["…"])``): each is tried on its own, before any page renders, so a
  wrong id or argument is refused by every engine;
- an article's anatomy (its required sections, in order, and its comparison tables) and
  the sourcing rule (macros/sourcing.py). These two are reported only for a page with no
  other problem (``BuildProblems.later``), as the fix of one often fixes the other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.meta import find_undeclared_variables

from . import sourcing
from .addresses import PAGE_RULES, PageRule
from .anatomy import ARTICLE_SECTIONS, HEADING, anatomy_problems
from .characters import hidden_characters
from .frontmatter import front_matter_line, read_front_matter, split_front_matter
from .loader import Site, nearest
from .pagesyntax import written_calls
from .problems import BuildProblems, PageProblem, render_problem
from .published import Published, hidden_by_hand, unpublished

#: Tries one macro call whose arguments are constants, for a page (source path, front
#: matter): what is wrong with it, in words (``MacroCall``'s message), or None.
TryCall = Callable[[str, Mapping[str, Any], str, tuple[Any, ...], dict[str, Any]], str | None]
#: What the page check says of a file the generation stage writes that is not as it
#: would write it.
STALE = (
    "missing or out of date: run `make generate` "
    "(the generation stage, which `make` runs before every build)"
)
#: The macros whose output carries a required section's heading, by macro name.
_PRINTS = {s.macro: s.anchor for s in ARTICLE_SECTIONS if s.heading}


def page_paths(docs_dir: Path) -> list[str]:
    """Every Markdown page under docs/ (its source path), as the engines find them (files
    and folders whose name starts with a dot are left out)."""
    return [
        rel.as_posix()
        for rel in sorted(p.relative_to(docs_dir) for p in docs_dir.rglob("*.md"))
        if not any(part.startswith(".") for part in rel.parts)
    ]


def page_files(docs_dir: Path) -> dict[str, str]:
    """Every Markdown page under docs/ (``page_paths``): source path → text."""
    return {rel: (docs_dir / rel).read_text(encoding="utf-8-sig") for rel in page_paths(docs_dir)}


def body(source: str) -> str:
    return split_front_matter(source).body


def nav_pages(nav: Any) -> frozenset[str]:
    """The page paths a nav lists (an engine's nav in either form: MkDocs' as written,
    Zensical's converted to dicts)."""
    found: set[str] = set()

    def walk(entry: Any) -> None:
        if isinstance(entry, str):
            if entry.endswith(".md"):
                found.add(entry)
        elif isinstance(entry, Mapping):
            for value in entry.values():
                walk(value)
        elif isinstance(entry, Iterable):
            for value in entry:
                walk(value)

    walk(nav)
    return frozenset(found)


class PageCheck:
    """The source checks of one build's pages."""

    def __init__(
        self,
        site: Site,
        problems: BuildProblems,
        jinja: Environment,
        known: Iterable[str],
        try_call: TryCall | None = None,
    ) -> None:
        self.site = site
        self.problems = problems
        self.jinja = jinja
        self.known = set(known)
        self.try_call = try_call
        #: Names pages use that are neither macros nor variables (each already a problem).
        self.unknown: set[str] = set()

    def run(self, pages: Mapping[str, str], nav: Any, config_file: Path, project: Path) -> None:
        generated: set[str] = set()
        in_nav = nav_pages(nav)
        config_text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
        nav_key = re.search(r"^nav\s*:", config_text, re.MULTILINE)
        nav_line = config_text.count("\n", 0, nav_key.start()) + 1 if nav_key else 1
        for rule in PAGE_RULES:
            if rule.generated:
                generated |= self.generated(rule, pages, in_nav, (config_file.name, nav_line))
        self.abbreviations(project)
        fronts = {p: read_front_matter(s) for p, s in pages.items()}
        published = Published(
            front_matter={p: f for p, (f, _) in fronts.items() if p not in generated},
            in_nav=in_nav,
            config_file=config_file.name,
            nav_line=nav_line,
            unreadable=frozenset(p for p, (_, wrong) in fronts.items() if wrong),
        )
        self.problems.problems += unpublished(self.site, published, self.problems.docs)
        for path, source in pages.items():
            self.page(path, source, generated=path in generated, front=fronts[path])

    def generated(
        self, rule: PageRule, pages: Mapping[str, str], in_nav: frozenset[str], nav: tuple[str, int]
    ) -> set[str]:
        """The pages of a generated kind that the stage wrote (those it did not are refused),
        each as the stage would write it now, and listed in the nav."""
        from .generate import is_generated, page_source  # the generation stage's own marker

        items = self.site.collection(rule.collection)
        own = {rule.source(i): i for i in items}
        by_hand = {p for p in own.keys() & pages.keys() if not is_generated(pages[p], rule)}
        self.problems.problems += hidden_by_hand(rule, list(items), by_hand, self.problems.docs)
        for path, item_id in own.items():
            if path in by_hand:
                continue
            if pages.get(path) != page_source(rule, items[item_id]):
                self.problems.add(
                    self.problems.shown(path), 1, f"the page of {rule.key} {item_id!r} is {STALE}"
                )
            if path not in in_nav:
                self.problems.add(
                    nav[0], nav[1], f"the nav's generated part does not list {path}: {STALE}"
                )
        return set(own) - by_hand

    def abbreviations(self, project: Path) -> None:
        """The glossary's abbreviations, as the generation stage writes them."""
        from .generate import ABBREVIATIONS, abbreviations_text

        file = project / ABBREVIATIONS
        text = file.read_text(encoding="utf-8") if file.is_file() else None
        if text != abbreviations_text(self.site):
            self.problems.add(ABBREVIATIONS, 1, f"the glossary's abbreviations are {STALE}")

    def page(
        self,
        path: str,
        source: str,
        generated: bool = False,
        front: tuple[dict[str, Any], tuple[int, str] | None] | None = None,
    ) -> None:
        """The checks of one page (``front``: its front matter as ``read_front_matter``
        reads it, if already read)."""
        shown = self.problems.shown(path)
        add = self.problems.add
        for line, _, problem in hidden_characters(source):
            add(shown, line, problem)
        meta, wrong = front if front is not None else read_front_matter(source)
        if wrong is not None:
            add(shown, *wrong)
        title = str(meta.get("title", ""))
        if "{{" in title or "{%" in title:
            add(
                shown,
                front_matter_line(source, "title"),
                "the title holds a macro, which is not rendered in titles (write it as plain text)",
            )
        for rule in PAGE_RULES:
            named = meta.get(rule.key)
            items = self.site.collection(rule.collection)
            if named is not None and named not in items:
                add(
                    shown,
                    front_matter_line(source, rule.key),
                    f"front matter names unknown {rule.key} {named!r}, not an id in "
                    f"{self.site.origins.of(rule.collection, '')[0]} "
                    f"({nearest(str(named), items)})",
                )
        if "render_macros" in meta:
            add(
                shown,
                front_matter_line(source, "render_macros"),
                "render_macros is not for this site: every page needs the macros (its line "
                "under the title, its build record and its structured data come with them); "
                "to show {{ or {% as text, wrap it in {% raw %} … {% endraw %}",
            )
            return
        split = split_front_matter(source)
        text, first = split.body, split.first_line
        try:
            tree = self.jinja.parse(text)
        except TemplateSyntaxError as exc:
            add(shown, first + (exc.lineno or 1) - 1, render_problem(exc, {}))
            return
        known = self.known | set(meta)
        for name in sorted(find_undeclared_variables(tree) - known - set(DEFAULT_NAMESPACE)):
            self.unknown.add(name)
            line = next(
                (n.lineno for n in tree.find_all(nodes.Name) if n.name == name and n.ctx == "load"),
                1,
            )
            add(
                shown,
                first + line - 1,
                f"unknown macro or variable {name!r} ({nearest(name, self.known)})",
            )
        for line, problem in self.calls(path, meta, tree):
            add(shown, first + line - 1, problem)
        later: list[list[PageProblem]] = []
        if meta.get("article") in self.site.articles:
            article = self.site.articles[meta["article"]]
            line = front_matter_line(source, "article")
            tables = [t.id for t in self.site.comparisons.values() if t.article == article.id]
            headings, shown_tables = outline(text, tree)
            later.append(
                [
                    PageProblem(shown, line, p)
                    for p in anatomy_problems(headings, shown_tables, tables)
                ]
            )
        if not generated and not meta.get("no_cite"):
            later.append([PageProblem(shown, line, m) for line, m in sourcing.problems(source)])
        self.problems.later.append(later)

    def calls(
        self, path: str, meta: Mapping[str, Any], tree: nodes.Template
    ) -> Iterable[tuple[int, str]]:
        """(line of the body, problem) of each macro call whose arguments are all written
        out as constants, tried before any page renders."""
        if self.try_call is None:
            return
        for call in written_calls(tree):
            if call.name in self.known:
                wrong = self.try_call(path, meta, call.name, call.args, call.kwargs)
                if wrong is not None:
                    yield call.line, wrong


def outline(text: str, tree: nodes.Template) -> tuple[str, list[str]]:
    """An article's section headings in order, as ``## … {#anchor}`` lines, from its source:
    the headings the author writes and those its macros print; and the comparison tables
    it shows."""
    marks: list[tuple[int, int, str]] = []
    for index, line in enumerate(text.splitlines()):
        for _, anchor in HEADING.findall(line):
            marks.append((index + 1, 0, anchor))
    tables: list[str] = []
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name):
            continue
        if call.node.name in _PRINTS:
            marks.append((call.lineno, 1, _PRINTS[call.node.name]))
        if call.node.name == "comparison" and call.args and isinstance(call.args[0], nodes.Const):
            tables.append(str(call.args[0].value))
    return "\n".join(f"## x {{#{a}}}" for _, _, a in sorted(marks)), tables
