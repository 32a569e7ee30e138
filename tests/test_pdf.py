"""The printed editions in the built site, measured on the PDFs themselves.

PDFium gives each character's size: the body size is the size that carries the
most characters, and the share of characters at or above a size says how much of the
page an older reader can read. Each measurement has a negative control: the 8.5 pt
stylesheets the PDFs and the print rules had before (tests/fixtures/print-before/)
must fail it.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import yaml

from macros.loader import Site, load_site
from macros.model import Article
from scripts import pdf as pdfmod
from scripts.downloads import article_download
from scripts.leaflet import SiteSettings, article_url, qr_svg_uri, site_settings
from scripts.pdf import (
    BOOKLET,
    BOOKLET_CSS,
    EDITION_CSS,
    LEAFLET_MAX_PAGES,
    Job,
    Page,
    PdfError,
    article_jobs,
    booklet_chapters,
    booklet_job,
    load_model,
    page_size_setting,
    render,
    too_long,
)

ROOT = Path(__file__).resolve().parent.parent
OLD_CSS = ROOT / "tests" / "fixtures" / "print-before"
pytestmark = pytest.mark.build

#: Clear print: (smallest body size, size that most text must reach, share that must reach it).
LEAFLET_RULE = (12.0, 11.0, 0.90)
LARGE_PRINT_RULE = (16.0, 14.0, 0.90)
BOOKLET_RULE = (12.0, 11.0, 0.85)

#: pdfua findings that are WeasyPrint's, not ours, each with its reason.
WEASYPRINT_FINDINGS = {
    "UA-15-003": "WeasyPrint 70 tags <th> as /TH but writes no /Scope, although every "
    "header cell in our HTML carries scope='col' or scope='row' (weasyprint/pdf/tags.py); "
    "only the booklet has tables.",
}


@dataclass(frozen=True)
class Measure:
    """Page count and the characters of each size (rounded to 0.5 pt) of one PDF."""

    pages: int
    sizes: dict[float, int]

    @property
    def body(self) -> float:
        """The size carrying the most characters."""
        return max(self.sizes, key=lambda s: self.sizes[s])

    def share(self, at_least: float) -> float:
        """The share of characters at ``at_least`` points or larger."""
        total = sum(self.sizes.values())
        return sum(n for s, n in self.sizes.items() if s >= at_least - 0.01) / total


def measure(path: Path) -> Measure:
    """Count the visible characters of a PDF by size, as PDFium (Chromium's PDF engine)
    lays them out: a character's size is its font size scaled by its transformation,
    the height it is printed at. pdfplumber's sizes, in a tenth of its time; PDFium counts
    each letter of a ligature (fi, ffl), pdfplumber the glyph: shares move by about 0.1%."""
    sizes: collections.Counter[float] = collections.Counter()
    doc = pdfium.PdfDocument(path)
    matrix = pdfium_c.FS_MATRIX()
    try:
        for page in doc:
            text = page.get_textpage()
            for i in range(text.count_chars()):
                if pdfium_c.FPDFText_IsGenerated(text.raw, i) == 1:  # a space PDFium adds
                    continue
                if not chr(pdfium_c.FPDFText_GetUnicode(text.raw, i)).strip():
                    continue
                pdfium_c.FPDFText_GetMatrix(text.raw, i, matrix)
                size = pdfium_c.FPDFText_GetFontSize(text.raw, i) * abs(matrix.d)
                sizes[round(size * 2) / 2] += 1
        pages = len(doc)
    finally:
        doc.close()
    return Measure(pages, dict(sizes))


def clear_print_problems(
    name: str, found: Measure, rule: tuple[float, float, float], max_pages: int | None = None
) -> list[str]:
    """What keeps a PDF from the clear-print rule (body size, share of large text, pages)."""
    body, size, share = rule
    problems = []
    if found.body < body:
        problems.append(f"{name}: body text {found.body} pt (want {body} pt or more)")
    if found.share(size) < share:
        problems.append(
            f"{name}: {found.share(size):.0%} of characters at {size} pt or more "
            f"(want {share:.0%}); sizes {sorted(found.sizes.items())}"
        )
    if max_pages is not None and found.pages > max_pages:
        problems.append(f"{name}: {found.pages} pages (want at most {max_pages})")
    return problems


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _squash(text: str) -> str:
    """Text with every space and line break removed, for phrase checks across lines."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(ROOT / "data")


@pytest.fixture(scope="module")
def settings() -> SiteSettings:
    return site_settings()


def _editions(site: Site) -> Iterator[tuple[Article, str, Path]]:
    for article in site.articles.values():
        for edition, kind in (("leaflet", "leaflet"), ("large-print", "large_print")):
            yield article, edition, Path(str(article_download(kind, article.id)))


def test_leaflets_are_one_sheet_in_clear_print(site_dir: Path, site: Site) -> None:
    problems: list[str] = []
    for _article, edition, rel in _editions(site):
        if edition == "leaflet":
            found = measure(site_dir / rel)
            problems += clear_print_problems(str(rel), found, LEAFLET_RULE, LEAFLET_MAX_PAGES)
    assert not problems, "\n".join(problems)


def test_leaflets_are_one_sheet_of_us_letter_too(tmp_path: Path) -> None:
    """The site is built on A4; each leaflet rendered on US Letter (18 mm shorter) must
    also keep to one sheet in clear print."""
    jobs = [job for job in article_jobs(tmp_path, load_model()) if job.max_pages]
    results = [render(job, tmp_path, "letter", use_cache=False) for job in jobs]
    problems = too_long(results, jobs, "letter")
    for result in results:
        problems += clear_print_problems(result.path, measure(tmp_path / result.path), LEAFLET_RULE)
    assert not problems, "\n".join(problems)


def test_large_print_editions(site_dir: Path, site: Site) -> None:
    problems: list[str] = []
    for _article, edition, rel in _editions(site):
        if edition == "large-print":
            problems += clear_print_problems(str(rel), measure(site_dir / rel), LARGE_PRINT_RULE)
    assert not problems, "\n".join(problems)


def test_booklet_in_clear_print(site_dir: Path) -> None:
    problems = clear_print_problems(str(BOOKLET), measure(site_dir / BOOKLET), BOOKLET_RULE)
    assert not problems, "\n".join(problems)


def test_booklet_contents_follow_the_model(
    site_dir: Path, site: Site, settings: SiteSettings
) -> None:
    """Cover with the disclaimer, contents with page numbers, the articles in the order
    of data/articles.yml, then the guides; tagged, fonts embedded."""
    path = site_dir / BOOKLET
    info = _run("pdfinfo", str(path))
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), info
    assert all(line.split()[-5] == "yes" for line in _run("pdffonts", str(path)).splitlines()[2:])
    with pdfplumber.open(path) as doc:
        cover = _squash(doc.pages[0].extract_text() or "")
        contents = doc.pages[1].extract_text() or ""
    assert _squash(settings.disclaimer) in cover
    titles = [a.title for a in site.articles.values()]
    titles += [page.title for page, _ in booklet_chapters(site_dir, load_model())[len(titles) :]]
    lines = [line for line in contents.splitlines() if re.search(r"\.{3,} ?\d+$", line)]
    listed = [re.sub(r"^\d+\.\s*|\s*\.{3,} ?\d+$", "", line) for line in lines]
    assert listed == titles, (listed, titles)


