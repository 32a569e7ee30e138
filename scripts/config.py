"""The site's settings and data as the build itself reads them: mkdocs.yml through MkDocs'
own config loader (``INHERIT``, defaults and validation included) and data/ through the
project's loader. Post-build steps and quality checks read them here, never by hand.

The site's address. ``site_url`` in mkdocs.yml is ``!ENV [SITE_URL, <placeholder>]``: the
address the site is deployed at comes from the environment variable ``SITE_URL`` (CI sets
it from the GitHub Pages setup, ``actions/configure-pages``' ``base_url``), and without it
the build uses the placeholder. Every reader of the address (canonical links, sitemap,
leaflet QR codes and typed addresses, the offline copy's link home) gets it through
MkDocs' config, so they agree. ``check_address`` refuses a deploy build
(``B12_DEPLOY=1``) at a placeholder address, and says which address a build used.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from macros.loader import Site, load_site
from macros.pagesyntax import page_syntax
from scripts.paths import ROOT as ROOT  # re-exported (open_data, search_words)


@functools.cache
def mkdocs_config(path: Path = ROOT / "mkdocs.yml") -> MkDocsConfig:
    """The validated MkDocs configuration of ``path`` (read once per process)."""
    return load_config(str(path))


def page_jinja(config: MkDocsConfig | None = None) -> Environment:
    """The pages' Jinja syntax, from the macros plugin's settings of ``config`` (by default
    the project's): for reading the pages' macro calls outside a build."""
    return page_syntax((config or mkdocs_config()).plugins["macros"].config)


def site_url(config: MkDocsConfig | None = None) -> str:
    """The public address of the site (``site_url`` of ``config``, by default the
    project's), ending in '/'; empty if none is set."""
    url = (config or mkdocs_config()).site_url or ""
    return url if url.endswith("/") or not url else url + "/"


#: Host names kept for examples and tests (RFC 2606, RFC 6761): never a real site's.
PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net", "localhost")
PLACEHOLDER_ENDINGS = (".example", ".invalid", ".test", ".localhost") + tuple(
    "." + host for host in PLACEHOLDER_HOSTS
)


class AddressError(ValueError):
    """The build cannot use this address (a deploy build at a placeholder, a bad SITE_URL)."""


@dataclass(frozen=True)
class SiteAddress:
    """The address a build uses, where it came from, and whether it is a placeholder."""

    url: str
    source: str  # "SITE_URL" or the config file's name
    placeholder: bool

    def describe(self) -> str:
        """One line for the build's output."""
        if self.placeholder:
            return (
                f"site address: {self.url} (a placeholder, from {self.source}; set SITE_URL to"
                " the deployed address for a build that will be published)"
            )
        return f"site address: {self.url} (from {self.source})"


def is_placeholder(url: str) -> bool:
    """Whether ``url`` is on a host kept for examples (``b12-muscles.example.org``)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return not host or host in PLACEHOLDER_HOSTS or host.endswith(PLACEHOLDER_ENDINGS)


def deploy_build(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether this build will be published (``B12_DEPLOY=1``, set by CI's deploy run)."""
    return environ.get("B12_DEPLOY", "").strip().lower() in ("1", "true", "yes")


def site_address(
    config: MkDocsConfig | None = None, environ: Mapping[str, str] = os.environ
) -> SiteAddress:
    """The address of ``config`` (by default the project's) and where it came from."""
    config = config or mkdocs_config()
    url = site_url(config)
    from_env = environ.get("SITE_URL") is not None
    source = "SITE_URL" if from_env else Path(config.config_file_path or "mkdocs.yml").name
    return SiteAddress(url, source, is_placeholder(url))


def check_address(
    config: MkDocsConfig | None = None, environ: Mapping[str, str] = os.environ
) -> SiteAddress:
    """The address a build will use; ``AddressError`` if SITE_URL is set but not a web
    address, or if a deploy build would publish a placeholder address."""
    given = environ.get("SITE_URL")
    if given is not None:
        parts = urlsplit(given.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise AddressError(
                f"SITE_URL is {given!r}: expected the site's full web address, such as"
                " https://owner.github.io/repository/ (or leave SITE_URL unset for a local"
                " build at the placeholder address)"
            )
    address = site_address(config, environ)
    if deploy_build(environ) and address.placeholder:
        raise AddressError(
            f"this is a deploy build (B12_DEPLOY={environ.get('B12_DEPLOY')}) but the site"
            f" address is the placeholder {address.url or '(none)'} from {address.source}:"
            " set SITE_URL to the address the site is published at (CI takes it from"
            " actions/configure-pages), or unset B12_DEPLOY for a local build"
        )
    return address


@functools.cache
def site_data(data_dir: Path = ROOT / "data") -> Site:
    """The validated data (raises ``DataErrors`` listing every problem)."""
    return load_site(data_dir)
