"""The one MkDocs-specific piece of the build (``hooks:`` in mkdocs.yml). Zensical runs no
hooks; everything else the site needs runs through ``define_env`` (macros/__init__.py).

- ``on_env``: fail the build once, listing every page problem the macros met while the
  pages rendered (``docs/<page>.md:<line>: problem``), before any page is written; and
  keep the theme's compiled templates across ``mkdocs serve`` rebuilds. (What the page
  sources show, the page check refuses in ``define_env``, in every engine.)
- ``on_page_content``: the page's reading length (words of prose before its Sources list,
  read by the shared HTML reader, scripts/quality/html_reader.py) for the reading time
  under its title, and the page's entry in the build record. Only a hook sees the
  rendered page: under Zensical the reading time is left out, never guessed.
- ``on_post_build``: write the build record (scripts/record.py) beside the site folder;
  not under ``mkdocs serve``, whose site folder is temporary.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

_PROJECT = Path(__file__).resolve().parent.parent
if str(_PROJECT) not in sys.path:  # MkDocs loads hook files by path, not as a package
    sys.path.insert(0, str(_PROJECT))

import macros  # noqa: E402

# The scripts the shim uses come from the checkout its macros come from (a test project
# links macros/ and copies this file alone): a regular package there wins over a
# project's own scripts/ folder without one.
_CODE = Path(macros.__file__).resolve().parent.parent
if str(_CODE) not in sys.path:
    sys.path.append(str(_CODE))

from mkdocs.exceptions import PluginError  # noqa: E402

from macros.components import THEME_TEMPLATES  # noqa: E402
from macros.reading import reading_minutes  # noqa: E402
from macros.state import KEY, Build, source_path  # noqa: E402
from scripts import record  # noqa: E402
from scripts.quality.html_reader import reading_words  # noqa: E402

_SERVING = {"serve": False}


def on_startup(command: str, dirty: bool) -> None:
    _SERVING["serve"] = command == "serve"


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """The page's reading length, for the reading time under its title and the record."""
    words = reading_words(html)
    page.meta["b12_words"] = words
    page.meta["b12_minutes"] = reading_minutes(words)
    build: Build | None = config.get(KEY)
    if build is not None:
        path = source_path(page)
        build.record[path] = record.page_record(
            build,
            path,
            str(page.url),
            str(page.title or ""),
            page.meta,
            words,
            dict(config["extra"].get("downloads", {})),
        )
    return html


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Fail once, listing every page problem, before any page is written."""
    build = config.get(KEY)
    if build is not None and build.problems.found():
        raise PluginError(build.problems.report())
    env.bytecode_cache = THEME_TEMPLATES
    return env


def on_post_build(config: Any) -> None:
    """Write the build record beside the site folder."""
    build: Build | None = config.get(KEY)
    if build is None or _SERVING["serve"]:
        return
    settings = build.settings
    downloads = dict(config["extra"].get("downloads", {}))
    record.write(
        record.record_path(Path(config["site_dir"])),
        record.Record(
            engine="mkdocs",
            site_name=str(settings.get("site_name") or ""),
            site_url=str(settings.get("site_url") or ""),
            language=str(settings["theme"]["language"]),
            downloads={k: v for k, v in downloads.items() if "{slug}" not in v},
            pages=sorted(build.record.values(), key=lambda p: p.src_path),
        ),
    )