def _render_with(job: Job, css: Path, out: Path) -> Measure:
    """Render ``job`` with another stylesheet (no cache) and measure it."""
    job.css = css
    job.target = PurePosixPath(f"{job.name}.pdf")
    render(job, out, "a4", use_cache=False)
    return measure(out / f"{job.name}.pdf")


def test_negative_control_old_stylesheet_fails_the_leaflet_rule(
    site_dir: Path, tmp_path: Path
) -> None:
    """The real first leaflet, set in the old 8.5 pt handout stylesheet, fails the rule;
    its large-print edition set in the 12 pt leaflet stylesheet fails the large-print rule."""
    jobs = article_jobs(site_dir, load_model())
    leaflet = next(j for j in jobs if j.css == EDITION_CSS["leaflet"])
    large = next(j for j in jobs if j.css == EDITION_CSS["large-print"])
    old = _render_with(leaflet, OLD_CSS / "handout.css", tmp_path)
    assert clear_print_problems("old", old, LEAFLET_RULE), old
    small = _render_with(large, EDITION_CSS["leaflet"], tmp_path)
    assert clear_print_problems("12 pt", small, LARGE_PRINT_RULE), small


def test_negative_control_old_stylesheet_fails_the_booklet_rule(
    site_dir: Path, tmp_path: Path
) -> None:
    """A booklet of the glossary alone: the old stylesheet fails, the current one passes."""
    chapters = [c for c in booklet_chapters(site_dir, load_model()) if c[0].slug == "glossary"]
    job = booklet_job(chapters, site_dir, site_settings(), dt.date(2026, 1, 1))
    old = _render_with(job, OLD_CSS / "booklet.css", tmp_path)
    assert clear_print_problems("old", old, BOOKLET_RULE), old
    new = _render_with(job, BOOKLET_CSS, tmp_path)
    assert not clear_print_problems("new", new, BOOKLET_RULE), new


