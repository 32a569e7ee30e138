"""The open data in site/data/: every file valid against its JSON Schema, the data
package naming every file with its licence, and each page's schema.org description
naming the same sources as the page itself shows."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from macros.loader import FILES, schemas
from scripts.downloads import download_path
from scripts.open_data import LICENCE


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def open_data(site_dir: Path) -> Path:
    folder = site_dir / download_path("open_data").parent
    assert (folder / "datapackage.json").is_file(), f"{folder} has no datapackage.json"
    return folder


def test_every_data_file_is_published_and_valid_against_its_schema(open_data: Path) -> None:
    for name in FILES:
        schema = load(open_data / "schema" / f"{name}.schema.json")
        assert schema == schemas()[name]
        jsonschema.validate(load(open_data / f"{name}.json"), schema)


def test_a_schema_refuses_bad_data(open_data: Path) -> None:
    """Negative control: the validation above can fail."""
    foods = load(open_data / "foods.json")
    foods[0]["mcg"] = "lots"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(foods, load(open_data / "schema" / "foods.schema.json"))


def test_the_data_package_names_every_file_and_its_licence(open_data: Path) -> None:
    package = load(open_data / "datapackage.json")
    assert package["licenses"] == [LICENCE]
    named = {r["path"] for r in package["resources"]}
    on_disk = {
        p.relative_to(open_data).as_posix()
        for p in open_data.rglob("*.json")
        if p.name != "datapackage.json" and p.parent.name != "schema"
    }
    assert named == on_disk
    for resource in package["resources"]:
        if "jsonschema" in resource:
            assert (open_data / resource["jsonschema"]).is_file()


def test_each_page_description_cites_what_the_page_shows(open_data: Path, site_dir: Path) -> None:
    pages = sorted((open_data / "pages").rglob("*.json"))
    assert len(pages) == len(load(open_data / "articles.json")) + len(
        load(open_data / "symptoms.json")
    )
    for path in pages:
        described = load(path)
        assert described["@type"] == "MedicalWebPage" and described["inLanguage"]
        address = path.relative_to(open_data / "pages").with_suffix("").as_posix() + "/"
        assert described["url"].endswith("/" + address)
        html = (site_dir / address / "index.html").read_text(encoding="utf-8")
        listed = re.search(r'<ol class="b12-refs">(.*?)</ol>', html, re.S)
        assert listed, f"{address} has no reference list"
        shown = re.findall(r'href="(https://[^"]+)"', listed.group(1))
        assert sorted(c["url"] for c in described["citation"]) == sorted(shown), address


def test_each_page_description_is_the_one_in_the_page_head(open_data: Path, site_dir: Path) -> None:
    """One function makes both (macros.chrome.page_description): the open data adds only
    the sources the page cites."""
    from scripts.quality.html_reader import MainText

    pages = sorted((open_data / "pages").rglob("*.json"))
    assert pages
    for path in pages:
        described = load(path)
        address = path.relative_to(open_data / "pages").with_suffix("").as_posix() + "/"
        doc = MainText.read(site_dir / address / "index.html").doc
        heads = [
            json.loads(w.etree_element.text or "")
            for w in doc.query_all('script[type="application/ld+json"]')
        ]
        (head,) = [h for h in heads if isinstance(h, dict) and h.get("@type") == "MedicalWebPage"]
        assert described.pop("citation")
        assert described == head, address
        assert head["about"] and head["publisher"]  # what one side used to lack
