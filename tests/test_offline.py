"""The offline copy: unpacked from its zip and opened from file://, it loads nothing from
any other host, and its search finds pages."""

from __future__ import annotations

import os
import subprocess
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from macros.loader import load_site
from scripts.offline import FOLDER, LEVEL, ZIP, ZIP_DATES, OfflineError, pack, source_date
from scripts.paths import ROOT

from .conftest import results_for, wait_for_the_index


@pytest.fixture(scope="module")
def offline_copy(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = site_dir / ZIP
    assert archive.is_file(), f"{archive} is missing: `make site` makes it"
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as zipped:
        assert zipped.testzip() is None
        zipped.extractall(target)
    return target / FOLDER


def test_the_same_files_give_the_same_zip(tmp_path: Path) -> None:
    """A reader's download is the same file for the same site: entries dated by the
    source date, not by when the build wrote them (negative control: the stamp shows)."""
    folder = tmp_path / "copy"
    (folder / "sub").mkdir(parents=True)
    (folder / "index.html").write_text("<p>one</p>")
    (folder / "sub" / "page.html").write_text("<p>two</p>")
    (folder / "big.txt").write_text("".join(f"line {i} of words {i * i}\n" for i in range(5000)))
    pack(folder, tmp_path / "a.zip", "top", stamp=1_700_000_000)
    for file in (folder / "index.html", folder / "sub" / "page.html"):
        os.utime(file, (1_000_000_000, 1_000_000_000))  # written again, another day
    pack(folder, tmp_path / "b.zip", "top", stamp=1_700_000_000)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as zipped:
        assert zipped.namelist() == ["top/big.txt", "top/index.html", "top/sub/page.html"]
        big = zipped.getinfo("top/big.txt")
        deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)  # raw deflate, as in a zip
        content = (folder / "big.txt").read_bytes()
        assert big.compress_size == len(deflate.compress(content) + deflate.flush())
        assert {i.date_time for i in zipped.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert {i.external_attr >> 16 for i in zipped.infolist()} == {0o100644}
    pack(folder, tmp_path / "c.zip", "top", stamp=1_800_000_000)
    assert (tmp_path / "c.zip").read_bytes() != (tmp_path / "a.zip").read_bytes()


def test_the_date_comes_from_source_date_epoch_or_the_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$SOURCE_DATE_EPOCH first (a malformed one is an error, one the zip format cannot
    hold is brought inside it), else the time of the commit built, else 1980."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_date() == 1_700_000_000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert source_date() == ZIP_DATES[0]
    for bad in ("1.5", "-5", " 17", "²"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", bad)
        with pytest.raises(OfflineError, match="whole seconds"):
            source_date()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    repo = tmp_path / "repo"
    repo.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # git looks no higher
    assert source_date(repo) == ZIP_DATES[0]  # not a repository: the zip format's first date
    when = {"GIT_AUTHOR_DATE": "@1750000000 +0000", "GIT_COMMITTER_DATE": "@1750000000 +0000"}
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run(
        [*git, "commit", "-q", "--allow-empty", "-m", "x"], check=True, env={**os.environ, **when}
    )
    assert source_date(repo) == 1_750_000_000


@pytest.mark.build
def test_the_built_zip_carries_one_date(site_dir: Path) -> None:
    with zipfile.ZipFile(site_dir / ZIP) as zipped:
        dates = {i.date_time for i in zipped.infolist()}
    assert len(dates) == 1, f"entries dated by when they were written: {sorted(dates)[:3]}"


@pytest.mark.build
def test_offline_copy_contents(offline_copy: Path) -> None:
    assert (offline_copy / "index.html").is_file()
    assert (offline_copy / "search" / "search_index.js").is_file()
    assert (offline_copy / "assets" / "javascripts" / "iframe-worker-shim.js").is_file()
    assert list((offline_copy / "pdf").glob("*.pdf")), "the PDFs are not in the offline copy"
    assert (offline_copy / "data" / "datapackage.json").is_file(), "no open data offline"
    html = (offline_copy / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in html
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in html


def test_offline_config_keeps_the_main_plugins() -> None:
    """mkdocs.offline.yml adds the offline plugin to mkdocs.yml's, each with the same
    options (MkDocs merges the plugin mappings under INHERIT), and no directory URLs."""
    from mkdocs.config import load_config

    main = load_config(str(ROOT / "mkdocs.yml"))
    offline = load_config(str(ROOT / "mkdocs.offline.yml"))
    assert [n for n in offline.plugins if n != "material/offline"] == list(main.plugins)
    for name, plugin in main.plugins.items():
        if name in main.hooks:  # a hook file, not a plugin: it has no options
            continue
        assert dict(offline.plugins[name].config) == dict(plugin.config), name
    assert offline.use_directory_urls is False and main.use_directory_urls is True


@pytest.mark.browser
def test_offline_copy_from_file_url(offline_copy: Path, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    symptom = next(iter(load_site(ROOT / "data").symptoms.values()))
    wanted = f"/symptoms/{symptom.id}.html"  # the offline copy has no directory URLs
    try:
        page.goto((offline_copy / "index.html").as_uri())
        wait_for_the_index(page)
        results = results_for(page, symptom.lay_terms[0])
        assert results and wanted in results[0], results[:5]
        page.locator("a.md-search-result__link").first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith("file://")
        assert wanted in page.url
        expect(page.locator("h1").first).to_have_text(symptom.name)
    finally:
        context.close()
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert not outside, f"the offline copy requested other hosts: {outside}"
    assert any(url.endswith("search_index.js") for url in requests)
    assert not errors, errors


@pytest.mark.browser
def test_article_print_button_and_print_stylesheet(site_dir: Path, browser: Any) -> None:
    slug = next(iter(load_site(ROOT / "data").articles))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto((site_dir / "articles" / slug / "index.html").as_uri())
        handout = page.locator("a.b12-article-actions__pdf")
        assert handout.get_attribute("href") == f"../../pdf/{slug}.pdf"
        assert (site_dir / "pdf" / f"{slug}.pdf").is_file()
        assert page.locator("button[data-b12-print]").is_visible()
        page.emulate_media(media="print")
        assert not page.locator(".md-header").is_visible()
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert not page.locator(".b12-article-actions").is_visible()
        title = page.locator(".b12-refs__title").first  # its address printed after it
        assert title.is_visible()
        after = title.evaluate("a => getComputedStyle(a, '::after').content")
        assert "attr(href)" in after or "http" in after, after
    finally:
        page.close()
