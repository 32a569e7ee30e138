"""Browser checks in Debian's chromium through Playwright: axe-core (light and dark, at each
of the SCREENS sizes: 1280x900, 1280x720 and a 390x844 phone) and reflow/zoom (320 CSS px,
200% zoom, 200% text size).

    python -m scripts.quality.browser        # writes build/reports/axe.json, reflow.json
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from scripts.browser import launch
from scripts.quality.common import (
    ROOT,
    SCREENS,
    html_pages,
    page_url,
    serve,
    site_dir,
    write_report,
)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}
#: What a colour scheme changes: colours alone (the page, its names, roles, order and
#: layout are the same), so after the first scheme's full run the others run these rules.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

# Horizontal overflow and clipped text, measured in the page. Scroll boxes (tables) may
# scroll inside themselves; anything that hides overflowing text is reported.
_MEASURE = """
() => {
  const doc = document.documentElement;
  const clipped = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 2 && r.height > 2 && s.visibility !== 'hidden' && s.display !== 'none'
      && !el.closest('[hidden], .md-sidebar, .md-search, .md-dialog, .md-tooltip, '
                     + '[aria-hidden="true"]');
  };
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    const clipsX = ['hidden', 'clip'].includes(s.overflowX);
    const clipsY = ['hidden', 'clip'].includes(s.overflowY);
    if (!clipsX && !clipsY) continue;
    if (!el.innerText || !el.innerText.trim() || !visible(el)) continue;
    const overX = clipsX && el.scrollWidth > el.clientWidth + 1;
    const overY = clipsY && el.scrollHeight > el.clientHeight + 1;
    if (overX || overY) {
      clipped.push({
        element: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
          + (el.className && typeof el.className === 'string'
             ? '.' + el.className.trim().split(/\\s+/).join('.') : ''),
        text: el.innerText.trim().slice(0, 60),
        scroll: [el.scrollWidth, el.scrollHeight], client: [el.clientWidth, el.clientHeight],
      });
    }
  }
  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, clipped};
}
"""

REFLOW_MODES: dict[str, dict[str, Any]] = {
    # WCAG 1.4.10: 320 CSS px wide (a 1280 px window at 400%).
    "320px": {"viewport": {"width": 320, "height": 640}, "scale": 1, "text": 1.0},
    # WCAG 1.4.4: browser zoom at 200% of a 1280 px window = 640 CSS px.
    "zoom-200": {"viewport": {"width": 640, "height": 400}, "scale": 2, "text": 1.0},
    # WCAG 1.4.4: text-only resize to 200% on a phone-sized window.
    "text-200": {"viewport": {"width": 360, "height": 740}, "scale": 1, "text": 2.0},
}


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            yield browser
        finally:
            browser.close()


def _goto(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")


_AXE_RUN = """async (only) => {
  const r = await axe.run(document, {runOnly: only, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    tags: v.tags, nodes: v.nodes.map(n => ({target: n.target.join(' '),
      summary: n.failureSummary, html: n.html.slice(0, 200)}))}));
}"""

# Choose a colour scheme as a reader does, with the header's switch (Material then sets
# the body's data-md-color-* attributes, as it does at load for a dark-mode browser).
# False when the page has no switch for that scheme.
_SWITCH = """(scheme) => {
  const input = document.querySelector(
    `form[data-md-component=palette] input[data-md-color-scheme="${scheme}"]`);
  if (!input) return false;
  input.click();
  return true;
}"""


def _scheme(page: Page) -> str | None:
    value = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    return None if value is None else str(value)


def run_axe(
    browser: Browser,
    urls: list[str],
    schemes: list[str],
    screen: str = "1280x900",
    extra_css: str = "",
    rules: list[str] | None = None,
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """axe-core WCAG 2.0/2.1/2.2 A+AA violations per colour scheme and URL at one screen
    size: every rule, or the screen's own (``SCREENS``), or ``rules``. ``extra_css``
    (added to each page before axe runs) and ``rules`` are for negative controls.

    Each page loads once, in the first scheme (the browser's preference), and every rule
    runs; the other schemes are then chosen with the page's own switch, and the rules a
    colour scheme can change (``COLOUR_RULES``) run again. A page without a switch has one
    look: its result stands for every scheme."""
    size = SCREENS[screen]
    rules = rules if rules is not None else (list(size.rules) if size.rules else None)
    first = schemes[0]
    context = browser.new_context(
        color_scheme="dark" if first == "dark" else "light",
        viewport={"width": size.width, "height": size.height},
        is_mobile=size.mobile,
        has_touch=size.mobile,
    )
    # axe-core in every page the context loads, before the page's own scripts: once here,
    # not sent over again with each page (two fifths of a page's time).
    context.add_init_script(path=str(AXE))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    colours = {"type": "rule", "values": [r for r in rules or COLOUR_RULES if r in COLOUR_RULES]}
    page = context.new_page()
    results: dict[str, dict[str, list[dict[str, Any]]]] = {scheme: {} for scheme in schemes}
    try:
        for url in urls:
            _goto(page, url)
            actual = _scheme(page)
            if actual not in (None, SCHEMES[first]):
                raise AssertionError(f"{url}: asked for {first}, page shows scheme {actual}")
            if extra_css:
                page.add_style_tag(content=extra_css)
            results[first][url] = page.evaluate(_AXE_RUN, only)
            for scheme in schemes[1:]:
                if not page.evaluate(_SWITCH, SCHEMES[scheme]):
                    results[scheme][url] = results[first][url]
                    continue
                page.wait_for_function(
                    "(s) => document.body.getAttribute('data-md-color-scheme') === s",
                    arg=SCHEMES[scheme],
                )
                results[scheme][url] = page.evaluate(_AXE_RUN, colours) if colours["values"] else []
            page.evaluate("() => localStorage.clear()")  # the next page loads as the first
    finally:
        context.close()
    return results


def run_reflow(browser: Browser, urls: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """Horizontal scroll and clipped text per URL in each REFLOW_MODES mode."""
    results: dict[str, dict[str, dict[str, Any]]] = {url: {} for url in urls}
    for mode, spec in REFLOW_MODES.items():
        context = browser.new_context(
            viewport=spec["viewport"], device_scale_factor=spec["scale"], is_mobile=False
        )
        page = context.new_page()
        try:
            for url in urls:
                _goto(page, url)
                if spec["text"] != 1.0:
                    page.evaluate(
                        """(f) => { const h = document.documentElement;
                           const px = parseFloat(getComputedStyle(h).fontSize);
                           h.style.fontSize = (px * f) + 'px'; }""",
                        spec["text"],
                    )
                    # after the next rendered frame, when the page's own scripts
                    # (resize observers) have seen the new text size
                    page.evaluate(
                        "() => new Promise(r => requestAnimationFrame(() =>"
                        " requestAnimationFrame(r)))"
                    )
                measured = page.evaluate(_MEASURE)
                measured["sideways"] = measured["scrollWidth"] > measured["clientWidth"]
                results[url][mode] = measured
        finally:
            context.close()
    return results


def axe_failures(results: dict[str, dict[str, list[dict[str, Any]]]]) -> list[str]:
    return [
        f"{scheme} {url}: {v['id']} ({v['impact']}) {v['help']} — "
        + "; ".join(n["target"] for n in v["nodes"][:5])
        for scheme, pages in results.items()
        for url, violations in pages.items()
        for v in violations
    ]


def reflow_failures(results: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    out: list[str] = []
    for url, modes in results.items():
        for mode, m in modes.items():
            if m["sideways"]:
                out.append(
                    f"{mode} {url}: page scrolls sideways "
                    f"({m['scrollWidth']} > {m['clientWidth']} px)"
                )
            for c in m["clipped"]:
                out.append(f"{mode} {url}: text clipped in {c['element']} ({c['text']!r})")
    return out


def _axe_at(urls: list[str], screen: str) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """axe at one screen size, in a chromium of its own (Playwright objects belong to the
    thread that made them)."""
    with chromium() as browser:
        return run_axe(browser, urls, list(SCHEMES), screen)


def _reflow(urls: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    with chromium() as browser:
        return run_reflow(browser, urls)


def check_site(site: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run axe (each screen size, both schemes) and reflow over every page of ``site``.

    The screen sizes and reflow run at the same time, each in its own chromium: a page
    load mostly waits, time the other browsers use."""
    pages = html_pages(site)
    with serve(site) as base, ThreadPoolExecutor(max_workers=len(SCREENS) + 1) as pool:
        urls = [page_url(base, p) for p in pages]
        by_size = {screen: pool.submit(_axe_at, urls, screen) for screen in SCREENS}
        reflow_job = pool.submit(_reflow, urls)
        axe = {
            f"{screen} {scheme}": found
            for screen, job in by_size.items()
            for scheme, found in job.result().items()
        }
        reflow = reflow_job.result()
    strip = len(base)
    axe = {s: {u[strip:]: v for u, v in r.items()} for s, r in axe.items()}
    reflow = {u[strip:]: v for u, v in reflow.items()}
    return axe, reflow


def main() -> int:
    axe, reflow = check_site(site_dir())
    write_report("axe", axe)
    write_report("reflow", reflow)
    a, r = axe_failures(axe), reflow_failures(reflow)
    pages = len(reflow)
    print(f"axe: {len(a)} violations over {pages} pages x {len(axe)} sizes and schemes")
    print(f"reflow: {len(r)} problems over {pages} pages x {len(REFLOW_MODES)} modes")
    for line in a + r:
        print("  " + line)
    return 1 if a or r else 0


if __name__ == "__main__":
    sys.exit(main())
