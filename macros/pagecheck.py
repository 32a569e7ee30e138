"""The checks over the page sources, made once per build before any page is rendered, in
every engine (``Build.start``): each problem at its ``docs/<page>.md:<line>``.

- hidden or direction-changing characters; a macro in a title (titles are not rendered);
- front matter naming an item the data does not have; items with no page, pages of no
  item, item pages the nav leaves out; a hand-written file where a page is generated;
- macro syntax errors and unknown macro or variable names (read from the Jinja syntax
  tree, not by rendering: a page with one still renders its other macros, so every
  mistake on every page is found in one build);
- an article's anatomy (its required sections, in order, and its comparison tables) and
  the sourcing rule (macros/sourcing.py). These two are reported only for a page with no
  other problem (``BuildProblems.later``), as the fix of one often fixes the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, TemplateSyntaxError, nodes
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.meta import find_undeclared_variables

from . import sourcing
from .addresses import PAGE_RULES
from .anatomy import ARTICLE_SECTIONS, HEADING, anatomy_problems
from .characters import hidden_characters
from .loader import Site, nearest
from .pages import (
    BuildProblems,
    PageProblem,
    Published,
    body_line,
    front_matter_line,
    hidden_by_hand,
    render_problem,
    unpublished,
)

_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
#: The macros whose output carries a required section's heading, by macro name.
_PRINTS = {s.macro: s.anchor for s in ARTICLE_SECTIONS if s.heading}


def page_files(docs_dir: Path) -> dict[str, str]:
    """Every Markdown page under docs/ (source path → text), as the engines find them
    (files and folders whose name starts with a dot are left out)."""
    found = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        found[rel.as_posix()] = path.read_text(encoding="utf-8-sig")
    return found


def front_matter(source: str) -> dict[str, Any]:
    """A page's front matter (empty if it has none, or none that reads as a mapping)."""
    found = _FRONT.match(source)
    if not found:
        return {}
    try:
        data = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def body(source: str) -> str:
    found = _FRONT.match(source)
    return source[found.end() :] if found else source


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
    ) -> None:
        self.site = site
        self.problems = problems
        self.jinja = jinja
        self.known = set(known)
        #: Names pages use that are neither macros nor variables (each already a problem).
        self.unknown: set[str] = set()

    def run(self, pages: Mapping[str, str], nav: Any, config_file: Path) -> None:
        from .generate import is_generated  # the generation stage's own marker

        generated: set[str] = set()
        for rule in PAGE_RULES:
            if not rule.generated:
                continue
            ids = list(self.site.collection(rule.collection))
            own = {rule.source(i) for i in ids}
            by_hand = {p for p in own & set(pages) if not is_generated(pages[p], rule)}
            self.problems.problems += hidden_by_hand(rule, ids, by_hand, self.problems.docs)
            generated |= own - by_hand
        config_text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
        nav_key = re.search(r"^nav\s*:", config_text, re.MULTILINE)
        published = Published(
            front_matter={p: front_matter(s) for p, s in pages.items() if p not in generated},
            in_nav=nav_pages(nav),
            config_file=config_file.name,
            nav_line=config_text.count("\n", 0, nav_key.start()) + 1 if nav_key else 1,
        )
        self.problems.problems += unpublished(self.site, published, self.problems.docs)
        for path, source in pages.items():
            self.page(path, source, generated=path in generated)

    def page(self, path: str, source: str, generated: bool = False) -> None:
        shown = self.problems.shown(path)
        add = self.problems.add
        for line, _, problem in hidden_characters(source):
            add(shown, line, problem)
        meta = front_matter(source)
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
        if meta.get("render_macros") is False:
            return
        text = body(source)
        first = body_line(source)
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
