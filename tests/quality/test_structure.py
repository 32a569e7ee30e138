"""Structured data (JSON-LD), canonical and Open Graph tags, headings, sitemap, robots."""

from __future__ import annotations

from pathlib import Path

from macros.loader import load_site
from scripts.quality import structure
from scripts.quality.common import ROOT, write_report


def test_structured_data_and_structure(built_site: Path, summary: list[str]) -> None:
    report = structure.check_site(built_site)
    write_report("structure", report)
    problems = structure.failures(report)
    articles = [rel for rel, e in report["pages"].items() if e["kind"] == "article"]
    # The build record's article pages are the pages under articles/ but its index.
    assert set(articles) == {
        rel
        for rel in report["pages"]
        if rel.startswith("articles/") and rel != "articles/index.html"
    }
    faq = [rel for rel, e in report["pages"].items() if "FAQPage" in e["json_ld_types"]]
    summary.append(
        f"structure: {len(problems)} problems; {len(articles)} articles with "
        f"MedicalWebPage; {len(faq)} pages with FAQPage"
    )
    assert len(articles) == len(load_site(ROOT / "data").articles)
    assert "help/faq/index.html" in faq
    assert not problems, "\n".join(problems)


def test_heading_check_catches_a_skipped_level(broken_site: Path) -> None:
    report = structure.check_site(broken_site, site_url="https://example.invalid/")
    problems = report["pages"]["index.html"]["problems"]
    assert any("no build record" in p for p in report["site"])  # not silently no articles
    assert any("heading level skipped: h1 then h3" in p for p in problems), problems
    assert not any("heading" in p for p in report["pages"]["other/index.html"]["problems"])
