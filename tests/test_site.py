"""Build tests of the real site (site/, from `make site`): real content under the right headings."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros import ARTICLE_ANATOMY
from macros.loader import Site, load_site
from scripts.diff.pages import cited_numbers

from .conftest import ROOT, real_data


@pytest.fixture(scope="module")
def data() -> Site:
    return load_site(ROOT / "data")


DATA = real_data()
ARTICLES = sorted(DATA.articles) if DATA else []
# Articles that have their own comparison table.
COMPARED = sorted({t.article for t in DATA.comparisons.values() if t.article} if DATA else [])


class Outline(HTMLParser):
    """Headings (level, id, text) of the main content, and text under each h2 id."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str, str]] = []
        self.sections: dict[str, str] = {}
        self._in_article = 0
        self._heading: tuple[int, str] | None = None
        self._text = ""
        self._current = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article" and "md-content__inner" in (a.get("class") or ""):
            self._in_article = 1
        if self._in_article and re.fullmatch(r"h[1-6]", tag):
            self._heading = (int(tag[1]), a.get("id") or "")
            self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if self._heading and tag == f"h{self._heading[0]}":
            level, anchor = self._heading
            self.headings.append((level, anchor, self._text.strip()))
            if level == 2:
                self._current = anchor
            self._heading = None
        if tag == "article":
            self._in_article = 0

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text += data
        if self._in_article and self._current:
            self.sections[self._current] = self.sections.get(self._current, "") + data


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text())
    return parser


def squash(text: str) -> str:
    return " ".join(html.unescape(text).split())


def text_of(path: Path) -> str:
    """A page's HTML with glossary markup removed, unescaped and whitespace-squashed."""
    return squash(re.sub(r"</?abbr\b[^>]*>", "", path.read_text()))


def article_file(site_dir: Path, slug: str) -> Path:
    return site_dir / "articles" / slug / "index.html"


def test_every_expected_page_is_built(site_dir: Path, data: Site) -> None:
    expected = [
        "index.html",
        "404.html",
        "articles/index.html",
        "symptoms/index.html",
        "guides/food-sources/index.html",
        "guides/tests/index.html",
        "guides/treatments/index.html",
        "guides/who-is-at-risk/index.html",
        "guides/comparisons/index.html",
        "help/faq/index.html",
        "help/glossary/index.html",
        "help/sources/index.html",
        "help/about/index.html",
    ]
    expected += [f"articles/{slug}/index.html" for slug in data.articles]
    expected += [f"symptoms/{sid}/index.html" for sid in data.symptoms]
    missing = [p for p in expected if not (site_dir / p).is_file()]
    assert missing == []
    built = sorted(p.parent.name for p in (site_dir / "articles").glob("*/index.html"))
    assert built == sorted(data.articles)  # no page left over from an article not in data


@pytest.mark.parametrize("slug", ARTICLES)
def test_article_follows_the_page_anatomy(site_dir: Path, data: Site, slug: str) -> None:
    article = data.articles[slug]
    page = outline(article_file(site_dir, slug))
    h1 = [h for h in page.headings if h[0] == 1]
    assert [t for _, _, t in h1] == [article.title]
    h2_ids = [a for level, a, _ in page.headings if level == 2]
    assert [a for a in h2_ids if a in ARTICLE_ANATOMY] == list(ARTICLE_ANATOMY)
    levels = [level for level, _, _ in page.headings]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (
        "a heading level is skipped"
    )
    key_points = squash(page.sections["key-points"])
    for point in article.key_points:
        assert squash(point.text) in key_points
    steps = squash(page.sections["what-you-can-do"])
    for step in article.action_steps:
        assert squash(step.text) in steps
    faq = squash(page.sections["faq"])
    questions = [f for f in data.faq.values() if slug in f.articles]
    assert len(questions) >= 3
    for item in questions:
        assert squash(item.question) in faq and squash(item.answer) in faq
    others = [f for f in data.faq.values() if slug not in f.articles]
    assert not any(squash(f.question) in faq for f in others)  # negative control


@pytest.mark.parametrize("slug", COMPARED)
def test_comparison_table_is_complete_under_its_heading(
    site_dir: Path, data: Site, slug: str
) -> None:
    page = outline(article_file(site_dir, slug))
    section = squash(page.sections["comparison"])
    (table,) = [t for t in data.comparisons.values() if t.article == slug]
    for column in (c.name for c in table.columns):
        assert squash(column) in section
    for row in table.rows:
        assert squash(row.feature) in section
        for cell in row.cells:
            for line in (cell or "").splitlines():  # a cell's lines show as lines
                assert squash(line) in section
    assert "Key points" not in section


