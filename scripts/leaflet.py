"""The printed leaflet of an article, and its large-print edition, made from the data model.

Python picks what the leaflet says (the items marked ``leaflet: true``, the care card,
the questions, the chosen foods, the sources they cite, the review dates); the template
``overrides/print/leaflet.html`` lays it out and the stylesheets ``leaflet.css`` and
``large-print.css`` size it. Nothing here reads the built HTML or needs MkDocs to run a
build: the model comes from ``macros.loader.load_site`` and the settings from
``mkdocs.yml``.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape
from markupsafe import Markup, escape

from macros.addresses import item_url, rule_for
from macros.components import Components, PageState, amount, pick
from macros.loader import Site
from macros.model import Article, Reference
from scripts.config import mkdocs_config, site_url
from scripts.paths import ROOT

PRINT_DIR = ROOT / "overrides" / "print"
COMPONENT_TEMPLATES = ROOT / "overrides" / "partials" / "b12"

Edition = Literal["leaflet", "large-print"]
#: What each edition is called where a reader sees it (title bar, running header).
EDITION_NAMES: dict[str, str] = {"leaflet": "Leaflet", "large-print": "Large print"}


@dataclass(frozen=True)
class SiteSettings:
    """The settings from mkdocs.yml that the printed editions show."""

    name: str
    description: str
    url: str
    language: str
    disclaimer: str
    downloads: dict[str, str]


def site_settings(config_file: Path = ROOT / "mkdocs.yml") -> SiteSettings:
    """The site name, address, language, disclaimer and download paths, from mkdocs.yml
    through MkDocs' own config loader (scripts/config.py)."""
    config = mkdocs_config(config_file)
    url = site_url(config) or "https://b12-muscles.example.org/"  # no site_url at all
    extra: dict[str, Any] = dict(config.extra)
    return SiteSettings(
        name=str(config.site_name or ""),
        description=" ".join(str(config.site_description or "").split()),
        url=url,
        language=str(config.theme["language"] or "en"),
        disclaimer=" ".join(str(extra.get("disclaimer", "")).split()),
        downloads={str(k): str(v) for k, v in (extra.get("downloads") or {}).items()},
    )


def article_url(settings: SiteSettings, article: Article) -> str:
    """The address of an article's page on the website (docs/articles/<id>.md)."""
    return settings.url + item_url("articles", article.id)


def qr_svg_uri(url: str) -> str:
    """A QR code of the URL as an SVG data URI, made at build time with segno."""
    import segno

    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000"))


def words_explained(components: Components, texts: list[str]) -> list[tuple[str, str]]:
    """Glossary words found in the leaflet's texts, with their plain meaning, A to Z."""
    glossary = components.glossary
    found: dict[str, tuple[str, str]] = {}
    for text in texts:
        for form in glossary.candidates(str(escape(text))):
            word = html.unescape(form)
            definition = glossary.definitions[word]
            found.setdefault(definition, (word, definition))
    return sorted(found.values(), key=lambda pair: pair[0].casefold())


def print_template(name: str) -> Template:
    """A template of overrides/print/, with autoescaping on and undefined names refused."""
    return _environment().get_template(name)


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PRINT_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["amount"] = amount
    return env


def leaflet_html(
    site: Site,
    components: Components,
    settings: SiteSettings,
    article: Article,
    edition: Edition,
) -> str:
    """The complete HTML document of one article's leaflet or large-print edition."""
    url = article_url(settings, article)
    page = PageState(
        path=rule_for("articles").source(article.id), url=item_url("articles", article.id)
    )
    page.article = article
    key_points = [p for p in article.key_points if p.leaflet]
    steps = [s for s in article.action_steps if s.leaflet]
    care = site.care
    texts = [article.summary, *(i.text for i in (*key_points, *steps)), *article.questions]
    texts += [t.text for lvl in (care.emergency, care.urgent, care.routine) for t in lvl.signs]

    def cite(ids: list[str]) -> Markup:
        return components.sources(page, ids)

    def sources() -> list[Reference]:
        return [site.references[r] for r in page.citations]

    render: Callable[..., str] = print_template("leaflet.html").render
    return render(
        edition=edition,
        edition_name=EDITION_NAMES[edition],
        settings=settings,
        article=article,
        url=url,
        qr=qr_svg_uri(url),
        key_points=key_points,
        steps=steps,
        care=care,
        questions=article.questions,
        foods=pick(site.foods, article.leaflet_foods, "food"),
        # The two-page leaflet has no room for a word list; the large print has.
        words=words_explained(components, texts) if edition == "large-print" else [],
        cite=cite,
        sources=sources,
    )


def components_for(site: Site) -> Components:
    """The site's components (citation numbering, glossary) for the printed editions."""
    return Components(site, COMPONENT_TEMPLATES)
