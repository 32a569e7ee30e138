"""The preview: only the changed pages, the files they load, and the changed PDFs."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from scripts.quality.html_reader import MainText

from .changes import SiteDiff
from .pages import html_pages, page_url
from .report import summary_line

_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")#?:]+)")


def _loads(page: Path) -> list[str]:
    """The local files a page names in its ``href`` and ``src`` attributes (read by the
    shared HTML reader), without their query or fragment."""
    refs = []
    for wrapper in MainText.read(page).doc.query_all("[href], [src]"):
        for name in ("href", "src"):
            value = re.split(r"[#?]", wrapper.etree_element.get(name) or "", maxsplit=1)[0]
            if value and ":" not in value:
                refs.append(value)
    return refs


def _needed(page: Path, site: Path) -> set[Path]:
    """The files of ``site`` a page loads: stylesheets, scripts, images, fonts (and the
    files its stylesheets load)."""
    found: set[Path] = set()
    todo = [(page, ref) for ref in _loads(page)]
    while todo:
        path, ref = todo.pop()
        target = (path.parent / ref).resolve()
        if target.suffix == ".html" or not target.is_file() or target in found:
            continue
        if not target.is_relative_to(site.resolve()):
            continue
        found.add(target)
        if target.suffix == ".css":
            css = target.read_text(encoding="utf-8", errors="replace")
            todo += [(target, url) for url in _CSS_URL.findall(css)]
    return found


def write_preview(diff: SiteDiff, site: Path, dest: Path) -> int:
    """Copy the changed and added pages with what they load, and the changed PDFs, into
    ``dest`` with an index of them; return how many files it holds (0: nothing changed)."""
    shutil.rmtree(dest, ignore_errors=True)
    if diff.empty():
        return 0
    pages = html_pages(site)
    by_url = {page_url(rel): rel for rel in pages}
    files: set[Path] = set()
    urls = [c.url for c in diff.changed] + [v.url for v in diff.added]
    for url in urls:
        page = pages[by_url[url]].resolve()
        files |= {page, *_needed(page, site)}
    pdfs = [p.name for p in diff.pdfs_changed] + diff.pdfs_added
    files |= {(site / "pdf" / name).resolve() for name in pdfs}
    root = site.resolve()
    for path in files:
        target = dest / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    links = [
        f'<li><a href="{html.escape(by_url[url])}">{html.escape(url)}</a></li>' for url in urls
    ] + [f'<li><a href="pdf/{html.escape(n)}">pdf/{html.escape(n)}</a></li>' for n in pdfs]
    (dest / "changed-pages.html").write_text(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Changed pages</title>'
        f"<h1>Changed pages</h1><p>{html.escape(summary_line(diff))}.</p>"
        f"<ul>{''.join(links)}</ul></html>\n",
        encoding="utf-8",
    )
    return len(files) + 1
