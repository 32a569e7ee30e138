"""The one MkDocs-specific piece of the build (``hooks:`` in mkdocs.yml). Zensical runs no
hooks; everything else the site needs runs through ``define_env`` (macros/__init__.py).

- ``on_env``: fail the build once, listing every page problem the macros met while the
  pages rendered (``docs/<page>.md:<line>: problem``), before any page is written; and
  keep the theme's compiled templates across ``mkdocs serve`` rebuilds. (What the page
  sources show, the page check refuses in ``define_env``, in every engine.)
- ``on_page_content``: the page's reading length (words of prose before its Sources list,
  macros/reading.py) for the reading time under its title. Not yet engine-neutral: it
  counts the rendered page, which only a hook sees (README, "Zensical").
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

_PROJECT = Path(__file__).resolve().parent.parent
if str(_PROJECT) not in sys.path:  # MkDocs loads hook files by path, not as a package
    sys.path.insert(0, str(_PROJECT))

from mkdocs.exceptions import PluginError  # noqa: E402

from macros.components import THEME_TEMPLATES  # noqa: E402
from macros.reading import reading_minutes, word_count  # noqa: E402
from macros.state import KEY  # noqa: E402


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Record the page's reading length for the reading time shown under its title."""
    page.meta["b12_words"] = word_count(html)
    page.meta["b12_minutes"] = reading_minutes(page.meta["b12_words"])
    return html


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Fail once, listing every page problem, before any page is written."""
    build = config.get(KEY)
    if build is not None and build.problems.found():
        raise PluginError(build.problems.report())
    env.bytecode_cache = THEME_TEMPLATES
    return env
