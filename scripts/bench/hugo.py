"""The same synthetic data built by Hugo with a minimal data template (the speed reference).

Hugo reads the data files converted to JSON (``data/*.json``: Hugo's YAML reader refuses
the 3,000-topic symptoms.yml with "too many YAML aliases for non-scalar nodes", though
it holds no alias); a content adapter
(``content/symptoms/_content.gotmpl``) makes one page per symptom, and one small
template shows its fields and cross-references (mechanisms, articles, comparison
tables, numbered sources). No theme, no search index, no CSS pipeline.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

CONFIG = """baseURL = "https://b12-muscles.example.org/"
title = "B12 and Your Muscles (Hugo reference)"
disableKinds = ["taxonomy", "term", "RSS"]
"""

ADAPTER = """{{ range hugo.Data.symptoms }}
  {{ $content := dict "mediaType" "text/markdown" "value" .feels_like }}
  {{ $.AddPage (dict "kind" "page" "path" .id "title" .name "content" $content
       "params" (dict "symptom" .)) }}
{{ end }}
"""

BASEOF = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="{{ "/" | relURL }}">Home</a> · <a href="{{ "/symptoms/" | relURL }}">Symptoms</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""

SINGLE = """{{ define "main" }}
{{ $s := .Params.symptom }}{{ $id := $s.id }}
<h1>{{ .Title }}</h1>
{{ with $s.medical_term }}<p>Medical word: {{ . }}</p>{{ end }}
<p>Also called: {{ delimit $s.lay_terms ", " }}</p>
<h2>What it feels like</h2>{{ .Content }}
<p>Where: {{ delimit $s.body_areas ", " }}</p>
<h2 id="why">What happens in the body</h2><p>{{ $s.how_b12_causes_it }}</p>
<ul>{{ range where hugo.Data.mechanisms "id" "in" $s.mechanisms }}<li><strong>{{ .name }}</strong> {{ .summary }}</li>{{ end }}</ul>
<h2 id="covered">Where this site covers it</h2>
<ul>{{ range where hugo.Data.articles "symptoms" "intersect" (slice $id) }}<li>{{ .title }}</li>{{ end }}
{{ range where hugo.Data.comparisons "symptoms" "intersect" (slice $id) }}<li>Table: {{ .title }}</li>{{ end }}</ul>
<h2 id="references">Sources</h2>
<ol>{{ range where hugo.Data.references "id" "in" $s.sources }}<li><a href="{{ .url }}">{{ .title }}</a>, {{ .publisher }}</li>{{ end }}</ol>
{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""

HOME = """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range hugo.Data.symptoms }}<li><a href="{{ printf "/symptoms/%s/" .id | relURL }}">{{ .name }}</a> ({{ delimit .lay_terms ", " }})</li>{{ end }}</ul>{{ end }}
"""


def make_hugo_site(dest: Path, data_dir: Path) -> Path:
    """Write the Hugo site into ``dest`` over the YAML files in ``data_dir``."""
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "layouts").mkdir(parents=True)
    (dest / "content" / "symptoms").mkdir(parents=True)
    (dest / "data").mkdir()
    for source in sorted(data_dir.glob("*.yml")):
        data = yaml.safe_load(source.read_text())
        (dest / "data" / f"{source.stem}.json").write_text(json.dumps(data, default=str))
    (dest / "hugo.toml").write_text(CONFIG)
    (dest / "content" / "symptoms" / "_content.gotmpl").write_text(ADAPTER)
    (dest / "content" / "symptoms" / "_index.md").write_text("---\ntitle: Symptoms\n---\n")
    for name, text in {
        "baseof.html": BASEOF,
        "single.html": SINGLE,
        "list.html": LIST,
        "home.html": HOME,
    }.items():
        (dest / "layouts" / name).write_text(text)
    return dest
