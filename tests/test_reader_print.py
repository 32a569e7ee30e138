"""The large-print editions have no near-empty pages (issue 17): every page but the last
is at least two-thirds full. Read from the PDFs `make site` built, with a negative
control rendered here: the same measure finds the page a forced break leaves half empty.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from .conftest import ROOT

MM = 72 / 25.4
#: The large print's page margins (overrides/print/large-print.css: 18 mm top, 20 mm bottom).
TOP, BOTTOM = 18 * MM, 20 * MM
#: A page (but the last) may leave at most this share of its text area blank at its foot.
MOST_BLANK = 1 / 3


def blank_shares(pdf: bytes | Path) -> list[float]:
    """Per page, the share of the text area below its last line of text or box."""
    shares = []
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    with pdfplumber.open(source) as doc:
        for page in doc.pages:
            top, bottom = TOP, page.height - BOTTOM
            inside = [
                item["bottom"]
                for item in (*page.extract_words(), *page.rects)
                if top - 2 < item["top"] and item["bottom"] < bottom + 2
            ]
            last = max(inside, default=top)
            shares.append((bottom - last) / (bottom - top))
    return shares


def near_empty(shares: list[float]) -> list[int]:
    """Page numbers (from 1), but the last, whose foot is blank for more than MOST_BLANK."""
    return [n for n, share in enumerate(shares[:-1], start=1) if share > MOST_BLANK]


def test_no_large_print_page_is_near_empty(site_dir: Path) -> None:
    editions = sorted((site_dir / "pdf").glob("*-large-print.pdf"))
    assert editions, "no large-print PDFs: run `make site`"
    problems = {
        path.name: [f"page {n}: {blank_shares(path)[n - 1]:.0%} blank" for n in pages]
        for path in editions
        if (pages := near_empty(blank_shares(path)))
    }
    assert not problems, problems


@pytest.mark.build
def test_negative_control_a_half_empty_page_is_found() -> None:
    """A forced page break before "What you can do" leaves the first page half empty."""
    from weasyprint import CSS, HTML

    from scripts.pdf import EDITION_CSS, components_for, leaflet_html, load_model

    model = load_model(ROOT)
    article = next(iter(model.site.articles.values()))
    html = leaflet_html(
        model.site, components_for(model.site), model.settings, article, "large-print"
    )
    forced = CSS(
        string="@page { size: A4; } section:has(> .b12-list--steps) { break-before: page; }"
    )
    pdf = HTML(string=html, base_url=str(ROOT)).write_pdf(
        stylesheets=[CSS(filename=str(EDITION_CSS["large-print"])), forced]
    )
    assert 1 in near_empty(blank_shares(pdf))
