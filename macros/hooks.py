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

from jinja2 import Environment  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from macros.components import THEME_TEMPLATES  # noqa: E402
from macros.model import Symptom  # noqa: E402
from macros.reading import reading_minutes, word_count  # noqa: E402
from macros.state import site_for  # noqa: E402

SYMPTOM_SECTION = "Symptoms"
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
    return _folders([(s.name, f"symptoms/{i}.md") for i, s in symptoms.items()], 1)


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
    for symptom_id in site.symptoms:
        files.append(
            File.generated(config, f"symptoms/{symptom_id}.md", content=symptom_source(symptom_id))
        )
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Record the page's reading length (words of prose before its Sources list) for the
    reading time shown under its title."""
    page.meta["b12_words"] = word_count(html)
    page.meta["b12_minutes"] = reading_minutes(page.meta["b12_words"])
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Keep the theme's compiled templates across ``mkdocs serve`` rebuilds."""
    env.bytecode_cache = THEME_TEMPLATES
    return env
