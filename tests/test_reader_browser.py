"""Browser tests that see what readers see (issue 17): a phone of 390 x 844 CSS px with
touch, at 100 % and at 200 % text size, and a 1280 px laptop at 400 % zoom.

How text size is set. A browser's text-size setting (Chrome's Settings > Appearance >
Font size, the default font size of the page's WebPreferences) changes the size of
``medium``, the size that ``rem`` and ``em`` start from, *including* in media and
container queries, which use the initial font size rather than the page's root style.
The DevTools protocol sets exactly that preference, per page: ``Page.setFontSizes``
(standard 32 px instead of 16 = 200 %). Zooming (``device_scale_factor``) or setting the
root element's style would not do the same: zoom also scales the icons and the layout
width, and a root style leaves ``em`` media queries where they were. 400 % zoom of a
1280 x 800 window is a 320 x 200 CSS px viewport at 100 % text (WCAG 1.4.10).

Each check has a negative control: the same measurement reports the fault when it is
put back into the page (a wide table, Material's old header, the answer pushed down).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts.quality.common import serve

from .conftest import real_data

DATA = real_data()
PHONE = {"width": 390, "height": 844}
LAPTOP_400 = {"width": 320, "height": 200}
DEFAULT_FONT_PX = 16
TABLE_PAGES = ["guides/food-sources/", "guides/comparisons/", "guides/tests/"]
ARTICLES = [f"articles/{slug}/" for slug in (DATA.articles if DATA else [])]
#: A sticky element may take at most this share of the screen's height.
STICKY_SHARE = 0.2


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site, served on a free port of 127.0.0.1."""
    with serve(site_dir) as base:
        yield base + "/"


class Screens:
    """One page per screen (viewport and text size), used again from test to test: each
    test gets a fresh document (a new load, not a reload) with the site's storage emptied,
    without the cost of a browser page of its own."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.pages: dict[tuple[int, int, float], Any] = {}

    def open(self, url: str, text: float, viewport: dict[str, int]) -> Any:
        key = (viewport["width"], viewport["height"], text)
        page = self.pages.get(key)
        if page is None or page.is_closed():
            if page is not None:
                page.context.close()
            page = self.pages[key] = new_page(self.browser, text, viewport)
        else:
            close(page)  # if the last test did not
        page.goto(url, wait_until="load")
        page.evaluate("() => document.fonts.ready")
        assert text_scale(page) == pytest.approx(text), "the text size did not hold"
        return page

    def close_all(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def screens(browser: Any) -> Iterator[Screens]:
    found = Screens(browser)
    yield found
    found.close_all()


def new_page(browser: Any, text: float, viewport: dict[str, int]) -> Any:
    """A page in a context of its own: ``viewport`` (touch and mobile when it is a phone),
    the browser's default font size at ``text`` times 16 px (Page.setFontSizes, the
    browser's own text-size setting; see the module's docstring)."""
    phone = viewport["width"] < 500 and viewport["height"] > 500
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Page.enable")
    size = round(DEFAULT_FONT_PX * text)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": size, "fixed": round(13 * text)}})
    return page


def open_page(
    screens: Screens, url: str, text: float = 1.0, viewport: dict[str, int] = PHONE
) -> Any:
    """The page of that screen (``Screens``) at ``url``."""
    return screens.open(url, text, viewport)


def close(page: Any) -> None:
    """Done with a page: the site's storage emptied and the page left for a blank one (so
    the next test's load is a new visit, not a reload that keeps the scroll position)."""
    if page.url.startswith("http"):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        page.goto("about:blank")


def text_scale(page: Any) -> float:
    """The page's text size against 100 % (Material's root is 125 % of the default)."""
    px = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    return float(px) / (DEFAULT_FONT_PX * 1.25)


# ---- Tables that fit a phone ----

