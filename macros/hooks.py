"""MkDocs hooks: one generated page per symptom in data/symptoms.yml, listed in the nav.

A new symptom in the YAML gets its page with no new Markdown file.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PROJECT = Path(__file__).resolve().parent.parent
if str(_PROJECT) not in sys.path:  # MkDocs loads hook files by path, not as a package
    sys.path.insert(0, str(_PROJECT))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros.state import site_for  # noqa: E402

SYMPTOM_SECTION = "Symptoms"


def symptom_source(symptom_id: str) -> str:
    """The Markdown of a generated symptom page: front matter and one macro call."""
    return f"---\nsymptom: {symptom_id}\nsearch:\n  boost: 3\n---\n\n{{{{ symptom_page() }}}}\n"


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
            entry[SYMPTOM_SECTION] = pages + [f"symptoms/{s}.md" for s in site.symptoms]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Create the symptom pages in memory."""
    site = site_for(Path(config.config_file_path).parent)
    for symptom_id in site.symptoms:
        files.append(
            File.generated(config, f"symptoms/{symptom_id}.md", content=symptom_source(symptom_id))
        )
    return files