def test_each_edition_says_what_the_model_chose(
    site_dir: Path, site: Site, settings: SiteSettings
) -> None:
    """Title, language, bookmarks, fonts, and every text the leaflet is meant to carry."""
    care = site.care
    problems: list[str] = []
    for article, edition, rel in _editions(site):
        path = site_dir / rel
        info = dict(
            (k.strip(), v.strip())
            for k, _, v in (line.partition(":") for line in _run("pdfinfo", str(path)).splitlines())
        )
        title = article.title + ("" if edition == "leaflet" else " (large print)")
        if info.get("Title") != title:
            problems.append(f"{rel}: title {info.get('Title')!r}, want {title!r}")
        if info.get("Tagged") != "yes":
            problems.append(f"{rel}: not tagged")
        for line in _run("pdffonts", str(path)).splitlines()[2:]:
            if line.split()[-5] != "yes":
                problems.append(f"{rel}: font not embedded: {line}")
        with pdfplumber.open(path) as doc:
            lang = doc.doc.catalog.get("Lang")
            outline = [entry[1] for entry in doc.doc.get_outlines()]
            # pdfplumber, not pdftotext: pdftotext drops a hyphen at a line end (URLs).
            text = _squash("".join(page.extract_text() for page in doc.pages))
        if lang != settings.language.encode():
            problems.append(f"{rel}: language {lang!r}")
        for heading in (article.title, "Key points", "When to get help", "Sources"):
            if heading not in outline:
                problems.append(f"{rel}: no bookmark {heading!r} in {outline}")
        wanted = [
            article.title,
            article.summary,
            *(p.text for p in article.key_points if p.leaflet),
            *(s.text for s in article.action_steps if s.leaflet),
            *article.questions,
            *(site.foods[f].name for f in article.leaflet_foods),
            *(care.heading(key) for key in ("emergency", "urgent", "routine")),
            *(s.text for lvl in (care.emergency, care.urgent, care.routine) for s in lvl.signs),
            *(n.number for n in care.emergency_numbers),
            article.review_label,
            *(
                []
                if article.review_status == "draft"
                else [
                    f"Last checked {article.reviewed_text}",
                    f"Next review due {article.review_due_text}",
                ]
            ),
            settings.disclaimer,
            article_url(settings, article),
        ]
        cited = {
            r.partition("#")[0]  # a citation names reference-id#passage-id
            for item in article.key_points + article.action_steps
            if item.leaflet
            for r in item.sources
        }
        # The leaflet names its sources (the article online gives their addresses); the
        # large print gives the addresses too.
        wanted += [
            site.references[r].title if edition == "leaflet" else site.references[r].url
            for r in cited
        ]
        for phrase in wanted:
            if _squash(phrase) not in text:
                problems.append(f"{rel}: text lacks {phrase[:70]!r}")
        left_out = [p.text for p in article.key_points if not p.leaflet]
        for phrase in left_out:
            if _squash(phrase) in text:
                problems.append(f"{rel}: shows a key point not marked leaflet: {phrase[:50]!r}")
    assert not problems, "\n".join(problems)


