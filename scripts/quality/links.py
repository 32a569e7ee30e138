"""A strict link checker over the built site (written here with html.parser: the
PyPI link checkers need network access or cannot check #anchors in local files).

Every internal link (a, link, img, script, source, iframe; absolute links to site_url
count as internal) must resolve to a file in site/, and every #fragment to an id (or
<a name>) in the target page. sitemap.xml URLs must resolve too. External links found
in the pages are listed, not fetched (CI has no internet). Every external link in data/
must be https and well formed.

    python -m scripts.quality.links    # writes build/reports/links.json
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from pydantic import BaseModel

from macros.loader import FILES
from scripts import config
from scripts.quality.common import site_dir, write_report

LINK_ATTRS = {
    "a": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "source": ("src",),
    "iframe": ("src",),
    "area": ("href",),
}
BASE = "http://site.invalid/"


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str, str]] = field(default_factory=list)  # line, tag, url


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"] or "")
        for attr in LINK_ATTRS.get(tag, ()):
            url = values.get(attr)
            if url is not None:
                if tag == "link" and (values.get("rel") or "") in ("preconnect", "dns-prefetch"):
                    continue
                self.page.links.append((self.getpos()[0], tag, url.strip()))
        if tag == "meta" and values.get("property") == "og:url" and values.get("content"):
            self.page.links.append((self.getpos()[0], "meta", values["content"] or ""))


def parse(path: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


def _target(site: Path, path: str) -> Path | None:
    """The file a site path (no host) names, or None."""
    rel = unquote(path).lstrip("/")
    candidate = site / rel
    if rel == "" or rel.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_site(site: Path, site_url: str | None = None) -> dict[str, Any]:
    site_url = config.site_url() if site_url is None else site_url
    pages = {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}
    broken: list[dict[str, Any]] = []
    external: dict[str, list[str]] = {}
    checked = 0

    def resolve(source: str, line: int, tag: str, url: str) -> None:
        nonlocal checked
        if url == "" or url.startswith(("mailto:", "tel:", "data:", "javascript:")):
            return
        if site_url and url.startswith(site_url):
            url = "/" + url[len(site_url) :]
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") or url.startswith("//"):
            external.setdefault(url, []).append(source)
            return
        checked += 1
        page_base = urljoin(BASE, PurePosixPath(source).as_posix())
        absolute = urlsplit(urljoin(page_base, url))
        target = _target(site, absolute.path)
        problem = None
        if target is None:
            problem = "no such file"
        elif parts.fragment and parts.fragment != "top" and target.suffix == ".html":
            rel = target.relative_to(site).as_posix()
            ids = pages[rel].ids if rel in pages else parse(target).ids
            if unquote(parts.fragment) not in ids:
                problem = f"no id '{unquote(parts.fragment)}' in {rel}"
        if problem:
            broken.append(
                {"page": source, "line": line, "tag": tag, "url": url, "problem": problem}
            )

    for source, page in pages.items():
        for line, tag, url in page.links:
            resolve(source, line, tag, url)
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        for loc in ET.parse(sitemap).getroot().findall("s:url/s:loc", ns):
            resolve("sitemap.xml", 0, "loc", (loc.text or "").strip())
    return {
        "pages": len(pages),
        "internal_links_checked": checked,
        "broken": broken,
        "external_links_in_pages": sorted(external),
    }


_URL_LIKE = re.compile(r"^[a-z][a-z0-9+.-]*://|^www\.", re.I)
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.I)


def url_problem(url: str, schemes: tuple[str, ...] = ("https",)) -> str | None:
    """Why ``url`` is not a well-formed link in one of ``schemes``, or None."""
    parts = urlsplit(url)
    if parts.scheme not in schemes:
        return f"not {' or '.join(schemes)}"
    if not _HOST.match(parts.hostname or ""):
        return "bad host"
    if re.search(r"\s|[<>\"{}|\\^`]", url):
        return "space or unsafe character"
    if parts.username or parts.password:
        return "credentials in URL"
    return None


def check_data_urls() -> dict[str, Any]:
    """Every URL-looking string (and every `url` field) in the loaded data. A passage's
    ``via`` may be http: it records the address of the copy exactly as it was read."""
    found: list[dict[str, str]] = []
    bad: list[dict[str, str]] = []

    def walk(node: Any, where: str, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{where}.{k}", str(k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]", key)
        elif isinstance(node, str) and (key == "url" or _URL_LIKE.match(node.strip())):
            found.append({"where": where, "url": node})
            problem = url_problem(node, ("http", "https") if key == "via" else ("https",))
            if problem:
                bad.append({"where": where, "url": node, "problem": problem})
        elif isinstance(node, str):  # a URL inside prose
            for inline in re.findall(r"(?:https?|ftp)://[^\s)\]>\"']+|\bhttp://\S+", node):
                if inline != node and url_problem(inline):
                    bad.append(
                        {"where": where, "url": inline, "problem": url_problem(inline) or ""}
                    )

    site = config.site_data()
    for name in FILES:
        value = getattr(site, name)
        items = list(value.values()) if isinstance(value, dict) else value
        walk(_plain(items), f"{name}.yml")
    return {"urls": len(found), "bad": bad}


def _plain(value: Any) -> Any:
    """Loaded items as plain lists, dicts and text, for walking."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def main() -> int:
    report = check_site(site_dir())
    report["data"] = check_data_urls()
    write_report("links", report)
    print(
        f"links: {len(report['broken'])} broken of {report['internal_links_checked']} "
        f"internal links over {report['pages']} pages; "
        f"{len(report['external_links_in_pages'])} external links listed (not fetched); "
        f"data: {len(report['data']['bad'])} bad of {report['data']['urls']} URLs"
    )
    for b in report["broken"]:
        print(f"  {b['page']}:{b['line']}: {b['url']} — {b['problem']}")
    for b in report["data"]["bad"]:
        print(f"  data/{b['where']}: {b['url']} — {b['problem']}")
    return 1 if report["broken"] or report["data"]["bad"] else 0


if __name__ == "__main__":
    sys.exit(main())
