"""The targets, and each figure of a report against its target."""

from __future__ import annotations

from typing import Any

from scripts.build_site import SITE_STAGE

from .lighthouse import lighthouse_verdict

TARGETS = {
    "real_mkdocs_build_s": ("real-site MkDocs build (the offline copy's beside it)", 3.0, "s"),
    "real_full_build_s": ("full `make site` pipeline", 30.0, "s"),
    "scale_1000_s": ("1,000 topics, our build", 10.0, "s"),
    "scale_3000_over_1000": ("3,000 / 1,000 time (linear)", 3.2, "x"),
    "overhead_vs_plain": ("our build / plain MkDocs (1,000 topics)", 1.10, "x"),
    "article_first_load_kb": ("article first load (gzip)", 100.0, "KB"),
    "serve_edit_s": ("YAML edit visible in mkdocs serve", 2.0, "s"),
}


def verdicts(report: dict[str, Any]) -> dict[str, Any]:
    """Each figure against its target."""
    real, scale, serve = report.get("real"), report.get("scale", {}), report.get("serve")
    figures: dict[str, float | None] = {key: None for key in TARGETS}
    if real:
        figures["real_mkdocs_build_s"] = real["stages_s"].get(SITE_STAGE)
        figures["real_full_build_s"] = real["full_build_s"]
        figures["article_first_load_kb"] = real["first_load"]["gzip_kb"]
    if "1000" in scale:
        figures["scale_1000_s"] = scale["1000"]["ours_s"]
        figures["overhead_vs_plain"] = scale["1000"]["ours_over_plain"]
        if "3000" in scale:
            figures["scale_3000_over_1000"] = round(
                scale["3000"]["ours_s"] / scale["1000"]["ours_s"], 2
            )
    if report.get("linear"):  # measured side by side: steadier than the times alone
        figures["scale_3000_over_1000"] = report["linear"]["ratio"]
    if serve:
        figures["serve_edit_s"] = serve["edit_s"]
    out = {}
    for key, (what, target, unit) in TARGETS.items():
        figure = figures[key]
        met = None if figure is None else figure <= target
        out[key] = {"what": what, "figure": figure, "target": target, "unit": unit, "met": met}
    if report.get("lighthouse"):
        out["lighthouse_performance"] = lighthouse_verdict(report["lighthouse"])
    return out