# Every table cell, caption and figure that does not fit inside the window: wider than
# it, reaching past either edge, or cut off by a box that scrolls or clips it sideways.
_OFF_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  const parts = document.querySelectorAll(
    '.md-content table caption, .md-content table th, .md-content table td, '
    + '.md-content figure, .md-content figcaption');
  for (const el of parts) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || r.width < 2) continue;
    if (el.closest('thead') && getComputedStyle(el.closest('thead')).position === 'absolute'
        && el.closest('thead').getBoundingClientRect().width <= 1) continue;
    let why = '';
    if (r.width > width + 1) why = 'wider than the window';
    else if (r.left < -1 || r.right > width + 1) why = 'past the edge of the window';
    for (let box = el.parentElement; box && !why; box = box.parentElement) {
      const b = box.getBoundingClientRect();
      const bs = getComputedStyle(box);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(bs.overflowX)
          && (r.left < b.left - 1 || r.right > b.right + 1)) why = 'cut off by ' + box.className;
    }
    if (why) out.push({part: el.tagName.toLowerCase(), why,
      text: el.innerText.trim().slice(0, 50), left: Math.round(r.left),
      right: Math.round(r.right), width});
  }
  return {parts: parts.length, out,
          sideways: document.documentElement.scrollWidth > width};
}"""

# A table as it was before: 32rem wide at least, scrolling inside its box.
_WIDE_TABLE = """() => {
  const box = document.createElement('div');
  box.className = 'b12-table-scroll';
  box.innerHTML = '<table class="b12-table"><caption>An injected wide table</caption>'
    + '<tr><th>Food</th><th>Serving</th><th>B12 (mcg)</th><th>% Daily Value</th>'
    + '<th>Vegan</th></tr><tr><td>Beef liver</td><td>3 ounces</td><td>70.7</td>'
    + '<td>2,944</td><td>No</td></tr></table>';
  document.querySelector('.md-content h1').after(box);
}"""


@pytest.mark.parametrize("text", [1.0, 2.0], ids=["text-100", "text-200"])
@pytest.mark.parametrize("path", TABLE_PAGES)
def test_no_table_cell_or_caption_is_off_screen(
    screens: Screens, base_url: str, path: str, text: float
) -> None:
    """At 390 px with touch, every cell and caption is whole on screen: tables that would
    not fit become stacked blocks, nothing scrolls sideways."""
    page = open_page(screens, base_url + path, text)
    try:
        assert text_scale(page) == pytest.approx(text)
        found = page.evaluate(_OFF_SCREEN)
        assert not found["out"], found["out"][:5]
        assert not found["sideways"]
        if path != "guides/tests/":
            assert found["parts"] > 10  # the page has its tables
    finally:
        close(page)


@pytest.mark.parametrize("text", [1.0, 2.0], ids=["text-100", "text-200"])
def test_negative_control_a_wide_table_is_found(
    screens: Screens, base_url: str, text: float
) -> None:
    page = open_page(screens, base_url + "guides/food-sources/", text)
    try:
        page.evaluate(_WIDE_TABLE)
        found = page.evaluate(_OFF_SCREEN)
        assert any("injected" in o["text"] or "cut off" in o["why"] for o in found["out"])
    finally:
        close(page)


def test_stacked_cells_carry_their_column_names(screens: Screens, base_url: str) -> None:
    """On the phone each cell of a stacked row shows its column's name (hidden from
    screen readers, which keep the table's own column headers)."""
    page = open_page(screens, base_url + "guides/food-sources/", 2.0)
    try:
        row = page.locator(".b12-food-table tbody tr").first
        assert row.evaluate("r => getComputedStyle(r).display") == "block"
        labels = row.locator(".b12-table__label")
        assert labels.all_inner_texts() == ["Serving", "B12 (mcg)", "% Daily Value", "Vegan"]
        assert labels.first.get_attribute("aria-hidden") == "true"
        # the table stays a table (its semantics kept), its header row only out of sight
        table = page.locator(".b12-food-table")
        assert table.evaluate("t => getComputedStyle(t).display") == "table"
        assert page.locator(".b12-food-table thead th").first.inner_text() == "Food"
    finally:
        close(page)
    wide = open_page(
        screens, base_url + "guides/food-sources/", 1.0, {"width": 1280, "height": 800}
    )
    try:  # on a laptop the table is a table, and the labels are not shown
        row = wide.locator(".b12-food-table tbody tr").first
        assert row.evaluate("r => getComputedStyle(r).display") == "table-row"
        assert not row.locator(".b12-table__label").first.is_visible()
    finally:
        close(wide)


# ---- Text that grows: the sticky header ----

# The header's height, whether it stays on screen when the page scrolls, and how many
# lines its longest word needs (a title one letter per line has words of many lines).
_HEADER = """async () => {
  const header = document.querySelector('.md-header');
  window.scrollTo(0, document.documentElement.scrollHeight / 2);
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const r = header.getBoundingClientRect();
  return {height: r.height, onScreen: r.bottom > 1, screen: window.innerHeight};
}"""

# Material's own header back: icons sized with the text, the name always shown, words
# broken anywhere (what made the title one letter per line).
_OLD_HEADER = """
.md-header__button.md-icon { padding: .4rem !important; margin: .2rem !important; }
.md-header__button.md-icon svg { width: 1.2rem !important; height: 1.2rem !important; }
.md-header__title .md-header__ellipsis { display: grid !important; }
.md-header .md-ellipsis { overflow-wrap: anywhere !important; }
.b12-palette__text { display: none !important; }
.md-header { position: sticky !important; }
"""

HEADER_CASES = [
    ("phone-text-100", PHONE, 1.0),
    ("phone-text-150", PHONE, 1.5),
    ("phone-text-200", PHONE, 2.0),
    ("laptop-zoom-400", LAPTOP_400, 1.0),
]


