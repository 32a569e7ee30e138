"""The benchmark's parts, on a tiny run (not timed): synthetic data passes the real loader,
the three builds of a scale run succeed with the same pages, and the figures are read."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from macros.addresses import rule_for
from macros.generate import FLAT_NAV_MAX, kind_nav
from macros.loader import load_site
from scripts.bench import measure, scale
from scripts.bench.lighthouse import lighthouse_verdict
from scripts.bench.real import parse_stages
from scripts.bench.synth import generate, make_project
from scripts.bench.table import table
from scripts.bench.targets import verdicts
from scripts.bench.weight import article_page, first_load, site_figures


def test_synthetic_data_passes_the_real_loader(tmp_path: Path) -> None:
    counts = generate(120, tmp_path / "data")
    site = load_site(tmp_path / "data")
    assert len(site.symptoms) == counts["symptoms"] == 120
    assert len(site.articles) == 4 and len(site.comparisons) == 4
    # cross-references point at generated items, and tables cover generated topics
    assert {m for s in site.symptoms.values() for m in s.mechanisms} <= set(site.mechanisms)
    assert all(set(t.symptoms) <= set(site.symptoms) for t in site.comparisons.values())
    assert all(any(a in site.articles for a in f.articles) for f in site.faq.values())
    # realistic text: a few sentences, not a word
    assert 100 < len(next(iter(site.symptoms.values())).how_b12_causes_it[0].text) < 600
    # above FLAT_NAV_MAX symptoms the nav is folders, each within the limit
    nav = kind_nav(site, rule_for("symptoms"))
    assert all(isinstance(entry, dict) for entry in nav)

    def sizes(entries: list[object]) -> list[int]:
        out = [len(entries)]
        for e in entries:
            if isinstance(e, dict):
                out += sizes(next(iter(e.values())))
        return out

    assert max(sizes(nav)) <= FLAT_NAV_MAX
    real = load_site(Path(__file__).resolve().parent.parent / "data")
    assert kind_nav(real, rule_for("symptoms")) == [f"symptoms/{s}.md" for s in real.symptoms]


@pytest.mark.bench
def test_tiny_scale_run_builds_three_ways_and_reads_figures(tmp_path: Path) -> None:
    result = scale.bench_scale(12, 1, work=tmp_path)
    assert result["pages"]["ours"] == result["pages"]["plain"] > 12
    assert result["pages"]["hugo"] >= 12
    for name in ("ours_s", "plain_s", "hugo_s", "ours_over_plain", "ours_over_plain_alone"):
        assert result[name] > 0
    base = tmp_path / "scale-12"
    # the plain pages are the rendered Markdown: no macro call left, components present
    plain = (base / "plain" / "docs" / "symptoms" / "topic-0.md").read_text()
    assert "{{" not in plain and "Where this site covers it" in plain
    site = base / "ours-site"
    page = article_page(site)
    weight = first_load(site, page)
    assert weight["files"]["html"]["gzip"] > 0
    assert any(k.endswith(".css") for k in weight["files"])
    assert any(k.endswith(".js") for k in weight["files"])
    assert 0 < weight["gzip_kb"] < weight["raw_kb"]
    figures = site_figures(site)
    assert figures["search_index_kb"] > figures["search_index_gzip_kb"] > 0
    row = result["all"][0]
    if len(measure.cores()) >= 2:  # the overhead ratio comes from the two builds side by side
        side = row["side_by_side"]
        assert row["ours_over_plain"] == round(side["ours_s"] / side["plain_s"], 3)
    else:
        assert row["ours_over_plain"] == row["ours_over_plain_alone"]
    # linearity: the larger build beside the smaller one built large/small times in a row
    # (it needs only the larger project, not a scale run of it)
    make_project(tmp_path / "scale-24" / "ours", 24)
    linear = scale.bench_linear(12, 24, 1, work=tmp_path)
    (only,) = linear["all"]
    assert len(only["small_s"]) == 2 and linear["ratio"] == only["ratio"] > 0


def test_stage_lines_and_report_table() -> None:
    output = (
        "INFO - built\nstage 'mkdocs build' done in 2.51 s\n"
        "stage 'pdf handouts and booklet' done in 10.00 s\nsite published to site\n"
    )
    assert parse_stages(output) == {"mkdocs build": 2.51, "pdf handouts and booklet": 10.0}
    report = {
        "when": "now",
        "cpus": 2,
        "load_start": [1.0],
        "load_end": [1.0],
        "scale": {
            "1000": {
                "ours_s": 8.0,
                "ours_over_plain": 1.1,
                "topics": 1000,
                "runs": 1,
                "pages": {"ours": 1047},
                "plain_s": 7.3,
                "hugo_s": 0.5,
                "ours_over_hugo": 16,
                "ours_peak_mb": 200,
                "load_avg": [1.0],
            },
            "3000": {"ours_s": 28.0},
        },
    }
    report["targets"] = verdicts(report)
    assert report["targets"]["scale_1000_s"]["met"] is True
    assert report["targets"]["scale_3000_over_1000"]["figure"] == 3.5
    assert report["targets"]["scale_3000_over_1000"]["met"] is False
    side_by_side = {"small": 1000, "large": 3000, "runs": 1, "ratio": 3.1, "all": [{"ratio": 3.1}]}
    linear = verdicts({**report, "linear": side_by_side})["scale_3000_over_1000"]
    assert linear["figure"] == 3.1 and linear["met"] is True
    one_scale = {**report, "scale": {"1000": report["scale"]["1000"]}}
    assert "3,000 / 1,000 time, median of 1: 3.10" in table({**one_scale, "linear": side_by_side})
    assert report["targets"]["serve_edit_s"]["met"] is None
    json.dumps(report)
    assert "MISSED" in table({**report, "scale": {"1000": report["scale"]["1000"]}})


def test_run_pins_a_command_to_one_core(tmp_path: Path) -> None:
    last = measure.cores()[-1]
    cmd = [sys.executable, "-c", "import os; print(sorted(os.sched_getaffinity(0)))"]
    assert measure.run(cmd, tmp_path, cpu=last)["output"].strip() == f"[{last}]"
    assert measure.run(cmd, tmp_path)["output"].strip() == str(measure.cores())


def test_lighthouse_performance_is_a_bench_figure_with_its_verdict() -> None:
    """Performance is measured by `make bench` (median per page), not gated by a test."""
    pages = {
        "home": {"url": "/", "median": 97, "all": [99, 97, 91]},
        "article": {"url": "/articles/a/", "median": 94, "all": [94, 93, 96]},
    }
    lighthouse = {"runs": 3, "pages": pages, "load_avg": [1.0, 1.2]}
    verdict = lighthouse_verdict(lighthouse)
    assert verdict["figure"] == 94 and verdict["met"] is False  # the worst page counts
    pages["article"]["median"] = 95
    assert lighthouse_verdict(lighthouse)["met"] is True
    report = {"when": "now", "cpus": 2, "load_start": [1.0], "load_end": [1.0]}
    report["lighthouse"] = lighthouse
    report["targets"] = verdicts(report)
    text = table(report)
    assert "article    /articles/a/" in text and "all [94, 93, 96]" in text
    assert "target >= 95" in text
    missing = {**lighthouse, "pages": {**pages, "symptom": {"url": "/s/", "error": "no page"}}}
    assert lighthouse_verdict(missing)["met"] is None
    from scripts.quality import lighthouse as gate

    assert "performance" not in gate.GATED
