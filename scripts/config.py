"""The site's settings and data as the build itself reads them: mkdocs.yml through MkDocs'
own config loader (``INHERIT``, defaults and validation included) and data/ through the
project's loader. Post-build steps and quality checks read them here, never by hand."""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from macros.loader import Site, load_site

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def mkdocs_config(path: Path = ROOT / "mkdocs.yml") -> MkDocsConfig:
    """The validated MkDocs configuration of ``path`` (read once per process)."""
    return load_config(str(path))


def site_url(config: MkDocsConfig | None = None) -> str:
    """The public address of the site (``site_url`` of ``config``, by default the
    project's), ending in '/'; empty if none is set."""
    url = (config or mkdocs_config()).site_url or ""
    return url if url.endswith("/") or not url else url + "/"


@functools.cache
def site_data(data_dir: Path = ROOT / "data") -> Site:
    """The validated data (raises ``DataErrors`` listing every problem)."""
    return load_site(data_dir)
