"""The printed editions of the site: a leaflet and a large-print edition per article, and
the whole-site booklet.

The leaflets come from the data model (``scripts/leaflet.py``: the article's choices in
``data/articles.yml``, the care card, the sources they cite); the booklet is the bodies
of the articles and guides as the renderer finished them (the build's page bodies,
macros/record.py), its links between chapters pointing inside the booklet. The list of
articles and their order come from the model; each chapter's title, address and language
from the build record, never from the built pages. The bodies must come from a MkDocs
(or ProperDocs) build: Zensical writes its links after the renderer, so its bodies keep
the links to the Markdown sources, and the booklet refuses them. This post-build step
does not run MkDocs. WeasyPrint renders tagged PDF/UA-1 files in a process pool, each
written to a temporary name and then renamed. A PDF whose input (HTML, stylesheets,
settings, this code) has not changed is copied from the cache in
``build/pdf-cache/``. A leaflet longer than one sheet (two pages) fails the build.

    python -m scripts.pdf SITE_DIR [--page-size A4|letter] [--jobs N] [--no-cache]

The page size defaults to A4; ``B12_PDF_PAGE_SIZE=letter`` or ``--page-size letter``
gives US Letter. Where each PDF goes is set once, in ``mkdocs.yml`` (``extra.downloads``).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from markupsafe import Markup

from macros import record
from macros.addresses import rule_for
from macros.loader import Site
from macros.model import long_date
from scripts.downloads import article_download, download_path
from scripts.leaflet import (
    EDITION_NAMES,
    Edition,
    SiteSettings,
    components_for,
    leaflet_html,
    print_template,
    qr_svg_uri,
    site_settings,
)
from scripts.paths import ROOT
from scripts.quality.html_reader import MainText, to_html

CACHE = ROOT / "build" / "pdf-cache"
PRINT_DIR = ROOT / "overrides" / "print"
BOOKLET_CSS = PRINT_DIR / "booklet.css"
#: The stylesheet of each article edition (overrides/print/).
EDITION_CSS: dict[Edition, Path] = {
    "leaflet": PRINT_DIR / "leaflet.css",
    "large-print": PRINT_DIR / "large-print.css",
}
#: The download kind (mkdocs.yml extra.downloads) of each article edition.
EDITION_DOWNLOADS: dict[Edition, str] = {"leaflet": "leaflet", "large-print": "large_print"}
#: The @page size of each page-size setting; margins are the stylesheets' own.
PAGE_SIZES = {"a4": "size: A4;", "letter": "size: letter;"}
#: US Letter is 18 mm shorter than A4: a leaflet's top and bottom margins are tighter
#: there, so that it keeps to one sheet on either paper.
LEAFLET_PAGE = {"letter": "margin-top: 11mm; margin-bottom: 11mm;"}
DEFAULT_PAGE_SIZE = "a4"
#: A leaflet is one sheet printed on both sides.
LEAFLET_MAX_PAGES = 2
BOOKLET = download_path("booklet")
#: Pages of the booklet after the articles, by their source path under docs/.
BOOKLET_EXTRA = (
    "guides/comparisons.md",
    "guides/food-sources.md",
    "help/glossary.md",
    "help/sources.md",
)
#: Left out of each chapter: the cover carries the disclaimer once.


class PdfError(Exception):
    """A PDF could not be made; the message names the page or article."""


@dataclass
class Page:
    """One page, as the booklet needs it: its source, address, title, language and body."""

    path: Path
    slug: str
    url: str
    title: str
    lang: str
    body: str


@dataclass
class Job:
    """One PDF to make: the complete HTML document and where it goes in the site."""

    name: str
    label: str
    html: str
    base_url: str
    css: Path
    site_url: str
    site_dir: Path
    target: PurePosixPath = PurePosixPath()
    max_pages: int | None = None
    #: Extra @page declarations per page-size setting.
    page: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def key(self, page_size: str) -> str:
        """A hash of everything that shapes the PDF: its HTML, the print files, the code."""
        digest = hashlib.sha256()
        for part in (
            self.html,
            *(f.read_text(encoding="utf-8") for f in sorted(PRINT_DIR.glob("*.css"))),
            page_size,
            self.page.get(page_size, ""),
            json.dumps(self.options, sort_keys=True),
            Path(__file__).read_text(encoding="utf-8"),
            _weasyprint_version(),
        ):
            digest.update(part.encode())
            digest.update(b"\0")
        return digest.hexdigest()

    def path_in(self, site_dir: Path) -> Path:
        """Where the PDF goes under ``site_dir`` (``pdf/<name>.pdf`` unless set)."""
        return site_dir / (str(self.target) if self.target.name else f"pdf/{self.name}.pdf")


@dataclass
class Result:
    name: str
    label: str
    pages: int
    seconds: float
    size: int
    cached: bool
    path: str = ""


def _weasyprint_version() -> str:
    import weasyprint

    return str(weasyprint.__version__)


def read_page(bodies: dict[str, str], page: record.PageRecord, site_url: str) -> Page | None:
    """A page as the booklet uses it: its body as the renderer finished it, and its title,
    address and language, from the build record; None if the record has no body for it."""
    body = bodies.get(page.src_path)
    if body is None:
        return None
    slug = page.url.rstrip("/").rsplit("/", 1)[-1]
    return Page(Path(page.src_path), slug, site_url + page.url, page.title, page.language, body)


def edition_job(
    html_doc: str, slug: str, edition: Edition, settings: SiteSettings, site_dir: Path
) -> Job:
    """One article's leaflet or large-print edition, at its path from mkdocs.yml."""
    target = article_download(EDITION_DOWNLOADS[edition], slug)
    return Job(
        name=target.stem,
        label=f"{EDITION_NAMES[edition].lower()} of article '{slug}' (data/articles.yml)",
        html=html_doc,
        base_url=settings.url,
        css=EDITION_CSS[edition],
        site_url=settings.url,
        site_dir=site_dir,
        target=target,
        max_pages=LEAFLET_MAX_PAGES if edition == "leaflet" else None,
        page=LEAFLET_PAGE if edition == "leaflet" else {},
    )