@pytest.mark.parametrize(("viewport", "text"), [c[1:] for c in HEADER_CASES],
                         ids=[c[0] for c in HEADER_CASES])  # fmt: skip
@pytest.mark.parametrize("path", ["", "articles/b12-and-muscle-stiffness/", "guides/comparisons/"])
def test_sticky_header_takes_at_most_a_fifth_of_the_screen(
    screens: Screens, base_url: str, path: str, viewport: dict[str, int], text: float
) -> None:
    page = open_page(screens, base_url + path, text, viewport)
    try:
        found = page.evaluate(_HEADER)
        if found["onScreen"]:
            assert found["height"] <= STICKY_SHARE * found["screen"], found
    finally:
        close(page)


def test_negative_control_materials_header_is_too_tall(screens: Screens, base_url: str) -> None:
    page = open_page(screens, base_url + "articles/b12-and-muscle-stiffness/", 2.0)
    try:
        page.add_style_tag(content=_OLD_HEADER)
        found = page.evaluate(_HEADER)
        assert found["onScreen"] and found["height"] > STICKY_SHARE * found["screen"], found
    finally:
        close(page)


def test_the_colour_switch_is_labelled_in_words(screens: Screens, base_url: str) -> None:
    page = open_page(screens, base_url, 2.0)
    try:
        switch = page.locator(".b12-palette:visible")
        assert switch.inner_text().strip() in ("Dark mode", "Light mode")
    finally:
        close(page)


# ---- The answer first ----

# Where the article's quick summary and its first line of answer sit on the first screen.
_SUMMARY = """() => {
  const box = document.querySelector('.md-content .b12-summary');
  const answer = box.querySelector('p:last-child');
  const range = document.createRange();
  range.selectNodeContents(answer);
  const first = range.getClientRects()[0];
  const r = box.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, firstLineBottom: first.bottom,
          screen: window.innerHeight};
}"""

# An article's top as it was: four lines of review status and a tall block of buttons.
_PUSH_DOWN = """() => {
  const block = document.createElement('div');
  block.style.height = '42em';
  document.querySelector('.md-content h1').after(block);
}"""


@pytest.mark.parametrize("path", ARTICLES)
def test_first_screen_holds_the_summary(screens: Screens, base_url: str, path: str) -> None:
    """At 390 x 844 the whole quick summary is on the first screen; at 200 % text it
    starts there, with at least its first line of answer."""
    page = open_page(screens, base_url + path)
    try:
        found = page.evaluate(_SUMMARY)
        assert found["bottom"] <= found["screen"], found
    finally:
        close(page)
    page = open_page(screens, base_url + path, 2.0)
    try:
        found = page.evaluate(_SUMMARY)
        assert found["firstLineBottom"] <= found["screen"], found
    finally:
        close(page)


def test_negative_control_a_summary_pushed_down_is_found(screens: Screens, base_url: str) -> None:
    page = open_page(screens, base_url + ARTICLES[0])
    try:
        page.evaluate(_PUSH_DOWN)
        found = page.evaluate(_SUMMARY)
        assert found["bottom"] > found["screen"], found
    finally:
        close(page)


# ---- Shorter pages and small text ----

_CITES = """() => {
  const body = parseFloat(getComputedStyle(document.querySelector('.md-content .md-typeset')).fontSize);
  const marks = [...document.querySelectorAll('.md-content sup.b12-cite')];
  return {
    body,
    smallest: Math.min(...marks.map(m => parseFloat(getComputedStyle(m.querySelector('a')).fontSize))),
    links: Math.max(...marks.map(m => m.querySelectorAll('a').length)),
    inHeadings: document.querySelectorAll('.md-content th .b12-cite, .md-content h2 .b12-cite').length,
    faq: [...document.querySelectorAll('.b12-faq__item > summary, .b12-faq__item > p')]
      .map(e => parseFloat(getComputedStyle(e).fontSize)),
    faqIcon: [...document.querySelectorAll('.b12-faq__item > summary')]
      .map(e => getComputedStyle(e, '::before').display).filter(d => d !== 'none').length,
    refUrls: [...document.querySelectorAll('.b12-refs li')]
      .filter(li => /https?:\\/\\//.test(li.innerText)).length,
  };
}"""


@pytest.mark.parametrize("path", ["articles/b12-and-muscle-stiffness/", "guides/comparisons/"])
def test_citations_faq_and_sources_are_readable_and_short(
    screens: Screens, base_url: str, path: str
) -> None:
    """One citation marker per citation, in type at least 75 % of the body's (not 9 px
    digits); none in a table heading; FAQ questions and answers at body size with no
    icon; sources as titles, their web addresses not shown on screen."""
    page = open_page(screens, base_url + path)
    try:
        found = page.evaluate(_CITES)
        assert found["links"] == 1, found
        assert found["smallest"] >= 0.75 * found["body"], found
        assert found["inHeadings"] == 0, found
        assert all(size == pytest.approx(found["body"]) for size in found["faq"]), found
        assert found["faqIcon"] == 0, found
        assert found["refUrls"] == 0, found
    finally:
        close(page)


