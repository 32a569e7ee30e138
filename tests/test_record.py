"""The build record (macros/record.py): written by the renderer as each page is finished
(macros/rendering.py), beside the site, what the steps after the build read instead of
the built HTML; and the line under each title, which the renderer adds only where the
macros ran."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros import record
from scripts.diff.compare import compare_sites
from scripts.quality.html_reader import MainText, to_html

from .conftest import Build, build


@pytest.fixture(scope="module")
def built(fixture_site: Build) -> record.Record:
    assert fixture_site.returncode == 0, fixture_site.output
    return record.read(fixture_site.site)


def test_the_record_sits_beside_the_site_and_lists_every_page(
    fixture_site: Build, built: record.Record
) -> None:
    site = fixture_site.site
    assert record.record_path(site) == site.parent / "site.record.jsonl"
    assert not list(site.rglob("*record*"))  # never published with the site
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert {p.url + "index.html" for p in built.pages} == pages
    kinds = {p.src_path: (p.kind, p.item) for p in built.pages}
    assert kinds["articles/test-article.md"] == ("article", "test-article")
    assert kinds["symptoms/muscle-cramps.md"] == ("symptom", "muscle-cramps")
    assert kinds["index.md"] == ("index", None)
    assert built.engine == "mkdocs" and built.site_url.endswith("/")


def test_each_page_records_what_it_shows(fixture_site: Build, built: record.Record) -> None:
    """Words and minutes as counted in the built page and shown under its title; the
    sources in the order of its numbered list; its review; an article's downloads."""
    for page in built.pages:
        html_path = fixture_site.site / page.url / "index.html"
        main = MainText.read(html_path)
        assert page.words == main.reading_words() > 0, page.src_path
        shown = re.findall(r"(\d+) min read", html_path.read_text(encoding="utf-8"))
        assert shown == [str(page.minutes)], page.src_path
        listed = main.select(".b12-refs > li a.b12-refs__title", skip="")
        assert [c.title for c in page.citations] == listed, page.src_path
        assert page.review and page.review["review_label"]
    article = built.item("article", "test-article")
    assert article is not None and article.citations  # negative control: not all empty
    assert article.downloads == {
        "leaflet": "pdf/test-article.pdf",
        "large_print": "pdf/test-article-large-print.pdf",
    }
    assert "booklet" in built.downloads and "{slug}" not in str(built.downloads)


def test_each_page_body_is_kept_as_the_theme_got_it(
    fixture_site: Build, built: record.Record
) -> None:
    """The booklet's chapters come from the bodies the renderer finished, not from the
    built pages: each is the very text the theme put in its page."""
    bodies = record.read_bodies(fixture_site.site)
    assert set(bodies) == {p.src_path for p in built.pages}
    for page in built.pages:
        html = (fixture_site.site / page.url / "index.html").read_text(encoding="utf-8")
        assert bodies[page.src_path].startswith("<h1"), page.src_path
        assert bodies[page.src_path] in html, page.src_path
    assert "min read</span>" in bodies["articles/test-article.md"]  # the figure, written in


def test_a_site_without_a_record_is_a_clear_error(tmp_path: Path, fixture_site: Build) -> None:
    with pytest.raises(
        record.RecordMissing, match=r"no build record at .*elsewhere\.record\.jsonl"
    ):
        record.read(tmp_path / "elsewhere")
    other = tmp_path / "other"
    written = record.record_path(fixture_site.site).read_text(encoding="utf-8")
    record.record_path(other).write_text(
        written.replace(f'"version": {record.VERSION}', '"version": 0')
    )
    with pytest.raises(
        record.RecordMissing, match=rf"is version 0; this code reads version {record.VERSION}"
    ):
        record.read(other)
    lines = written.splitlines(keepends=True)
    dropped = next(line for line in lines[1:] if '"src_path": "index.md"' in line)
    record.record_path(other).write_text("".join(x for x in lines if x is not dropped))
    with pytest.raises(record.RecordMissing, match=r"has no line for 1 of its pages \(index\.md\)"):
        record.read(other)


def test_a_page_the_engines_leave_out_is_not_expected_in_the_record(project: Path) -> None:
    """A page in a folder whose name starts with a dot is built by no engine, so the record
    does not wait for its line (the page check's rule, macros/pagecheck.py page_paths)."""
    hidden = project / "docs" / ".drafts" / "note.md"
    hidden.parent.mkdir()
    hidden.write_text("# A draft\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    built = record.read(result.site)
    assert ".drafts/note.md" not in built.sources and "index.md" in built.sources
    assert {p.src_path for p in built.pages} == set(built.sources)


def test_a_base_without_a_record_is_compared_by_its_text_and_said_so(
    fixture_site: Build, tmp_path: Path
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(fixture_site.site, old)
    shutil.copytree(fixture_site.site, new)
    shutil.copyfile(record.record_path(fixture_site.site), record.record_path(new))
    page = new / "articles" / "test-article" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "painful tightening of a muscle." in text
    page.write_text(text.replace("painful tightening of a muscle.", "painful tightening.", 1))
    result = compare_sites(old, new, pdfs=False)
    (note,) = result.notes
    assert note.startswith(f"BASE: no build record at {record.record_path(old)}")
    assert note.endswith("; its reading times, citations and review are not compared")
    (change,) = result.changed
    assert change.reading_time == (None, None) and not change.cites_added
    shutil.copyfile(record.record_path(fixture_site.site), record.record_path(old))
    result = compare_sites(old, new, pdfs=False)
    (change,) = result.changed
    assert result.notes == [] and change.reading_time[0] == change.reading_time[1] is not None


def test_without_the_macros_the_renderer_adds_nothing() -> None:
    """The extension adds the line under the title only for a page the macros handed over
    (``define_env`` fills ``link``): a project without the macros gets plain Markdown."""
    import markdown

    from macros.rendering import PLACEHOLDER, RenderingExtension

    html = markdown.markdown(
        "# Title\n\nSome words.", extensions=["toc", RenderingExtension(link={})]
    )
    assert html == '<h1 id="title">Title</h1>\n<p>Some words.</p>'
    assert PLACEHOLDER not in html


def test_the_reader_writes_a_chapter_back_without_what_it_leaves_out() -> None:
    main = MainText.fragment(
        '<h1 id="t">T &amp; U</h1><p>A<br>b <a href="x?a=1&amp;b=2">link</a></p>'
        '<aside class="b12-disclaimer"><p>Not advice.</p></aside><p>End</p>'
    )
    assert main.content is not None
    html = to_html(main.content.etree_element, skip=main.skipped(".b12-disclaimer"))
    assert (
        html == '<h1 id="t">T &amp; U</h1><p>A<br>b <a href="x?a=1&amp;b=2">link</a></p><p>End</p>'
    )
    assert "Not advice" in to_html(main.content.etree_element)  # negative control


def test_the_streaming_reader_takes_only_the_selectors_it_understands() -> None:
    from macros.reading import _simple

    found = _simple(".a, b, #c, [hidden]")
    assert (found.classes, found.tags, found.ids, found.attributes) == (
        {"a"},
        {"b"},
        {"c"},
        {"hidden"},
    )
    assert found.matches("p", {"class": "x a"}) and found.matches("b", {})
    assert found.matches("p", {"id": "c"}) and found.matches("div", {"hidden": None})
    assert not found.matches("p", {"class": "ab", "id": "cc", "title": "hidden"})
    with pytest.raises(ValueError, match="simple selectors only"):
        _simple(".b12-summary p")
