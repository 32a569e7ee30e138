"""Browser tests: medical words defined on tap, click or keyboard (issue 17, item 3).

On a 390x844 touch phone a marked word is a button that opens its plain definition in
place, with a link to its glossary entry; Enter and Space open it, Escape closes it;
at 200 % text the definition fits the screen; without JavaScript the word stays an
<abbr>. The glossary page has A-Z jump links to the letters that have words. Each check
has a negative control.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from scripts.quality.common import serve

from .conftest import real_data

pytestmark = pytest.mark.browser

DATA = real_data()
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
#: Pages with marked words from both sources: components (data-term) and page prose.
PAGES = ["articles/b12-deficiency-and-muscles/", "guides/tests/", "symptoms/paresthesia/"]
BUTTONS = ".md-content button.b12-def__term"


def definitions() -> dict[str, str]:
    """Each form of each glossary word, with its definition as the page shows it."""
    out: dict[str, str] = {}
    for term in DATA.glossary.values() if DATA else []:
        for form in (term.term, *term.aliases):
            out.setdefault(form, " ".join(term.definition.split()))
    return out


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as base:
        yield base + "/"


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], errors


def open_page(page: Any, base_url: str, path: str = PAGES[0]) -> Any:
    page.goto(base_url + path)
    buttons = page.locator(BUTTONS)
    assert buttons.count() > 0, f"no marked word became a button on {path}"
    return buttons


def box_of(page: Any, button: Any) -> Any:
    return page.locator("#" + button.get_attribute("aria-controls"))


def test_a_tap_shows_the_definition_in_place(phone: Any, base_url: str) -> None:
    button = open_page(phone, base_url).first
    word = button.inner_text()
    box = box_of(phone, button)
    assert button.get_attribute("aria-expanded") == "false"
    assert not box.is_visible()  # negative control: nothing shown before the tap
    button.evaluate("el => el.scrollIntoView({block: 'center'})")
    button.tap()
    assert button.get_attribute("aria-expanded") == "true"
    assert box.is_visible()
    assert definitions()[word] in " ".join(box.inner_text().split())
    button.tap()
    assert button.get_attribute("aria-expanded") == "false" and not box.is_visible()


def test_keyboard_opens_and_escape_closes(phone: Any, base_url: str) -> None:
    button = open_page(phone, base_url).first
    box = box_of(phone, button)
    button.focus()
    phone.keyboard.press("Enter")
    assert box.is_visible()
    phone.keyboard.press("Space")
    assert not box.is_visible()
    phone.keyboard.press("Space")
    phone.keyboard.press("Tab")  # to the glossary link inside the definition
    assert phone.evaluate("document.activeElement.classList.contains('b12-def__link')")
    phone.keyboard.press("Escape")
    assert not box.is_visible()
    assert phone.evaluate("document.activeElement.classList.contains('b12-def__term')")


def test_screen_readers_get_a_button_with_its_state(phone: Any, base_url: str) -> None:
    button = open_page(phone, base_url).first
    word = button.inner_text()
    named = phone.get_by_role("button", name=word, exact=True).first
    assert named.get_attribute("aria-expanded") == "false"
    assert named.get_attribute("aria-controls") == button.get_attribute("aria-controls")
    assert (
        phone.locator(".md-content abbr").count()
        == phone.locator(
            ".md-content a abbr, .md-content summary abbr, .md-content button abbr, "
            ".md-content label abbr"
        ).count()
    ), "a marked word outside a link or summary was left an <abbr>"


def overflow(page: Any, box: Any) -> list[str]:
    """How ``box`` (an open definition) or the page is wider than the screen."""
    width = page.viewport_size["width"]
    found = []
    bounds = box.bounding_box()
    if bounds["x"] < 0 or bounds["x"] + bounds["width"] > width + 0.5:
        found.append(f"definition from {bounds['x']:.0f} to {bounds['x'] + bounds['width']:.0f} px")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        found.append(f"page {scroll} px wide")
    return found


DOUBLE_TEXT = """() => { const h = document.documentElement;
  h.style.fontSize = (parseFloat(getComputedStyle(h).fontSize) * 2) + 'px'; }"""


@pytest.mark.parametrize("path", PAGES)
def test_the_definition_fits_a_phone_at_200_percent_text(
    phone: Any, base_url: str, path: str
) -> None:
    """At 200 % text on a 360 px phone (the reflow gate's text-200 mode) neither a
    marked word, however long, nor its open definition is wider than the screen."""
    phone.set_viewport_size({"width": 360, "height": 740})
    buttons = open_page(phone, base_url, path)
    phone.evaluate(DOUBLE_TEXT)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{path}: {width} px wide with every definition closed"
    for i in range(buttons.count()):
        button = buttons.nth(i)
        if not button.is_visible():  # in a closed FAQ answer
            continue
        button.focus()
        phone.keyboard.press("Enter")
        box = box_of(phone, button)
        assert box.is_visible()
        assert overflow(phone, box) == [], button.inner_text()
    # Negative control: a definition made wider than the screen is caught.
    phone.add_style_tag(content=".md-typeset .b12-def__box { width: 600px; }")
    assert overflow(phone, box_of(phone, buttons.first))


def glossary_ids(page: Any, base_url: str) -> set[str]:
    page.goto(base_url + "help/glossary/")
    return set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))


@pytest.mark.parametrize("path", PAGES)
def test_every_word_links_to_its_glossary_entry(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        open_page(page, base_url, path)
        links = page.eval_on_selector_all(
            ".md-content a.b12-def__link", "els => els.map(a => [a.textContent, a.href])"
        )
        ids = glossary_ids(page, base_url)
        assert links
        for text, href in links:
            where = urlsplit(href)
            assert where.path == "/help/glossary/", href
            assert where.fragment in ids, f"{text}: no entry #{where.fragment}"
        # Negative control: an anchor the glossary does not have is caught.
        assert "term-no-such-word" not in ids
    finally:
        context.close()


def test_the_glossary_has_a_to_z_of_its_letters(phone: Any, base_url: str) -> None:
    assert DATA is not None
    phone.goto(base_url + "help/glossary/")
    nav = phone.get_by_role("navigation", name="Medical words by first letter")
    letters = nav.locator("a").all_inner_texts()
    wanted = sorted({t.term[:1].upper() for t in DATA.glossary.values()})
    assert letters == wanted
    absent = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ") - set(wanted)
    assert absent, "every letter has a word: the check below would prove nothing"
    for letter in letters:
        target = phone.locator(f"#letter-{letter.lower()}")
        assert target.count() == 1 and target.inner_text() == letter
    link = nav.locator("a").first
    size = link.bounding_box()
    assert size["width"] >= 44 and size["height"] >= 44  # a thumb's target
    link.tap()
    assert urlsplit(phone.url).fragment == f"letter-{letters[0].lower()}"


def test_without_javascript_the_words_stay_as_they_were(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    try:
        page.goto(base_url + PAGES[0])
        assert page.locator(".md-content abbr[title]").count() > 0
        assert page.locator(BUTTONS).count() == 0
    finally:
        context.close()


def test_print_shows_the_words_not_the_boxes(phone: Any, base_url: str) -> None:
    button = open_page(phone, base_url).first
    button.focus()
    phone.keyboard.press("Enter")
    box = box_of(phone, button)
    assert box.is_visible()
    phone.emulate_media(media="print")
    assert not box.is_visible()
    underline = button.evaluate("el => getComputedStyle(el).textDecorationLine")
    assert underline == "none"


def test_glossary_links_work_in_the_offline_copy(offline_copy: Path, browser: Any) -> None:
    """The offline copy has no directory addresses: the links go to help/glossary.html."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto((offline_copy / "articles" / "b12-deficiency-and-muscles.html").as_uri())
        hrefs = page.eval_on_selector_all(
            ".md-content a.b12-def__link", "els => els.map(a => a.getAttribute('href'))"
        )
        assert hrefs and all(h.startswith("../help/glossary.html#term-") for h in hrefs), hrefs
        target = urljoin(page.url, hrefs[0])
        page.goto(target)
        assert page.locator("#" + urlsplit(target).fragment).count() == 1
    finally:
        context.close()


@pytest.fixture(scope="module")
def offline_copy(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import zipfile

    from scripts.offline import FOLDER, ZIP

    target = tmp_path_factory.mktemp("offline-terms")
    with zipfile.ZipFile(site_dir / ZIP) as zipped:
        zipped.extractall(target)
    return target / FOLDER


def test_marked_words_are_found_by_their_slug() -> None:
    """The anchors b12-terms.js links prose words to (#term-<slug>) are the glossary's."""
    from macros.components import Glossary, slug

    assert DATA is not None
    glossary = Glossary(DATA.glossary.values())
    owner = {f"term-{t.id}": t.id for t in DATA.glossary.values()}
    for entry in glossary.entries(DATA.glossary.values()):
        owner |= {a: entry.term.id for _, a in (entry.name, *entry.aliases) if a}
    wrong = [
        form for form, term_id in glossary.ids.items() if owner.get(f"term-{slug(form)}") != term_id
    ]
    assert wrong == [], "these words would link to another entry, or to none"
    # Negative control: a slug no form has is no anchor.
    assert "term-no-such-word" not in owner
    assert re.fullmatch(r"[a-z0-9-]+", slug("Crohn's disease")) and slug("Crohn's") == "crohn-s"
