"""The PDF handouts and the booklet in the built site, checked with poppler-utils."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from scripts.pdf import BOOKLET, page_size_setting, qr_svg_uri, read_page

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.build


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _articles(site: Path) -> list[Path]:
    pages = [read_page(p, site) for p in sorted((site / "articles").glob("*/index.html"))]
    return [p.path for p in pages if p and p.is_article]


def _flat(text: str) -> str:
    """pdftotext output with line breaks and hyphenation folded away, for phrase checks."""
    return re.sub(r"\s+", " ", text)


def test_five_article_pages(site_dir: Path) -> None:
    assert len(_articles(site_dir)) == 5


def test_each_handout(site_dir: Path) -> None:
    problems: list[str] = []
    for html_path in _articles(site_dir):
        page = read_page(html_path, site_dir)
        assert page is not None
        pdf = site_dir / "pdf" / f"{page.slug}.pdf"
        if not pdf.is_file():
            problems.append(f"{pdf.name}: missing")
            continue
        info = _run("pdfinfo", str(pdf))
        fields = dict(
            (k.strip(), v.strip())
            for k, _, v in (line.partition(":") for line in info.splitlines())
        )
        pages = int(fields["Pages"])
        if not 2 <= pages <= 6:
            problems.append(f"{pdf.name}: {pages} pages (want 2 to 6)")
        if fields.get("Tagged") != "yes":
            problems.append(f"{pdf.name}: not tagged")
        if fields.get("Title") != page.title:
            problems.append(f"{pdf.name}: title {fields.get('Title')!r}, want {page.title!r}")
        fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
        if not fonts:
            problems.append(f"{pdf.name}: no fonts")
        for line in fonts:
            emb = line.split()[-5]
            if emb != "yes":
                problems.append(f"{pdf.name}: font not embedded: {line}")
        text = _flat(_run("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
        html = html_path.read_text(encoding="utf-8")
        found = re.search(r'<aside class="b12-disclaimer".*?<p>(.*?)</p>', html, re.DOTALL)
        assert found, f"{html_path}: no disclaimer in the page"
        disclaimer = _flat(found.group(1)).strip()
        due = re.search(r'Next review due <time datetime="[^"]+">([^<]+)</time>', html)
        wanted = [page.title, "Page 1 of", f"Page {pages} of {pages}", disclaimer, page.url]
        if due:
            wanted.append(f"Next review due {due.group(1)}")
        else:
            problems.append(f"{html_path}: no review-due date in the page")
        for header in re.findall(r'<th scope="col">([^<]+)</th>', html):
            wanted.append(_flat(header).strip())
        for phrase in wanted:
            if phrase not in text:
                problems.append(f"{pdf.name}: text lacks {phrase[:70]!r}")
        if not re.search(r"https://\S+\.\S+", text.replace(page.url, "")):
            problems.append(f"{pdf.name}: no reference URL")
        if "Search" in text.split(page.title, 1)[0]:
            problems.append(f"{pdf.name}: screen chrome before the title")
    assert not problems, "\n".join(problems)


def test_booklet(site_dir: Path) -> None:
    pdf = site_dir / BOOKLET
    assert pdf.is_file(), f"{pdf} is missing"
    info = _run("pdfinfo", str(pdf))
    assert "Tagged:          yes" in info
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)
    contents = _flat(_run("pdftotext", "-f", "2", "-l", "2", str(pdf), "-"))
    assert "Contents" in contents
    assert re.search(r"\.{3,} ?\d+", contents), "the contents page has no page numbers"
    text = _flat(_run("pdftotext", str(pdf), "-"))
    for html_path in _articles(site_dir):
        page = read_page(html_path, site_dir)
        assert page is not None
        assert page.title in contents, f"contents lacks {page.title!r}"
        assert text.count(page.title) >= 2, f"booklet lacks the chapter {page.title!r}"
    for title in ("Glossary", "sources"):
        assert title.lower() in text.lower()


def test_page_size_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("B12_PDF_PAGE_SIZE", raising=False)
    assert page_size_setting() == "a4"
    monkeypatch.setenv("B12_PDF_PAGE_SIZE", "Letter")
    assert page_size_setting() == "letter"
    assert page_size_setting("a4") == "a4"


def test_qr_code_is_svg() -> None:
    assert qr_svg_uri("https://example.org/x/").startswith("data:image/svg+xml")


def test_no_leftover_temporary_files(site_dir: Path) -> None:
    leftovers = [p.name for p in (site_dir / "pdf").iterdir() if p.name.startswith(".")]
    leftovers += [p.name for p in (site_dir / "download").iterdir() if p.name.startswith(".")]
    assert not leftovers


def test_a_failing_pdf_names_its_page_and_leaves_nothing(tmp_path: Path) -> None:
    from scripts.pdf import Job, PdfError, render

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
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*.part"))
