"""`make serve` cleans up after itself: the build records and page bodies its builds
wrote beside MkDocs' temporary sites go once those sites are gone."""

from __future__ import annotations

from pathlib import Path

from scripts.serve import leftovers


def test_only_the_records_of_gone_serve_sites_are_left_over(tmp_path: Path) -> None:
    (tmp_path / "mkdocs_live").mkdir()  # a serve still running
    for name in (
        "mkdocs_gone.record.jsonl",
        "mkdocs_gone.bodies.jsonl",
        "mkdocs_live.record.jsonl",  # its site is still there: kept
        "site.record.jsonl",  # not a serve build: kept
        "mkdocs_gone.txt",  # not ours: kept
    ):
        (tmp_path / name).write_text("{}\n")
    assert [p.name for p in leftovers(tmp_path)] == [
        "mkdocs_gone.bodies.jsonl",
        "mkdocs_gone.record.jsonl",
    ]