def _links(path: Path) -> tuple[list[str], int]:
    """The web addresses a PDF links to, and its number of links inside the document."""
    uris: list[str] = []
    internal = 0
    with pikepdf.open(path) as doc:
        for page in doc.pages:
            for annot in page.obj.get("/Annots", []):
                action = annot.get("/A")
                uri = action.get("/URI") if action is not None else None
                if uri:
                    uris.append(str(uri))
                else:
                    internal += 1
    return uris, internal


def chapter_link_problems(path: Path, site_url: str, chapter_urls: list[str]) -> list[str]:
    """Links that leave the booklet for a page it holds (beyond each chapter's own
    'Online:' line), and links inside it: there must be some."""
    uris, internal = _links(path)
    counts = collections.Counter(u.split("#")[0] for u in uris if u.startswith(site_url))
    problems = [
        f"{count} links to {url} (a booklet chapter) leave the booklet"
        for url, count in counts.items()
        if url in chapter_urls and count > 1
    ]
    if internal == 0:
        problems.append("no links inside the booklet")
    return problems


def test_booklet_links_between_chapters_stay_inside(site_dir: Path, settings: SiteSettings) -> None:
    chapters = booklet_chapters(site_dir, load_model())
    urls = [page.url for page, _ in chapters]
    problems = chapter_link_problems(site_dir / BOOKLET, settings.url, urls)
    uris, _ = _links(site_dir / BOOKLET)
    for uri in uris:  # the rest of the site's own links lead to pages that exist
        if uri.startswith(settings.url):
            rel = uri[len(settings.url) :].split("#")[0]
            if not (site_dir / rel).is_file() and not (site_dir / rel / "index.html").is_file():
                problems.append(f"link to a page the site does not have: {uri}")
    assert not problems, "\n".join(sorted(set(problems)))


def _two_chapters(site_dir: Path) -> list[tuple[Page, str]]:
    url = "https://example.org/"

    def page(slug: str, body: str) -> Page:
        return Page(Path(f"{slug}.md"), slug, f"{url}{slug}/", slug, "en", body)

    first = page(
        "a", '<h1 id="a">A</h1><p>See <a href="../b/#x">B</a> and <a href="../b/">B</a>.</p>'
    )
    second = page("b", '<h1 id="b">B</h1><h2 id="x">X</h2><p>Text.</p>')
    return [(first, "A"), (second, "B")]


