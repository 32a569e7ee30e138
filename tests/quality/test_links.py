"""Every internal link and #anchor in site/ resolves; every URL in data/ is https."""

from __future__ import annotations

from pathlib import Path

from scripts.quality import links
from scripts.quality.common import write_report


def test_internal_links_and_anchors_resolve(built_site: Path, summary: list[str]) -> None:
    report = links.check_site(built_site)
    report["data"] = links.check_data_urls()
    write_report("links", report)
    summary.append(
        f"links: {len(report['broken'])} broken of "
        f"{report['internal_links_checked']} internal links and anchors; "
        f"data: {len(report['data']['bad'])} bad of {report['data']['urls']} URLs"
    )
    assert report["internal_links_checked"] > 100
    assert not report["broken"], "\n".join(
        f"{b['page']}:{b['line']}: {b['url']} — {b['problem']}" for b in report["broken"]
    )


def test_external_links_in_data_are_https_and_well_formed() -> None:
    report = links.check_data_urls()
    assert report["urls"] > 0
    assert not report["bad"], report["bad"]


def test_url_rules() -> None:
    assert links.url_problem("https://www.nhs.uk/conditions/x/") is None
    assert links.url_problem("http://www.nhs.uk/") == "not https"
    assert links.url_problem("https://nhs") == "bad host"
    assert links.url_problem("https://www.nhs.uk/a b") == "space or unsafe character"
    assert links.url_problem("http://www.nhs.uk/", ("http", "https")) is None
    assert links.url_problem("ftp://www.nhs.uk/", ("http", "https")) == "not http or https"


def test_link_checker_catches_dead_anchors(broken_site: Path) -> None:
    report = links.check_site(broken_site, site_url="https://example.invalid/")
    found = {(b["page"], b["url"]) for b in report["broken"]}
    assert ("index.html", "#no-such-section") in found
    assert ("index.html", "other/#missing") in found
    assert ("other/index.html", "../#no-such-section") in found
    assert ("index.html", "gone/") in found
    assert not any(b["url"] == "other/" for b in report["broken"])
