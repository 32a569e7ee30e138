"""PDF handouts (one per article) and the whole-site booklet, made from the built HTML.

This is a post-build step over the HTML in a built site folder; it does not depend on
MkDocs. Each article page (``<meta property="og:type" content="article">``) becomes
``pdf/<slug>.pdf``; the articles, comparisons, food guide, glossary and sources become
``pdf/<booklet>.pdf``. WeasyPrint renders tagged PDF/UA-1 files in a process pool, each
written to a temporary name and then renamed. A PDF whose input (HTML, CSS, settings,
this code) has not changed is copied from the cache in ``build/pdf-cache/``.

    python -m scripts.pdf SITE_DIR [--page-size A4|letter] [--jobs N] [--no-cache]

The page size defaults to A4; ``B12_PDF_PAGE_SIZE=letter`` or ``--page-size letter``
gives US Letter.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import hashlib
import html
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.downloads import download_path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "pdf-cache"
HANDOUT_CSS = ROOT / "overrides" / "print" / "handout.css"
BOOKLET_CSS = ROOT / "overrides" / "print" / "booklet.css"
#: The @page rule of each page-size setting. US Letter is 18 mm shorter than A4, so its
#: top and bottom margins are tighter: a handout keeps to the same number of pages.
PAGE_SIZES = {
    "a4": "size: A4;",
    "letter": "size: letter; margin-top: 9mm; margin-bottom: 12mm;",
}
DEFAULT_PAGE_SIZE = "a4"
BOOKLET = download_path("booklet")  # in pdf/, beside the handouts
BOOKLET_NAME = BOOKLET.stem
#: Pages of the booklet after the articles, by their path in the built site.
BOOKLET_EXTRA = (
    "guides/comparisons",
    "guides/food-sources",
    "help/glossary",
    "help/sources",
)
MIN_PAGES, MAX_PAGES = 2, 6

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.DOTALL)
_META = re.compile(r'<meta\s+(?:property|name)="([^"]+)"\s+content="([^"]*)"\s*/?>')
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
_LANG = re.compile(r'<html\s[^>]*lang="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")
_DISCLAIMER = re.compile(r'<aside class="b12-disclaimer".*?</aside>', re.DOTALL)


class PdfError(Exception):
    """A PDF could not be made; the message names the page."""


@dataclass
class Page:
    """One built HTML page, as the PDF layer needs it."""

    path: Path
    slug: str
    url: str
    title: str
    lang: str
    description: str
    body: str
    is_article: bool


@dataclass
class Job:
    """One PDF to make: the complete HTML document and where it goes."""

    name: str
    label: str
    html: str
    base_url: str
    css: Path
    site_url: str
    site_dir: Path
    options: dict[str, Any] = field(default_factory=dict)

    def key(self, page_size: str) -> str:
        digest = hashlib.sha256()
        for part in (
            self.html,
            *(f.read_text(encoding="utf-8") for f in sorted(self.css.parent.glob("*.css"))),
            page_size,
            json.dumps(self.options, sort_keys=True),
            Path(__file__).read_text(encoding="utf-8"),
            _weasyprint_version(),
        ):
            digest.update(part.encode())
            digest.update(b"\0")
        return digest.hexdigest()


@dataclass
class Result:
    name: str
    label: str
    pages: int
    seconds: float
    size: int
    cached: bool


def _weasyprint_version() -> str:
    import weasyprint

    return str(weasyprint.__version__)


def _text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment)).strip()


def read_page(path: Path, site_dir: Path) -> Page | None:
    """The parts of a built page the PDFs use, or None if it has no article body."""
    source = path.read_text(encoding="utf-8")
    body = _ARTICLE.search(source)
    if body is None:
        return None
    meta = dict(_META.findall(source))
    h1 = _H1.search(body.group(1))
    title = _text(h1.group(1)) if h1 else html.unescape(meta.get("og:title", path.stem))
    lang = _LANG.search(source)
    rel = path.relative_to(site_dir)
    slug = rel.parent.name if rel.name == "index.html" else rel.stem
    return Page(
        path=path,
        slug=slug,
        url=html.unescape(meta.get("og:url", "")),
        title=title,
        lang=lang.group(1) if lang else "en",
        description=html.unescape(meta.get("og:description", "")),
        body=body.group(1),
        is_article=meta.get("og:type") == "article",
    )


def qr_svg_uri(url: str) -> str:
    """A QR code of the URL as an SVG data URI, made at build time with segno."""
    import segno

    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000"))


def _site_url(site_dir: Path) -> str:
    index = read_page(site_dir / "index.html", site_dir)
    if index and index.url:
        return index.url
    return "https://example.org/"


def _document(lang: str, title: str, description: str, body: str, body_class: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<meta name="description" content="{html.escape(description)}">\n'
        f'<meta name="author" content="B12 and Your Muscles">\n'
        f'</head>\n<body class="{body_class}">\n{body}\n</body>\n</html>\n'
    )


def _online_box(url: str, heading: str) -> str:
    return (
        '<section class="b12-online" aria-labelledby="b12-online-title">\n'
        f'<h2 id="b12-online-title">{heading}</h2>\n'
        f'<img class="b12-online__qr" src="{qr_svg_uri(url)}" '
        f'alt="QR code that opens {html.escape(url)}">\n'
        f'<p>Scan the code or type this address:<br><a href="{html.escape(url)}">'
        f"{html.escape(url)}</a></p>\n</section>\n"
    )


def handout_job(page: Page, site_dir: Path, site_url: str) -> Job:
    """An article as a handout: its body, then where to read it online."""
    body = page.body
    online = _online_box(page.url, "Read this page online")
    # The online address goes before the disclaimer, which closes the handout.
    match = _DISCLAIMER.search(body)
    if match:
        body = body[: match.start()] + online + body[match.start() :]
    else:
        body += online
    masthead = (
        '<p class="b12-masthead">B12 and Your Muscles · Patient handout · '
        f"{html.escape(page.url)}</p>\n"
    )
    doc = _document(
        page.lang,
        page.title,
        page.description,
        masthead + f'<article class="md-typeset">{body}</article>',
        "b12-handout",
    )
    return Job(
        name=page.slug,
        label=str(page.path.relative_to(site_dir)),
        html=doc,
        base_url=page.url or site_url,
        css=HANDOUT_CSS,
        site_url=site_url,
        site_dir=site_dir,
    )


_ID = re.compile(r'\b(id|aria-labelledby|aria-describedby|for)="([^"]+)"')
_HREF_LOCAL = re.compile(r'href="#([^"]+)"')


def _prefix_ids(body: str, prefix: str) -> str:
    """Give every id of a chapter a prefix, so that five articles' '#ref-1' do not clash."""

    def ids(m: re.Match[str]) -> str:
        values = " ".join(f"{prefix}-{v}" for v in m.group(2).split())
        return f'{m.group(1)}="{values}"'

    body = _ID.sub(ids, body)
    return _HREF_LOCAL.sub(lambda m: f'href="#{prefix}-{m.group(1)}"', body)


