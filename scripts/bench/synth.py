"""Synthetic data sets of N symptom-like topics, generated through the real models.

Every item is built as an instance of the pydantic model in ``macros/model.py`` (so it
is valid by construction) and written as YAML into a throwaway project's ``data/``, next
to Markdown pages that call the real macros. The real macros/ and overrides/ are linked,
as ``tests/conftest.py``'s ``make_project`` does.

Sizes grow with N: one article per 25 topics (each with its comparison table and three
FAQ entries), one mechanism per 50, one reference per 10, one glossary word per 10.
Text lengths follow the real data (a sentence of 8-22 words from its vocabulary).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load
from pydantic import BaseModel

from macros.generate import generate as generate_pages
from macros.loader import FILES, load_site
from macros.model import (
    Article,
    CareAdvice,
    Cited,
    Comparison,
    ComparisonColumn,
    ComparisonRow,
    Faq,
    LeafletCited,
    Mechanism,
    Passage,
    Reference,
    Symptom,
    Term,
)
from scripts.paths import ROOT

REAL_DATA = ROOT / "data"

#: The anatomy of a synthetic article: the real headings, prose and macro calls.
ARTICLE_PAGE = """---
article: {slug}
---
{{{{ article_intro() }}}}

## How it works {{#how-it-works}}

{prose1} {{{{ cite("{ref1}") }}}}

{prose2} {{{{ cite("{ref2}", "{ref1}") }}}}

{{{{ symptom_cards() }}}}

## How this differs from other causes {{#comparison}}

{prose3} {{{{ cite("{ref3}") }}}}

{{{{ comparison("{table}") }}}}

## Getting tested {{#diagnosis}}

{prose4} {{{{ cite("{ref3}") }}}}

{{{{ tests_list() }}}}

## Treatment {{#treatment}}

{{{{ treatments_list() }}}}

## Food sources {{#food-sources}}

{{{{ food_table() }}}}

## Who is at risk {{#who-is-at-risk}}

{{{{ risk_groups_list() }}}}

## Outlook {{#outlook}}

{prose5} {{{{ cite("{ref2}") }}}}

## What you can do {{#what-you-can-do}}

{{{{ action_steps() }}}}

{{{{ care_card() }}}}

{{{{ faq() }}}}

