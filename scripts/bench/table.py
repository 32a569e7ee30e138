"""The report as a table: each section's figures, then the targets met or missed."""

from __future__ import annotations

from typing import Any


def table(report: dict[str, Any]) -> str:
    lines = [
        f"B12 site benchmark — {report['when']} — {report['cpus']} CPUs, "
        f"load average at start {report['load_start']}, at end {report['load_end']}"
    ]
    real = report.get("real")
    if real:
        lines += [
            "",
            f"Real site, {real.get('when', '')}: median of {real['runs']} cold runs (empty PDF "
            f"cache) and of {real['runs']} warm runs; load {real['load_avg']}",
            f"  data load + validation      {real['data_load_s']:8.3f} s",
            f"  full pipeline, cold         {real['full_build_s']:8.2f} s  "
            f"(warm {real['full_build_warm_s']:.2f} s)",
        ]
        for name, s in real["stages_s"].items():
            warm = real["stages_warm_s"].get(name, float("nan"))
            lines.append(f"    stage {name:<24}{s:6.2f} s  (warm {warm:.2f} s)")
        fl = real["first_load"]
        lines += [
            f"  peak memory (one process)   {real['peak_mb']:8.0f} MB",
            f"  output                      {real['output_mb']:8.1f} MB, {real['html_pages']} HTML files",
            f"  search index                {real['search_index_kb']:8.1f} KB "
            f"({real['search_index_gzip_kb']} KB gzip)",
            f"  article first load          {fl['gzip_kb']:8.1f} KB gzip ({fl['raw_kb']} KB raw), {fl['page']}",
        ]
    if report.get("scale"):
        lines += [
            "",
            f"Scale, {next(iter(report['scale'].values())).get('when', '')}: synthetic topics; "
            "medians; times of each build alone; ours/plain pair by pair, side by side on "
            "two cores (and, in brackets, from the builds alone)",
            f"  {'topics':>6} {'pages':>6} {'runs':>4} {'ours s':>8} {'plain s':>8} {'hugo s':>7} "
            f"{'ours/plain':>15} {'ours/hugo':>9} {'ours MB':>8}  load",
        ]
        for s in report["scale"].values():
            alone = s.get("ours_over_plain_alone", s["ours_over_plain"])
            ratio = f"{s['ours_over_plain']:.2f} ({alone:.2f})"
            lines.append(
                f"  {s['topics']:>6} {s['pages']['ours']:>6} {s['runs']:>4} {s['ours_s']:>8.2f} "
                f"{s['plain_s']:>8.2f} {s['hugo_s']:>7.2f} {ratio:>15} "
                f"{s['ours_over_hugo']:>9.0f} {s['ours_peak_mb']:>8.0f}  {s['load_avg']}"
            )
    linear = report.get("linear")
    if linear:
        lines += [
            "",
            f"Linearity, {linear.get('when', '')}: {linear['large']:,} topics on one core while "
            f"{linear['small']:,} topics built {linear['large'] // linear['small']} times in a row "
            f"on the other; {linear['large']:,} / {linear['small']:,} time, median of "
            f"{linear['runs']}: {linear['ratio']:.2f} (all {[r['ratio'] for r in linear['all']]})",
        ]
    serve = report.get("serve")
    if serve:
        lines += [
            "",
            f"Contributor loop, {serve.get('when', '')}: YAML edit visible in mkdocs serve, median of "
            f"{serve['rounds']}: {serve['edit_s']:.2f} s (all {serve['all']}); "
            f"first build {serve['startup_s']:.1f} s",
        ]
    lighthouse = report.get("lighthouse")
    if lighthouse:
        lines += [
            "",
            f"Lighthouse performance (mobile), {lighthouse.get('when', '')}: median of "
            f"{lighthouse['runs']} runs per page; load {lighthouse['load_avg']}",
        ]
        for name, page in lighthouse["pages"].items():
            scores = page.get("error") or f"{page['median']:g} (all {page['all']})"
            lines.append(f"  {name:<10} {page['url']:<40} {scores}")
    lines += ["", "Targets"]
    for v in report["targets"].values():
        figure = "not run" if v["figure"] is None else f"{v['figure']} {v['unit']}"
        mark = "-" if v["met"] is None else ("met" if v["met"] else "MISSED")
        sign = ">=" if v.get("at_least") else "<="
        lines.append(
            f"  {v['what']:<42} {figure:>12}  target {sign} {v['target']} {v['unit']}  {mark}"
        )
    return "\n".join(lines)