def booklet_job(chapters: list[Page], site_dir: Path, site_url: str, built: dt.date) -> Job:
    """The whole site in one PDF: cover, contents, then one chapter per page."""
    disclaimer = ""
    parts = []
    contents = []
    for number, page in enumerate(chapters, start=1):
        prefix = f"c{number}"
        body = page.body
        found = _DISCLAIMER.search(body)
        if found:
            disclaimer = disclaimer or found.group(0)
            body = body[: found.start()] + body[found.end() :]
        body = _prefix_ids(body, prefix)
        anchor = f"{prefix}-top"
        contents.append(f'<li><a href="#{anchor}">{html.escape(page.title)}</a></li>')
        parts.append(
            f'<section class="b12-chapter" id="{anchor}" lang="{html.escape(page.lang)}">\n'
            f'<p class="b12-chapter__url">Online: <a href="{html.escape(page.url)}">'
            f"{html.escape(page.url)}</a></p>\n{body}\n</section>"
        )
    disclaimer = _prefix_ids(disclaimer, "cover")
    cover = (
        '<section class="b12-cover">\n'
        '<p class="b12-cover__kicker">Patient information booklet</p>\n'
        '<h1 class="b12-cover__title">B12 and Your Muscles</h1>\n'
        '<p class="b12-cover__subtitle">Plain-language, sourced information on vitamin B12 '
        "deficiency and the muscles: stiffness, aches, spasms, weakness and tension.</p>\n"
        f'<p class="b12-cover__date">Built on <time datetime="{built.isoformat()}">'
        f"{built.strftime('%-d %B %Y')}</time>. Each chapter shows when it was last "
        "reviewed.</p>\n"
        f"{_online_box(site_url, 'The website')}"
        f"{disclaimer}\n</section>\n"
    )
    toc = (
        '<nav class="b12-contents" aria-labelledby="b12-contents-title">\n'
        '<h1 id="b12-contents-title">Contents</h1>\n'
        f"<ol>{''.join(contents)}</ol>\n</nav>\n"
    )
    lang = chapters[0].lang if chapters else "en"
    doc = _document(
        lang,
        "B12 and Your Muscles: the whole site as a booklet",
        "The articles, comparisons, food guide, glossary and sources of B12 and Your Muscles.",
        cover + toc + "\n".join(parts),
        "b12-booklet md-typeset",
    )
    return Job(
        name=BOOKLET_NAME,
        label="booklet (" + ", ".join(str(p.path.relative_to(site_dir)) for p in chapters) + ")",
        html=doc,
        base_url=site_url,
        css=BOOKLET_CSS,
        site_url=site_url,
        site_dir=site_dir,
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
    """Make one PDF (in a worker process): from the cache if its input is unchanged."""
    started = time.perf_counter()
    target = out_dir / f"{job.name}.pdf"
    partial = out_dir / f".{job.name}.pdf.part"
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
    return Result(job.name, job.label, pages, elapsed, target.stat().st_size, cached=cached)


def _write(job: Job, partial: Path, page_size: str) -> int:
    """Render ``job`` with WeasyPrint to ``partial`` as tagged PDF/UA-1; return its page count."""
    from weasyprint import CSS, HTML

    size_css = CSS(string=f"@page {{ {PAGE_SIZES[page_size]} }}")
    try:
        document = HTML(
            string=job.html, base_url=job.base_url, url_fetcher=_fetcher(job.site_url, job.site_dir)
        ).render(stylesheets=[CSS(filename=str(job.css)), size_css], pdf_variant="pdf/ua-1")
        document.write_pdf(partial, pdf_variant="pdf/ua-1")
    except Exception as exc:
        partial.unlink(missing_ok=True)
        raise PdfError(f"PDF for {job.label} failed: {type(exc).__name__}: {exc}") from exc
    return len(document.pages)


def _article_order(site_dir: Path, articles: list[Page]) -> list[Page]:
    """Articles in the order the articles index lists them (then by slug)."""
    index = site_dir / "articles" / "index.html"
    text = index.read_text(encoding="utf-8") if index.is_file() else ""
    body = _ARTICLE.search(text)
    listing = body.group(1) if body else ""

    def position(page: Page) -> tuple[int, str]:
        at = listing.find(f"{page.slug}/")
        return (at if at >= 0 else len(listing) + 1, page.slug)

    return sorted(articles, key=position)


def jobs_for(site_dir: Path, built: dt.date) -> list[Job]:
    """Every PDF to make from a built site: the booklet first (it takes longest)."""
    site_url = _site_url(site_dir)
    pages = [p for p in (read_page(f, site_dir) for f in sorted(site_dir.rglob("*.html"))) if p]
    articles = _article_order(site_dir, [p for p in pages if p.is_article])
    if not articles:
        raise PdfError(f"no article pages found in {site_dir}")
    by_path = {str(p.path.relative_to(site_dir).parent): p for p in pages}
    extra = []
    for wanted in BOOKLET_EXTRA:
        if wanted not in by_path:
            raise PdfError(f"booklet: page {wanted}/ not found in {site_dir}")
        extra.append(by_path[wanted])
    jobs = [booklet_job(articles + extra, site_dir, site_url, built)]
    jobs += [handout_job(p, site_dir, site_url) for p in articles]
    return jobs


def page_size_setting(value: str | None = None) -> str:
    size = (value or os.environ.get("B12_PDF_PAGE_SIZE") or DEFAULT_PAGE_SIZE).lower()
    size = {"us-letter": "letter", "usletter": "letter"}.get(size, size)
    if size not in PAGE_SIZES:
        raise PdfError(f"unknown page size {size!r}: use one of {', '.join(PAGE_SIZES)}")
    return size


def build_pdfs(
    site_dir: Path,
    page_size: str | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    built: dt.date | None = None,
) -> list[Result]:
    """Make every PDF of a built site into SITE_DIR/pdf/, in parallel; raise on a failure."""
    size = page_size_setting(page_size)
    out_dir = site_dir / "pdf"
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = jobs_for(site_dir, built or dt.date.today())
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    results: list[Result] = []
    errors: list[str] = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(render, job, out_dir, size, use_cache): job for job in todo}
        for future in concurrent.futures.as_completed(futures):
            job = futures[future]
            try:
                results.append(future.result())
            except Exception as exc:  # a worker's failure names its page
                errors.append(str(exc) if isinstance(exc, PdfError) else f"{job.label}: {exc}")
    if errors:
        for leftover in out_dir.glob(".*.part"):
            leftover.unlink()
        raise PdfError("\n".join(errors))
    for result in sorted(results, key=lambda r: r.name):
        note = "cached" if result.cached else f"{result.seconds:.1f} s"
        print(
            f"  pdf/{result.name}.pdf: {result.pages} pages, {result.size // 1024} KiB, {note}",
            file=sys.stderr,
        )
        if result.name != BOOKLET_NAME and not MIN_PAGES <= result.pages <= MAX_PAGES:
            print(
                f"  warning: pdf/{result.name}.pdf has {result.pages} pages "
                f"(a handout should have {MIN_PAGES} to {MAX_PAGES})",
                file=sys.stderr,
            )
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
