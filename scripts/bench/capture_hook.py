"""MkDocs hook for the benchmark: save each page's Markdown after the macros ran.

Hooks run after plugins, so ``on_page_markdown`` here sees the text mkdocs-macros
produced (components rendered); the glossary abbreviations the page can use are appended
as our Markdown extension appends them (macros/abbreviations.py). Each page is written,
with its plain front matter, under ``$B12_BENCH_CAPTURE`` for the plain-MkDocs build.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from macros.abbreviations import DEFAULT_FILE, AbbreviationsPreprocessor

_PLAIN_META = ("title", "description", "search", "tags", "hide")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    out = Path(os.environ["B12_BENCH_CAPTURE"]) / page.file.src_path
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {k: page.meta[k] for k in _PLAIN_META if k in page.meta}
    front = f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n\n" if meta else ""
    lines = AbbreviationsPreprocessor(None, DEFAULT_FILE).run(markdown.split("\n"))
    out.write_text(front + "\n".join(lines))
    return markdown