def test_every_citation_points_at_a_numbered_reference(site_dir: Path) -> None:
    for path in site_dir.rglob("*.html"):
        text = path.read_text()
        # one marker per citation, such as [1–3, 5], its link to the first source
        cited = {
            str(n)
            for first, marker in re.findall(r'<a href="#ref-(\d+)">(.*?)</a>', text)
            for n in cited_numbers(marker) + [int(first)]
        }
        listed = set(re.findall(r'<li id="ref-(\d+)"', text))
        assert cited == listed, path
        if "articles/b12-" in str(path):
            assert len(listed) >= 3, path


def test_every_data_fact_reaches_a_page(site_dir: Path, data: Site) -> None:
    foods = text_of(site_dir / "guides/food-sources/index.html")
    for food in data.foods.values():
        assert squash(food.name) in foods
    for row in data.intake.values():
        assert squash(row.life_stage) in foods
    treatments = text_of(site_dir / "guides/treatments/index.html")
    for t in data.treatments.values():
        for part in (t.summary, t.treatment, t.how_often, t.how_long, *t.notes):
            assert squash(part.text) in treatments, (t.id, part.text)
    tests = text_of(site_dir / "guides/tests/index.html")
    assert all(squash(t.what_it_shows) in tests for t in data.tests.values())
    risks = text_of(site_dir / "guides/who-is-at-risk/index.html")
    assert all(squash(g.why) in risks for g in data.risk_groups.values())
    glossary = text_of(site_dir / "help/glossary/index.html")
    assert all(squash(t.definition) in glossary for t in data.glossary.values())
    faq = text_of(site_dir / "help/faq/index.html")
    assert all(squash(f.question) in faq for f in data.faq.values())
    sources = text_of(site_dir / "help/sources/index.html")
    assert all(r.url in sources for r in data.references.values())


def test_symptom_pages_come_from_data(site_dir: Path, data: Site) -> None:
    for symptom in data.symptoms.values():
        page = text_of(site_dir / "symptoms" / symptom.id / "index.html")
        assert squash(symptom.feels_like) in page
        for term in symptom.lay_terms:
            assert squash(term) in page
        for article in data.articles.values():
            assert (squash(article.title) in page) == (symptom.id in article.symptoms)


EXTERNAL = re.compile(
    r'<(?:script|img|iframe|source|link)\b[^>]*?\b(?:src|href)="(?:https?:)?//', re.I
)


def external_requests(text: str) -> list[str]:
    """Tags that make the browser fetch from another host (links to read are fine)."""
    found = []
    for match in EXTERNAL.finditer(text):
        tag = text[match.start() : text.index(">", match.start()) + 1]
        if tag.lower().startswith("<link") and re.search(r'rel="(canonical|alternate)"', tag):
            continue
        found.append(tag)
    return found


def test_external_request_check_catches_a_font_link() -> None:
    bad = '<link href="https://fonts.googleapis.com/css?family=Roboto" rel="stylesheet">'
    assert external_requests(bad) == [bad]
    assert external_requests('<link rel="canonical" href="https://example.org/">') == []


def test_no_page_requests_anything_from_another_host(site_dir: Path) -> None:
    offenders = {}
    for path in site_dir.rglob("*.html"):
        found = external_requests(path.read_text())
        if found:
            offenders[str(path.relative_to(site_dir))] = found
    for path in site_dir.rglob("*.css"):
        if re.search(r"url\((['\"]?)https?://", path.read_text()):
            offenders[str(path.relative_to(site_dir))] = ["url(http…)"]
    assert offenders == {}


def test_structured_data_on_articles(site_dir: Path, data: Site) -> None:
    for slug, article in data.articles.items():
        text = article_file(site_dir, slug).read_text()
        blocks = [
            json.loads(b)
            for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
        ]
        by_type = {b["@type"]: b for b in blocks}
        page = by_type["MedicalWebPage"]
        assert page["name"] == article.title
        if article.review_status == "draft":
            assert "lastReviewed" not in page
        else:
            assert page["lastReviewed"] == article.reviewed.isoformat()
        assert ("reviewedBy" in page) == (article.reviewer is not None)
        assert page["description"] == article.summary
        questions = {q["name"] for q in by_type["FAQPage"]["mainEntity"]}
        assert questions == {f.question for f in data.faq.values() if slug in f.articles}
        assert (
            f'<meta name="description" content="{html.escape(article.summary, quote=True)}">'
            in text
        )


def test_lay_terms_are_in_the_search_index(site_dir: Path, data: Site) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text())

    def page(location: str) -> str:
        text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith(location))
        return squash(text).lower()

    pages = {sid: page(f"symptoms/{sid}/") for sid in data.symptoms}
    terms = {sid: [squash(t).lower() for t in s.lay_terms] for sid, s in data.symptoms.items()}
    missing = [(sid, t) for sid, ts in terms.items() for t in ts if t not in pages[sid]]
    assert missing == []
    # negative control: the same check on other symptoms' pages finds terms missing
    elsewhere = [
        (sid, t) for sid, ts in terms.items() for t in ts for o in pages if t not in pages[o]
    ]
    assert elsewhere
