"""Where the project is: the one ``ROOT`` of scripts/ and tests/ (``macros/`` keeps its own,
as it imports nothing from here)."""

from __future__ import annotations

from pathlib import Path

#: The project's folder (the one holding mkdocs.yml).
ROOT = Path(__file__).resolve().parent.parent
