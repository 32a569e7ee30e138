"""MkDocs hooks: one generated page per symptom in data/symptoms.yml, listed in the nav.

A new symptom in the YAML gets its page with no new Markdown file.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

_PROJECT = Path(__file__).resolve().parent.parent
if str(_PROJECT) not in sys.path:  # MkDocs loads hook files by path, not as a package
    sys.path.insert(0, str(_PROJECT))

import re  # noqa: E402

from jinja2 import Environment  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.nav import Navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

from macros.components import THEME_TEMPLATES  # noqa: E402
from macros.model import Symptom  # noqa: E402
from macros.pages import (  # noqa: E402
    PAGE_RULES,
    BuildProblems,
    Published,
    hidden_by_hand,
    unpublished,
)
from macros.reading import reading_minutes, word_count  # noqa: E402
from macros.state import site_for  # noqa: E402

SYMPTOM_SECTION = "Symptoms"
SYMPTOM_PAGES = next(r for r in PAGE_RULES if r.collection == "symptoms")
#: Above this many symptoms the nav groups them in A-Z folders. Material renders the
#: whole active section on every page of it, so a flat list of N pages costs N nav
#: items on each of N pages (N² in time and output size); with folders and
#: ``navigation.prune`` a page carries only its letter's pages and the letters.
FLAT_NAV_MAX = 50


def symptom_source(symptom_id: str) -> str:
    """The Markdown of a generated symptom page: front matter only. Its body is rendered
    in Python by ``macros.on_pre_page_macros``; ``render_macros: false`` spares the page a
    Jinja compile and render of its own, which it would not use (1,000 of them at 1,000
    symptoms)."""
    return f"---\nsymptom: {symptom_id}\nrender_macros: false\nsearch:\n  boost: 3\n---\n"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Add every symptom page to the nav section named 'Symptoms'."""
    site = site_for(Path(config.config_file_path).parent)
    for entry in config.nav or []:
        if isinstance(entry, dict) and SYMPTOM_SECTION in entry:
            pages = [
                p
                for p in entry[SYMPTOM_SECTION]
                if not str(p).startswith("symptoms/") or p == "symptoms/index.md"
            ]
            entry[SYMPTOM_SECTION] = pages + symptom_nav(site.symptoms)
    return config


def symptom_nav(symptoms: Mapping[str, Symptom]) -> list[Any]:
    """Nav entries of the symptom pages: a flat list in file order, or, above
    ``FLAT_NAV_MAX``, folders by the names' first letter (then first two letters, and so
    on, until no folder holds more than ``FLAT_NAV_MAX`` pages)."""
    return _folders([(s.name, SYMPTOM_PAGES.path.format(id=i)) for i, s in symptoms.items()], 1)


def _folders(pages: list[tuple[str, str]], depth: int) -> list[Any]:
    if len(pages) <= FLAT_NAV_MAX or depth > max(len(name) for name, _ in pages):
        return [path for _, path in pages]
    groups: dict[str, list[tuple[str, str]]] = {}
    for name, path in pages:
        key = name[:depth].casefold()
        groups.setdefault(key if key[:1].isalpha() else "#", []).append((name, path))
    return [{key.capitalize(): _folders(groups[key], depth + 1)} for key in sorted(groups)]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Create the symptom pages in memory."""
    site = site_for(Path(config.config_file_path).parent)
    problems = problems_of(config)
    existing = {f.src_path for f in files.documentation_pages()}
    problems.problems += hidden_by_hand(SYMPTOM_PAGES, list(site.symptoms), existing, problems.docs)
    for symptom_id in site.symptoms:
        files.append(
            File.generated(
                config,
                SYMPTOM_PAGES.path.format(id=symptom_id),
                content=symptom_source(symptom_id),
            )
        )
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Record the page's reading length (words of prose before its Sources list) for the
    reading time shown under its title."""
    page.meta["b12_words"] = word_count(html)
    page.meta["b12_minutes"] = reading_minutes(page.meta["b12_words"])
    return html


def problems_of(config: MkDocsConfig) -> BuildProblems:
    """The page problems the macros collect during this build."""
    from macros import PROBLEMS

    found: BuildProblems = config.plugins["macros"].variables[PROBLEMS]  # type: ignore[attr-defined]
    return found


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Check that every article has its page and every article page its article."""
    project = Path(config.config_file_path).parent
    front_matter = {
        f.src_path: get_data(f.content_string)[1]
        for f in files.documentation_pages()
        if not f.generated_by
    }
    config_text = Path(config.config_file_path).read_text(encoding="utf-8")
    nav_key = re.search(r"^nav\s*:", config_text, re.MULTILINE)
    published = Published(
        front_matter=front_matter,
        in_nav=frozenset(p.file.src_path for p in nav.pages),
        config_file=Path(config.config_file_path).name,
        nav_line=config_text.count("\n", 0, nav_key.start()) + 1 if nav_key else 1,
    )
    problems = problems_of(config)
    problems.problems += unpublished(site_for(project), published, problems.docs)
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Fail once, listing every page problem, before any page is written; keep the theme's
    compiled templates across ``mkdocs serve`` rebuilds."""
    problems_of(config).raise_if_any()
    env.bytecode_cache = THEME_TEMPLATES
    return env