def test_negative_control_links_leave_the_booklet_without_the_fix(
    site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two tiny chapters, the first linking twice to the second: the check passes with
    the links pointed inside the booklet and fails without that step."""
    chapters = _two_chapters(site_dir)
    urls = [p.url for p, _ in chapters]
    example = dataclasses.replace(site_settings(), url="https://example.org/")
    job = booklet_job(chapters, site_dir, example, dt.date(2026, 1, 1))
    _render_with(job, BOOKLET_CSS, tmp_path)
    assert not chapter_link_problems(tmp_path / f"{job.name}.pdf", "https://example.org/", urls)
    monkeypatch.setattr(pdfmod, "link_chapters", lambda body, url, prefixes: body)
    bare = booklet_job(chapters, site_dir, example, dt.date(2026, 1, 1))
    (tmp_path / "bare").mkdir()
    _render_with(bare, BOOKLET_CSS, tmp_path / "bare")
    pdf = tmp_path / "bare" / f"{bare.name}.pdf"
    assert chapter_link_problems(pdf, "https://example.org/", urls)


def _long_project(tmp_path: Path, slug: str) -> Path:
    """A copy of data/ and mkdocs.yml in which one article puts everything on its leaflet."""
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for source in (ROOT / "data").glob("*.yml"):
        (project / "data" / source.name).write_text(source.read_text(encoding="utf-8"))
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for folder in ("docs", "overrides", "macros"):
        (project / folder).symlink_to(ROOT / folder)
    articles_file = project / "data" / "articles.yml"
    articles: list[dict[str, Any]] = yaml.safe_load(articles_file.read_text(encoding="utf-8"))
    for article in articles:
        if article["id"] == slug:
            for field in ("key_points", "action_steps"):
                for item in article[field]:
                    item["leaflet"] = True
                article[field] = article[field] * 2
    articles_file.write_text(
        yaml.dump(articles, Dumper=_NoAliases, sort_keys=False, allow_unicode=True)
    )
    return project


class _NoAliases(yaml.SafeDumper):
    """Writes repeated values out in full: data files refuse YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def test_a_leaflet_over_one_sheet_fails_naming_article_and_pages(
    site_dir: Path, site: Site, tmp_path: Path
) -> None:
    slug = next(iter(site.articles))
    out = tmp_path / "site"
    out.mkdir()

    def leaflet_result(project: Path) -> list[str]:
        jobs = [
            j for j in article_jobs(out, load_model(project)) if j.max_pages and slug in j.label
        ]
        results = [render(j, out, "a4", use_cache=False) for j in jobs]
        return too_long(results, jobs, "a4")

    assert leaflet_result(ROOT) == []  # the real leaflet fits: the check can pass
    errors = leaflet_result(_long_project(tmp_path, slug))
    assert len(errors) == 1, errors
    assert f"article '{slug}'" in errors[0]
    assert re.search(r"has [3-9] pages on A4", errors[0]), errors[0]


def pdfua_findings(path: Path) -> list[dict[str, Any]]:
    """Every finding of the PDF/UA-1 checker over one PDF."""
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "pdfua"), "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
    )
    report = json.loads(done.stdout)
    files = report.get("files", [report])
    return [finding for file in files for finding in file.get("findings", [])]


def ours(findings: list[dict[str, Any]]) -> list[str]:
    """The findings not allow-listed as WeasyPrint's."""
    return [
        f"{f['rule_id']} {f.get('location', '')}: {f['message'][:120]}"
        for f in findings
        if f["rule_id"] not in WEASYPRINT_FINDINGS
    ]


def test_pdfua_checker_finds_nothing_of_ours(site_dir: Path) -> None:
    problems = []
    for path in sorted((site_dir / "pdf").glob("*.pdf")):
        problems += [f"{path.name}: {p}" for p in ours(pdfua_findings(path))]
    assert not problems, "\n".join(problems)


def test_booklet_table_headers_carry_scope(site_dir: Path) -> None:
    """The UA-15-003 allowance is WeasyPrint's only if our header cells say their scope."""
    job = pdfmod.jobs_for(site_dir, dt.date(2026, 1, 1))[0]
    cells = re.findall(r"<th\b[^>]*>", job.html)
    assert cells and all("scope=" in cell for cell in cells)


def test_negative_control_pdfua_flags_an_untagged_pdf(tmp_path: Path) -> None:
    from weasyprint import HTML

    path = tmp_path / "untagged.pdf"
    HTML(string="<p>No title, no language, no tags.</p>").write_pdf(path)
    assert ours(pdfua_findings(path))


def test_page_size_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("B12_PDF_PAGE_SIZE", raising=False)
    assert page_size_setting() == "a4"
    monkeypatch.setenv("B12_PDF_PAGE_SIZE", "Letter")
    assert page_size_setting() == "letter"
    assert page_size_setting("a4") == "a4"
    with pytest.raises(PdfError, match="unknown page size"):
        page_size_setting("a5")


