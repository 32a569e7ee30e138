"""Where the downloads go in the built site: one setting in mkdocs.yml
(``extra.downloads``), read by the scripts that make them and by the page links."""

from __future__ import annotations

from pathlib import PurePosixPath

from scripts.config import mkdocs_config


def download_path(kind: str) -> PurePosixPath:
    """The path in the site of the ``booklet`` or the ``offline`` copy."""
    return PurePosixPath(mkdocs_config().extra["downloads"][kind])


def article_download(kind: str, slug: str) -> PurePosixPath:
    """The path in the site of an article's ``leaflet`` or ``large_print`` edition
    (the setting holds ``{slug}`` where the article's slug goes)."""
    return PurePosixPath(str(download_path(kind)).replace("{slug}", slug))