{{{{ references() }}}}
"""

HUB_PAGES = {
    "index.md": "---\ntitle: Home\ndescription: Synthetic home.\n---\n# Home\n\n"
    "{{ symptom_index() }}\n\n{{ care_card() }}\n\n{{ references() }}\n",
    "articles/index.md": "---\ntitle: Articles\n---\n# Articles\n\n{{ article_list() }}\n",
    "symptoms/index.md": "---\ntitle: Symptoms\n---\n# Symptoms\n\n{{ symptom_index() }}\n",
    "guides/comparisons.md": "---\ntitle: Comparisons\n---\n# Comparisons\n\n"
    "{{ comparison_list() }}\n\n{{ references() }}\n",
    "help/faq.md": "---\ntitle: Questions\n---\n# Questions\n\n"
    '{{ faq(heading="All questions") }}\n\n{{ references() }}\n',
    "help/glossary.md": "---\ntitle: Glossary\n---\n# Glossary\n\n"
    "## Words A to Z {#words}\n\n{{ glossary_list() }}\n\n{{ references() }}\n",
    "help/sources.md": "---\ntitle: Sources\n---\n# Sources\n\n"
    "## Sources {#sources}\n\n{{ source_list() }}\n",
}


class Words:
    """Plain sentences drawn from the vocabulary of the real data."""

    def __init__(self, rng: random.Random) -> None:
        text = " ".join(p.read_text() for p in sorted(REAL_DATA.glob("*.yml")))
        self.vocab = sorted(set(re.findall(r"\b[a-z]{3,12}\b", text)))
        self.rng = rng

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(self.vocab) for _ in range(n))

    def sentence(self, low: int = 8, high: int = 22, extra: list[str] | None = None) -> str:
        words = self.words(self.rng.randint(low, high)).split()
        if extra:  # a glossary word inside the text, as real prose has
            words.insert(self.rng.randrange(len(words)), self.rng.choice(extra))
        return " ".join(words).capitalize() + "."

    def sentences(self, n: int, extra: list[str] | None = None) -> str:
        return " ".join(self.sentence(extra=extra) for _ in range(n))


def _dump(items: list[BaseModel] | BaseModel) -> Any:
    if isinstance(items, list):
        return [i.model_dump(mode="json", exclude_none=True) for i in items]
    return items.model_dump(mode="json", exclude_none=True)


def _real_yaml(name: str) -> Any:
    return yaml.safe_load((REAL_DATA / f"{name}.yml").read_text())


def generate(n: int, data_dir: Path, seed: int = 12) -> dict[str, int]:
    """Write a valid ``data/`` with ``n`` symptoms; return the count of each collection."""
    rng = random.Random(seed)
    w = Words(rng)
    real = load_site(REAL_DATA)
    n_refs, n_mech, n_terms = max(10, n // 10), max(5, n // 50), max(20, n // 10)
    n_articles = max(2, n // 25)

    refs = list(real.references.values()) + [
        Reference(
            id=f"ref-{i}",
            title=w.sentence(4, 10).rstrip("."),
            publisher=w.words(2).title(),
            url=f"https://example.org/source/{i}",
            accessed=dt.date(2025, 1 + i % 12, 1 + i % 28),
            passages=[Passage(id="p", quote=w.sentence(), read=dt.date(2025, 1 + i % 12, 1))],
        )
        for i in range(n_refs)
    ]
    citations = [f"{r.id}#{r.passages[0].id}" for r in refs if r.passages]

    def cite(k: int = 2) -> list[str]:
        return rng.sample(citations, rng.randint(1, min(k, 2)))

    terms = list(real.glossary.values()) + [
        Term(
            id=f"term-{i}",
            term=f"synthterm{i}",
            aliases=[f"synthterms{i}"],
            definition=w.sentence(8, 16),
            sources=cite(),
        )
        for i in range(n_terms)
    ]
    words = [t.term for t in terms]
    mechanisms = list(real.mechanisms.values()) + [
        Mechanism(
            id=f"mechanism-{i}",
            name=w.words(3).capitalize(),
            summary=[Cited(text=w.sentences(2, words), sources=cite())],
        )
        for i in range(n_mech)
    ]
    mech_ids = [m.id for m in mechanisms]
    symptoms = [
        Symptom(
            id=f"topic-{i}",
            name=f"{w.words(2).capitalize()} {i}",
            medical_term=w.words(1) if i % 3 == 0 else None,
            lay_terms=[w.words(rng.randint(1, 3)) for _ in range(rng.randint(3, 6))],
            feels_like=w.sentences(2, words),
            body_areas=[w.words(1) for _ in range(rng.randint(2, 4))],
            mechanisms=rng.sample(mech_ids, rng.randint(1, 3)),
            how_b12_causes_it=[Cited(text=w.sentences(3, words), sources=cite())],
            care=CareAdvice(level="routine", text=w.sentence(), sources=cite()),
            sources=cite(),
        )
        for i in range(n)
    ]
    symptom_ids = [s.id for s in symptoms]
    slugs = [f"article-{i}" for i in range(n_articles)]
    articles = [
        Article(
            id=slug,
            title=w.sentence(5, 9).rstrip(".") + "?",
            nav_title=w.words(3).capitalize(),
            summary=w.sentences(2),
            lead=Cited(text=w.sentence(), sources=cite()),
            key_points=[
                LeafletCited(text=w.sentence(), sources=cite(), leaflet=k < 2)
                for k in range(rng.randint(3, 5))
            ],
            action_steps=[
                LeafletCited(text=w.sentence(), sources=cite(), leaflet=k < 2) for k in range(4)
            ],
            questions=[w.sentence(5, 9).rstrip(".") + "?" for _ in range(4)],
            symptoms=rng.sample(symptom_ids, min(len(symptom_ids), rng.randint(5, 10))),
            reviewed=dt.date(2026, 3, 1),
            review_due=dt.date(2027, 3, 1),
            review_status="editorial-review",
        )
        for slug in slugs
    ]
    comparisons = []
    for article in articles:
        columns = [ComparisonColumn(name=w.words(3).capitalize(), sources=cite()) for _ in range(3)]
        comparisons.append(
            Comparison(
                id=f"{article.id}-table",
                article=article.id,
                title=w.sentence(6, 12).rstrip("."),
                caption=w.sentences(2),
                row_header="What we compare",
                columns=columns,
                rows=[
                    ComparisonRow(
                        feature=w.words(3).capitalize(), cells=[w.sentence(6, 16) for _ in columns]
                    )
                    for _ in range(rng.randint(4, 6))
                ],
                symptoms=rng.sample(symptom_ids, min(len(symptom_ids), rng.randint(5, 8))),
                sources=cite(4),
            )
        )
    faq = list(real.faq.values()) + [
        Faq(
            id=f"{slug}-q{q}",
            question=w.sentence(5, 10).rstrip(".") + "?",
            answer=w.sentences(3, words),
            articles=[slug],
            sources=cite(),
        )
        for slug in slugs
        for q in range(3)
    ]
    # Real FAQ entries name the real articles; point them at synthetic ones instead.
    faq = [
        f.model_copy(update={"articles": [slugs[i % len(slugs)]]}) if f.id in real.faq else f
        for i, f in enumerate(faq)
    ]

    data_dir.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {
        "references": refs,
        "mechanisms": mechanisms,
        "symptoms": symptoms,
        "comparisons": comparisons,
        "faq": faq,
        "glossary": terms,
        "articles": articles,
    }
    for name in FILES:
        path = data_dir / f"{name}.yml"
        if name in out:
            path.write_text(
                yaml.safe_dump(_dump(out[name]), sort_keys=False, allow_unicode=True, width=100)
            )
        else:  # foods, intake, tests, treatments, risk groups, care: the real files
            shutil.copyfile(REAL_DATA / f"{name}.yml", path)
    return {name: len(v) for name, v in out.items()}


def make_project(dest: Path, n: int, seed: int = 12) -> Path:
    """A throwaway project under ``dest``: synthetic data and pages, the real macros and theme."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    counts = generate(n, dest / "data", seed)
    (dest / "macros").symlink_to(ROOT / "macros")
    (dest / "overrides").symlink_to(ROOT / "overrides")
    docs = dest / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    for rel, text in HUB_PAGES.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text)
    site = load_site(dest / "data")
    rng = random.Random(seed + 1)
    w = Words(rng)
    for article in site.articles.values():
        refs = (
            list(article.lead.sources)
            + [f"{r.id}#{r.passages[0].id}" for r in site.references.values() if r.passages][:3]
        )
        (docs / "articles" / f"{article.id}.md").write_text(
            ARTICLE_PAGE.format(
                slug=article.id,
                table=f"{article.id}-table",
                ref1=refs[0],
                ref2=refs[1],
                ref3=refs[2],
                **{f"prose{i}": w.sentences(rng.randint(3, 6)) for i in range(1, 6)},
            )
        )
    config = yaml_load((ROOT / "mkdocs.yml").read_text())  # MkDocs' loader: !ENV
    config["nav"] = [
        {"Home": "index.md"},
        {"Articles": ["articles/index.md"] + [f"articles/{a}.md" for a in site.articles]},
        {"Symptoms": ["symptoms/index.md"]},
        {"Guides": ["guides/comparisons.md"]},
        {"Help": ["help/faq.md", "help/glossary.md", "help/sources.md"]},
    ]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    (dest / "counts.yml").write_text(yaml.safe_dump(counts))
    generate_pages(dest / "mkdocs.yml", site)  # the symptom pages, their nav, abbreviations
    return dest
