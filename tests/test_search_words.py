"""The search's word lists (data/search.yml): checked when loaded, every mistake named
with its file and line, and written where the browser reads them (never stale)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.errors import DataErrors
from macros.loader import load_site
from scripts import search_words

from .conftest import FIXTURE_DATA, ROOT


def test_the_browser_file_is_up_to_date() -> None:
    assert search_words.main(["--check"]) == 0, "run `python -m scripts.search_words`"


def test_a_stale_browser_file_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control: a file that differs from data/search.yml fails the check."""
    stale = tmp_path / "b12-search-words.js"
    stale.write_text(search_words.TARGET.read_text().replace("anaemia", "anemia"))
    monkeypatch.setattr(search_words, "TARGET", stale)
    monkeypatch.setattr(search_words, "ROOT", tmp_path)
    assert search_words.main(["--check"]) == 1


def test_the_lists_reach_the_browser_as_written() -> None:
    site = load_site(ROOT / "data")
    text = search_words.words_js(site.search)
    assert text.startswith("/* The site search's word lists")
    assert '"reader":["anemia"],"site":"anaemia"' in text
    assert '"common_words":["b12"' in text


def errors_for(tmp_path: Path, search_yml: str) -> str:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    (data / "search.yml").write_text(search_yml)
    with pytest.raises(DataErrors) as caught:
        load_site(data)
    return caught.value.report()


def test_every_mistake_is_named_with_its_line(tmp_path: Path) -> None:
    report = errors_for(
        tmp_path,
        "spellings:\n"
        "  - {reader: [Anemia], site: anaemia}\n"
        "words:\n"
        "  - {reader: [jab], site: injection}\n"
        "answers:\n"
        "  - {reader: [feel better], section: guides/treatments#recovery}\n"
        "stop_words: [to, it, can]\n"
        "common_words: [b12]\n",
    )
    assert "data/search.yml:2:" in report and "'Anemia'" in report and "lower-case" in report
    assert "data/search.yml:6:" in report and "guides/treatments.md#recovery" in report


def test_a_word_mapped_twice_is_refused(tmp_path: Path) -> None:
    report = errors_for(
        tmp_path,
        "words:\n"
        "  - {reader: [jab], site: injection}\n"
        "  - {reader: [jab], site: tablet}\n"
        "stop_words: [jab]\n",
    )
    assert "data/search.yml:" in report
    assert "'jab' is already in words[0]" in report


def test_the_fixture_lists_load() -> None:
    """Negative control of the two tests above: the same kind of file, written right."""
    assert load_site(FIXTURE_DATA).search.words[0].reader == ["jab"]