def test_qr_code_is_svg() -> None:
    assert qr_svg_uri("https://example.org/x/").startswith("data:image/svg+xml")


def test_no_leftover_temporary_files(site_dir: Path) -> None:
    leftovers = [p.name for p in (site_dir / "pdf").iterdir() if p.name.startswith(".")]
    leftovers += [p.name for p in (site_dir / "download").iterdir() if p.name.startswith(".")]
    assert not leftovers


def test_a_failing_pdf_names_its_page_and_leaves_nothing(tmp_path: Path) -> None:
    job = Job(
        name="broken",
        label="articles/broken/index.html",
        html="<html><body><p>x</p></body></html>",
        base_url="https://example.org/",
        css=tmp_path / "missing.css",
        site_url="https://example.org/",
        site_dir=tmp_path,
    )
    with pytest.raises(PdfError, match="articles/broken/index.html"):
        render(job, tmp_path, "a4", use_cache=False)
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob(".*.part"))


#: Printing an article page from the browser: 12 pt text (citation marks may be smaller).
BROWSER_PRINT_RULE = (12.0, 11.0, 0.85)


def _print_page(browser: Any, page_file: Path, out: Path, print_css: str | None = None) -> Measure:
    """Print a built page to PDF in chromium (A4); ``print_css`` replaces the @media print
    part of b12.css."""
    page = browser.new_page()
    if print_css is not None:
        screen = (ROOT / "docs" / "assets" / "stylesheets" / "b12.css").read_text(encoding="utf-8")
        css = screen.split("@media print {")[0] + print_css
        page.route("**/b12.css", lambda route: route.fulfill(body=css, content_type="text/css"))
    page.goto(page_file.resolve().as_uri())
    page.pdf(path=str(out), format="A4")
    page.close()
    return measure(out)


@pytest.mark.browser
def test_printing_an_article_page(site_dir: Path, browser: Any, tmp_path: Path) -> None:
    """'Print this page': the browser prints the article in 12 pt without the site chrome."""
    page_file = next(iter(sorted((site_dir / "articles").glob("*/index.html"))))
    out = tmp_path / "printed.pdf"
    found = _print_page(browser, page_file, out)
    assert not clear_print_problems("printed page", found, BROWSER_PRINT_RULE), found
    with pdfplumber.open(out) as doc:
        first = doc.pages[0].extract_text() or ""
    assert "Search" not in first and "Skip to content" not in first


@pytest.mark.browser
def test_negative_control_the_old_print_rules_fail(
    site_dir: Path, browser: Any, tmp_path: Path
) -> None:
    page_file = next(iter(sorted((site_dir / "articles").glob("*/index.html"))))
    old = (OLD_CSS / "b12-print.css").read_text(encoding="utf-8")
    found = _print_page(browser, page_file, tmp_path / "old.pdf", old)
    assert clear_print_problems("old print rules", found, BROWSER_PRINT_RULE), found


def test_article_pages_link_their_leaflet_and_large_print(site_dir: Path, site: Site) -> None:
    """The buttons under each article's title open PDFs that the build made."""
    problems = []
    for article in site.articles.values():
        page = site_dir / "articles" / article.id / "index.html"
        source = page.read_text(encoding="utf-8")
        for kind, label in (("pdf", "Print leaflet (PDF)"), ("large-print", "Large print (PDF)")):
            found = re.search(
                rf'class="[^"]*b12-article-actions__{kind}"\s+href="([^"]+)"[^>]*>{re.escape(label)}<',
                source,
            )
            if not found:
                problems.append(f"{page}: no {label!r} link")
            elif not (page.parent / found.group(1)).resolve().is_file():
                problems.append(f"{page}: {label!r} opens {found.group(1)}, which was not built")
        if "data-b12-print hidden>Print this page<" not in source:
            problems.append(f"{page}: no 'Print this page' button")
    assert not problems, "\n".join(problems)