#: Attributes that hold ids of the chapter's own elements.
_ID_ATTRIBUTES = ("id", "aria-labelledby", "aria-describedby", "for")


def _prefix_ids(body: Element, prefix: str) -> Element:
    """Give every id of a chapter a prefix, so that five articles' '#ref-1' do not clash
    (and the links to them within the chapter)."""
    for el in body.iter():
        for name in _ID_ATTRIBUTES:
            value = el.get(name)
            if value:
                el.set(name, " ".join(f"{prefix}-{v}" for v in value.split()))
        href = el.get("href")
        if href and href.startswith("#") and len(href) > 1:
            el.set("href", f"#{prefix}-{href[1:]}")
    return body


def _page_key(url: str) -> str:
    """A page address without its fragment, query and ``index.html``."""
    base = url.split("#")[0].split("?")[0]
    return base.removesuffix("index.html")


def link_chapters(body: Element, page_url: str, chapters: dict[str, str]) -> Element:
    """Point a chapter's links to other chapters inside the booklet; every other relative
    link (and image) becomes the full address on the website.

    ``chapters`` maps a chapter's page address to its id prefix; a link to its page goes
    to the chapter's top (``#<prefix>-top``), to a heading in it ``#<prefix>-<anchor>``.
    Same-page links (``#…``) are left to :func:`_prefix_ids`.
    """
    for el in body.iter():
        for name in ("href", "src"):
            value = el.get(name)
            if not value or value.startswith("#"):
                continue
            absolute = urljoin(page_url, value)
            prefix = chapters.get(_page_key(absolute))
            if name == "href" and prefix is not None:
                el.set(name, f"#{prefix}-{absolute.partition('#')[2] or 'top'}")
            else:
                el.set(name, absolute)
    return body


@dataclass(frozen=True)
class Chapter:
    """One chapter of the booklet: a built page, its ids prefixed, its links fixed."""

    anchor: str
    title: str
    url: str
    lang: str
    body: Markup


def booklet_job(
    pages: list[tuple[Page, str]], site_dir: Path, settings: SiteSettings, built: dt.date
) -> Job:
    """The whole site in one PDF (overrides/print/booklet.html): cover, contents, then one
    chapter per page, each with its title (from the model for articles)."""
    prefixes = {_page_key(page.url): f"c{n}" for n, (page, _) in enumerate(pages, start=1)}
    chapters = []
    for number, (page, title) in enumerate(pages, start=1):
        prefix = f"c{number}"
        tree = MainText.fragment(page.body).content
        assert tree is not None  # a fragment always has a body
        body = link_chapters(_prefix_ids(tree.etree_element, prefix), page.url, prefixes)
        chapters.append(Chapter(f"{prefix}-top", title, page.url, page.lang, Markup(to_html(body))))
    doc = print_template("booklet.html").render(
        settings=settings,
        built=built,
        built_text=long_date(built),
        qr=qr_svg_uri(settings.url),
        chapters=chapters,
    )
    return Job(
        name=BOOKLET.stem,
        label="booklet (" + ", ".join(f"docs/{p.path.as_posix()}" for p, _ in pages) + ")",
        html=doc,
        base_url=settings.url,
        css=BOOKLET_CSS,
        site_url=settings.url,
        site_dir=site_dir,
        target=BOOKLET,
        options={"built": built.isoformat()},
    )