_POLISH = """() => {
  const c = getComputedStyle(document.querySelector('.md-content h1')).color;
  const floating = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return s.position === 'fixed' && r.height > 0 && s.opacity !== '0'
      && s.visibility !== 'hidden' && r.right > 0 && r.left < innerWidth
      && r.bottom > 0 && r.top < innerHeight;
  }).map(e => e.className || e.tagName);
  return {colour: c, floating};
}"""


def dark_enough(colour: str) -> bool:
    """Near black (each channel at most 60 of 255) and at least 85 % opaque: not grey."""
    channels = [float(c) for c in colour[colour.index("(") + 1 : -1].split(",")]
    alpha = channels[3] if len(channels) == 4 else 1.0
    return max(channels[:3]) <= 60 and alpha >= 0.85


def test_title_is_dark_and_nothing_floats_over_text(screens: Screens, base_url: str) -> None:
    """The page title is near black; no fixed box (such as a back-to-top pill) sits over
    the text while the page scrolls (a closed drawer, being off screen, does not count)."""
    page = open_page(screens, base_url + ARTICLES[0])
    try:
        page.evaluate("() => window.scrollTo(0, 2000)")
        found = page.evaluate(_POLISH)
        assert dark_enough(found["colour"]), found
        assert found["floating"] == [], found
        assert page.locator(".md-top").count() == 0
    finally:
        close(page)


def test_negative_control_grey_title_and_floating_pill_are_found(
    screens: Screens, base_url: str
) -> None:
    page = open_page(screens, base_url + ARTICLES[0])
    try:
        page.add_style_tag(
            content=".md-typeset h1 { color: var(--md-default-fg-color--light) !important; }"
        )
        page.evaluate(
            """() => { const pill = document.createElement('div');
                 pill.textContent = 'Back to top';
                 pill.style.cssText = 'position:fixed;top:60px;left:40%;padding:8px';
                 document.body.append(pill); }"""
        )
        found = page.evaluate(_POLISH)
        assert not dark_enough(found["colour"]), found
        assert found["floating"], found
    finally:
        close(page)


# ---- First load ----


@pytest.mark.xfail(
    strict=True,
    reason="over 70 KB (75.4 KB on the reader branch, 78.2 KB with the glossary script): "
    "Material's own CSS and JS are 57.8 KB gzip and its palette CSS 2.1 KB before any page; "
    "shorter articles are what can bring it under. Strict: remove this mark once it passes.",
)
def test_article_first_load_is_at_most_70_kb(site_dir: Path) -> None:
    """An article's HTML with the CSS and JS it loads, gzip, as `make bench` measures it
    (scripts/bench/weight.py first_load)."""
    from scripts.bench.weight import article_page, first_load

    found = first_load(site_dir, article_page(site_dir))
    assert found["gzip_kb"] <= 70, found


# --- Targets a thumb can hit: the vegan filter, the emergency numbers ----------------------


@pytest.mark.parametrize("text", [1.0, 2.0])
def test_the_vegan_filter_is_a_44px_target_that_filters(
    screens: Screens, base_url: str, text: float
) -> None:
    """Tapping anywhere on the filter's line (not only its box) shows the vegan foods only;
    the line is at least 44 px high (WCAG 2.5.5)."""
    page = open_page(screens, base_url + "guides/food-sources/", text)
    line = page.locator(".b12-filter")
    box = line.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44, box
    meat = page.locator('tr[data-vegan="no"]').first
    assert meat.is_visible()
    page.tap(".b12-filter", position={"x": box["width"] - 10, "y": box["height"] / 2})
    assert page.locator(".b12-filter__box").is_checked()
    assert not meat.is_visible()  # control: the tap reached the box through its label
    close(page)


def test_emergency_numbers_dial_from_the_care_headings(screens: Screens, base_url: str) -> None:
    """The emergency level's heading, on the home page and at the top of a symptom page,
    links each emergency number (data/care.yml) as a number to call."""
    assert DATA is not None
    numbers = [n.number for n in DATA.care.emergency_numbers]
    for url, heading in (("", "#care-emergency"), ("symptoms/numbness/", "#urgency-emergency")):
        page = open_page(screens, base_url + url)
        links = page.locator(f"{heading} a[href^='tel:']")
        assert links.evaluate_all("els => els.map(e => e.getAttribute('href'))") == [
            f"tel:{n}" for n in numbers
        ], url
        close(page)