def _fetcher(site_url: str, site_dir: Path) -> Any:
    """A URL fetcher that reads the site's own URLs from disk and never goes online."""
    from weasyprint import URLFetcher

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(site_url):
                rel = url[len(site_url) :].split("#")[0].split("?")[0]
                local = site_dir / rel
                if local.is_dir():
                    local = local / "index.html"
                url = local.resolve().as_uri()
            if not url.startswith(("file:", "data:")):
                raise ValueError(f"not fetched, the PDFs load nothing from the network: {url}")
            return super().fetch(url, headers)

    return LocalFetcher()


def render(job: Job, out_dir: Path, page_size: str, use_cache: bool) -> Result:
    """Make one PDF (in a worker process) under the site folder ``out_dir``: from the
    cache if its input is unchanged."""
    started = time.perf_counter()
    target = job.path_in(out_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    key = job.key(page_size)
    cached_pdf = CACHE / f"{job.name}.pdf"
    cached_key = CACHE / f"{job.name}.key"
    cached = (
        use_cache
        and cached_pdf.is_file()
        and cached_key.is_file()
        and cached_key.read_text().split()[0] == key
    )
    if cached:
        shutil.copyfile(cached_pdf, partial)
        partial.replace(target)
        pages = int(cached_key.read_text().split()[1])
    else:
        pages = _write(job, partial, page_size)
        partial.replace(target)
        if use_cache:
            CACHE.mkdir(parents=True, exist_ok=True)
            tmp = CACHE / f".{job.name}.pdf.part"
            shutil.copyfile(target, tmp)
            tmp.replace(cached_pdf)
            cached_key.write_text(f"{key} {pages}\n")
    elapsed = time.perf_counter() - started
    rel = str(target.relative_to(out_dir))
    return Result(job.name, job.label, pages, elapsed, target.stat().st_size, cached, rel)


def _write(job: Job, partial: Path, page_size: str) -> int:
    """Render ``job`` with WeasyPrint to ``partial`` as tagged PDF/UA-1; return its page count."""
    from weasyprint import CSS, HTML

    size_css = CSS(string=f"@page {{ {PAGE_SIZES[page_size]} {job.page.get(page_size, '')} }}")
    try:
        document = HTML(
            string=job.html, base_url=job.base_url, url_fetcher=_fetcher(job.site_url, job.site_dir)
        ).render(stylesheets=[CSS(filename=str(job.css)), size_css], pdf_variant="pdf/ua-1")
        document.write_pdf(partial, pdf_variant="pdf/ua-1")
    except Exception as exc:
        partial.unlink(missing_ok=True)
        raise PdfError(f"PDF for {job.label} failed: {type(exc).__name__}: {exc}") from exc
    return len(document.pages)


@dataclass(frozen=True)
class Model:
    """What the PDF step reads from a project: the validated data and the site settings."""

    site: Site
    settings: SiteSettings


def load_model(project_dir: Path = ROOT) -> Model:
    """The data model of ``project_dir/data`` and the settings of its mkdocs.yml; a data
    error names the file and line."""
    from macros.errors import DataErrors
    from macros.loader import load_site

    try:
        site = load_site(project_dir / "data")
    except DataErrors as exc:
        raise PdfError("The data in data/ has errors:\n" + str(exc)) from None
    return Model(site, site_settings(project_dir / "mkdocs.yml"))


def article_jobs(site_dir: Path, model: Model) -> list[Job]:
    """A leaflet and a large-print edition per article, in the order of data/articles.yml."""
    from macros.components import ComponentError

    components = components_for(model.site)
    jobs = []
    for article in model.site.articles.values():
        for edition in EDITION_CSS:
            try:
                doc = leaflet_html(model.site, components, model.settings, article, edition)
            except ComponentError as exc:
                raise PdfError(f"article '{article.id}' (data/articles.yml): {exc}") from None
            jobs.append(edition_job(doc, article.id, edition, model.settings, site_dir))
    return jobs


def booklet_chapters(site_dir: Path, model: Model) -> list[tuple[Page, str]]:
    """The booklet's chapters, each a built page with its title: the articles in the order
    of data/articles.yml, then the guides in BOOKLET_EXTRA."""
    try:
        built = record.read(site_dir)
        bodies = record.read_bodies(site_dir)
    except record.RecordMissing as exc:
        raise PdfError(f"booklet: {exc}") from None
    if built.engine != "mkdocs":
        raise PdfError(
            f"booklet: the site in {site_dir} was built by {built.engine}, whose page bodies "
            "keep their links to the Markdown sources; build it with `make site`"
        )
    sources = built.by_source()
    wanted: list[tuple[str, str]] = [
        (f"article '{a.id}' (data/articles.yml)", rule_for("articles").source(a.id))
        for a in model.site.articles.values()
    ]
    wanted += [(f"page {src}", src) for src in BOOKLET_EXTRA]
    chapters = []
    for what, src in wanted:
        page = sources.get(src)
        read = read_page(bodies, page, model.settings.url) if page else None
        if read is None:
            raise PdfError(f"booklet: {what} was not built into {site_dir} (docs/{src})")
        chapters.append((read, read.title))
    return chapters


def jobs_for(site_dir: Path, built: dt.date, project_dir: Path = ROOT) -> list[Job]:
    """Every PDF to make from a built site: the booklet first (it takes longest)."""
    model = load_model(project_dir)
    chapters = booklet_chapters(site_dir, model)
    jobs = [booklet_job(chapters, site_dir, model.settings, built)]
    return jobs + article_jobs(site_dir, model)


def page_size_setting(value: str | None = None) -> str:
    size = (value or os.environ.get("B12_PDF_PAGE_SIZE") or DEFAULT_PAGE_SIZE).lower()
    size = {"us-letter": "letter", "usletter": "letter"}.get(size, size)
    if size not in PAGE_SIZES:
        raise PdfError(f"unknown page size {size!r}: use one of {', '.join(PAGE_SIZES)}")
    return size


def too_long(results: list[Result], jobs: list[Job], page_size: str) -> list[str]:
    """An error for each PDF with more pages than its kind allows (a leaflet: one sheet)."""
    limits = {job.name: job for job in jobs if job.max_pages is not None}
    errors = []
    for result in results:
        job = limits.get(result.name)
        if job is not None and job.max_pages is not None and result.pages > job.max_pages:
            errors.append(
                f"{result.path}: the {job.label} has {result.pages} pages on "
                f"{'US Letter' if page_size == 'letter' else 'A4'}; a leaflet is one sheet "
                f"printed on both sides, at most {job.max_pages} pages. Mark fewer key points "
                "or action steps 'leaflet: true', or shorten them."
            )
    return errors


def build_pdfs(
    site_dir: Path,
    page_size: str | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    built: dt.date | None = None,
) -> list[Result]:
    """Make every PDF of a built site, in parallel; raise on a failure or a long leaflet."""
    size = page_size_setting(page_size)
    todo = jobs_for(site_dir, built or dt.date.today())
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    results: list[Result] = []
    errors: list[str] = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(render, job, site_dir, size, use_cache): job for job in todo}
        for future in concurrent.futures.as_completed(futures):
            job = futures[future]
            try:
                results.append(future.result())
            except Exception as exc:  # a worker's failure names its page
                errors.append(str(exc) if isinstance(exc, PdfError) else f"{job.label}: {exc}")
    for leftover in (site_dir / "pdf").glob(".*.part"):
        leftover.unlink()
    for result in sorted(results, key=lambda r: r.path):
        note = "cached" if result.cached else f"{result.seconds:.1f} s"
        print(
            f"  {result.path}: {result.pages} pages, {result.size // 1024} KiB, {note}",
            file=sys.stderr,
        )
    errors += too_long(results, todo, size)
    if errors:
        raise PdfError("\n".join(errors))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder (e.g. site/)")
    parser.add_argument(
        "--page-size",
        choices=sorted(PAGE_SIZES),
        default=None,
        help=f"paper size (default: $B12_PDF_PAGE_SIZE or {DEFAULT_PAGE_SIZE})",
    )
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    parser.add_argument("--no-cache", action="store_true", help="render every PDF again")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        build_pdfs(args.site, args.page_size, args.jobs, not args.no_cache)
    except PdfError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"PDFs done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
