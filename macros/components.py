"""Components: Python picks and orders the data; templates in overrides/partials/b12/ render it.

Every component returns Markdown: a fixed heading line (so it reaches the table of
contents) followed by one HTML block rendered from a template with autoescaping on.
Text from data is escaped, never parsed as Markdown or HTML and never treated as a
template.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from . import loader
from .addresses import PageRule, page_url, relative_url, rule_for
from .anatomy import heading
from .evidence import Use, uses
from .loader import Site, citation_counts, citation_problem, nearest, too_many_references
from .model import (
    CARE_LEVELS,
    CARE_ORDER,
    TREATMENT_CAUSES,
    Article,
    Comparison,
    Faq,
    RiskGroup,
    Symptom,
    Term,
    Treatment,
    split_citation,
)

T = TypeVar("T")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&])")
#: Runs of letters and digits (not "_", which Markdown reads as emphasis).
_TOKEN = re.compile(r"[^\W_]+")
#: Where a component rendered once per build (``Components.cited``) takes a page's
#: citation mark: the call's place in the template's order, between characters no data or
#: template holds (Python-Markdown marks its own placeholders with them).
_CITE_SLOT = re.compile("\x02([0-9]+)\x03")


#: Where the component templates are, in the project.
TEMPLATES = "overrides/partials/b12"

#: The page (under docs/) that shows every treatment in full; treatment_summary() links to it.
TREATMENTS_GUIDE = "guides/treatments.md"


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept for the life of the process, keyed by template and checked
    against its source: ``mkdocs serve`` makes new Jinja environments on every rebuild,
    and compiling the theme and component templates again was a third of a rebuild."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # discarded if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


#: The components' compiled templates, kept across ``serve`` rebuilds.
COMPONENT_TEMPLATES = MemoryBytecodeCache()


class ComponentError(ValueError):
    """A page asked a component for something the data does not have."""


@dataclass
class PageState:
    """What one page has rendered so far: its citations in order of first use, its FAQ."""

    path: str
    url: str = ""
    source: str = ""  # the page's own Markdown, before its macros ran
    directory_urls: bool = True
    #: The data items its front matter names, by their rule's key (``{"symptom": …}``):
    #: the item whose page it is, or the article whose symptoms it shows.
    items: dict[str, Any] = field(default_factory=dict)
    tables: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    faq: list[Faq] = field(default_factory=list)

    @property
    def article(self) -> Article | None:
        """The article its front matter names (``article: <slug>``)."""
        article: Article | None = self.items.get("article")
        return article

    @article.setter
    def article(self, article: Article | None) -> None:
        self.items["article"] = article

    def link(self, src_path: str, item_id: str | None = None) -> str:
        """URL of another page, relative to this page: by its source path under docs/, or
        by the collection and id of the item whose page it is (``link("symptoms", id)``)."""
        if item_id is not None:
            src_path = rule_for(src_path).source(item_id)
        return relative_url(page_url(src_path, self.directory_urls) or ".", self.url or ".")

    def file_link(self, path: str) -> str:
        """URL of a file of the site (``downloads/x.pdf``), relative to this page."""
        return relative_url(path, self.url or ".")

    def number(self, ref_id: str) -> int:
        """The page-wide number of a reference, giving it the next number on first use."""
        if ref_id not in self.citations:
            self.citations.append(ref_id)
        return self.citations.index(ref_id) + 1


def md_text(text: str) -> str:
    """Plain text made safe inside a Markdown heading or paragraph."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def amount(value: float) -> str:
    """A figure as the sources print it: 70.7, 17, 0.5."""
    return f"{value:g}"


def pick(collection: Mapping[str, T], ids: Iterable[str] | None, what: str) -> list[T]:
    """Items by id, in the order asked (all of them when ``ids`` is None)."""
    if ids is None:
        return list(collection.values())
    if isinstance(ids, str):
        raise ComponentError(f"{what}: expected a list of ids, got the single string {ids!r}")
    found = []
    for wanted in ids:
        if wanted not in collection:
            raise ComponentError(f"unknown {what} id {wanted!r} ({nearest(wanted, collection)})")
        found.append(collection[wanted])
    return found


@functools.cache
def _whole(form: str) -> re.Pattern[str]:
    """Every place ``form`` stands whole (not inside a longer word or hyphenated word)."""
    return re.compile(r"(?=(?<![\w-])(" + re.escape(form) + r")(?![\w-]))")


def slug(text: str) -> str:
    """A word as an anchor: lower-case letters and digits joined by hyphens ("crohn-s"),
    as assets/javascripts/b12-terms.js makes it from a marked word's text."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class GlossaryEntry:
    """One entry of the glossary page: the term, its forms with their anchors, its letter."""

    term: Term
    name: tuple[str, str | None]
    aliases: list[tuple[str, str | None]]
    letter: str


class Glossary:
    """Marks medical words in escaped text with their plain-language definition."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.definitions: dict[str, str] = {}
        self.ids: dict[str, str] = {}  # each form's term id: the glossary entry it links to
        for term in terms:
            for form in (term.term, *term.aliases):
                self.definitions.setdefault(form, term.definition)
                self.ids.setdefault(form, term.id)
        self.tokens = {form: set(_TOKEN.findall(form)) for form in self.definitions}
        forms = sorted(self.definitions, key=len, reverse=True)
        # mark() runs on escaped text, so match the escaped forms ("Crohn&#39;s"), longest
        # first. Each text is matched against only the forms whose tokens it holds (a
        # form can match only where each of its tokens stands whole): one pattern of
        # every form cost each text time in proportion to the whole glossary.
        self.escaped = [str(escape(f)) for f in forms]
        self.order = {form: i for i, form in enumerate(self.escaped)}
        self.form_tokens = {form: frozenset(_TOKEN.findall(form)) for form in self.escaped}
        self.by_token: dict[str, list[str]] = {}
        self.always: list[str] = []  # forms without letters or digits
        for form in self.escaped:
            tokens = _TOKEN.findall(form)
            if tokens:
                self.by_token.setdefault(tokens[0], []).append(form)
            else:
                self.always.append(form)
        # The same texts (care card, mechanisms, references) recur on many pages.
        self._marked: dict[tuple[str, bool], Markup] = {}

    def candidates(self, escaped: str) -> tuple[str, ...]:
        """The escaped forms that can occur whole in ``escaped``, longest first."""
        present = set(_TOKEN.findall(escaped))
        found = set(self.always)
        for token in present:
            for form in self.by_token.get(token, ()):
                if self.form_tokens[form] <= present:
                    found.add(form)
        return tuple(sorted(found, key=self.order.__getitem__))

    def mark(self, text: str) -> Markup:
        """Escape ``text`` and wrap each glossary word in an ``<abbr>`` with its definition
        and its term's id (``data-term``, which assets/javascripts/b12-terms.js links to the
        glossary entry).

        Where words overlap, the leftmost wins, then the longest (as one pattern of all
        the forms, longest first, would choose).
        """
        key = (str(text), isinstance(text, Markup))  # Markup is already escaped
        marked = self._marked.get(key)
        if marked is None:
            marked = self._marked[key] = self._mark(text)
        return marked

    def _mark(self, text: str) -> Markup:
        escaped = str(escape(text))
        forms = self.candidates(escaped)
        if not forms:
            return Markup(escaped)
        starts: dict[int, str] = {}
        for form in forms:  # longest first: the first form found at a place keeps it
            for match in _whole(form).finditer(escaped):
                starts.setdefault(match.start(), form)
        out, position = [], 0
        for start in sorted(starts):
            if start < position:
                continue
            word = starts[start]
            form = html.unescape(word)
            definition = html.escape(self.definitions[form], quote=True)
            out += [
                escaped[position:start],
                f'<abbr class="b12-term" title="{definition}" data-term="{self.ids[form]}">'
                f"{word}</abbr>",
            ]
            position = start + len(word)
        out.append(escaped[position:])
        return Markup("".join(out))

    def entries(self, terms: Iterable[Term]) -> list[GlossaryEntry]:
        """The glossary page's entries, A to Z, each form with its anchor.

        A word marked in page prose (Markdown's ``*[word]: definition``) carries no term
        id, so b12-terms.js links it to ``#term-<the word as a slug>``: each form whose
        slug is not its term's id gets that anchor on its entry (the first form to claim a
        slug keeps it). A form that differs from an earlier one only in capitals is not
        shown again."""
        ordered = sorted(terms, key=lambda t: t.term.casefold())
        taken = {f"term-{t.id}" for t in ordered}
        out = []
        for term in ordered:
            forms: list[tuple[str, str | None]] = []
            for form in (term.term, *term.aliases):
                if any(form.casefold() == shown.casefold() for shown, _ in forms):
                    continue  # a capitalised form for the start of a sentence: same word
                anchor = f"term-{slug(form)}"
                forms.append((form, None if anchor in taken else anchor))
                taken.add(anchor)
            out.append(GlossaryEntry(term, forms[0], forms[1:], term.term[:1].upper()))
        return out

    def abbreviations(self, text: str | None = None) -> str:
        """Markdown abbreviation lines (``*[term]: definition``) for the page prose; with
        ``text``, only for the words that can occur in it.

        Python-Markdown marks a word only where it stands whole (``\\b``) in one run of
        text, so each of its letter-digit tokens is then a whole token of ``text``; a word
        with a token missing from ``text`` cannot be marked and is left out. (The whole
        glossary on every page grew with pages × words.) One blank line between
        definitions: the abbr processor takes one definition per pass and puts the rest of
        its block back, so a single block of G lines cost O(G²) characters per page.
        """
        present = None if text is None else set(_TOKEN.findall(text))
        return "\n\n".join(
            f"*[{form}]: {' '.join(definition.split())}"
            for form, definition in self.definitions.items()
            if present is None or self.tokens[form] <= present
        )


def rule_problems(project: Path, rules: Iterable[PageRule]) -> list[tuple[str, int, str]]:
    """(file, line, problem) for each generated page rule that names what does not exist:
    a data file the site model lacks, a field its item lacks, a component, or a template
    missing from the project's overrides/partials/b12/."""
    source = Path(__file__).with_name("addresses.py").read_text(encoding="utf-8")
    shown = "macros/addresses.py"
    out: list[tuple[str, int, str]] = []
    for rule in rules:
        if not rule.generated:
            continue
        found = re.search(rf'PageRule\(\s*"{re.escape(rule.collection)}"', source)
        line = source.count("\n", 0, found.end()) + 1 if found else 1
        what = f"the page rule of {rule.collection!r}"
        files = loader.FILES
        if rule.collection not in files or not files[rule.collection][1]:
            out.append(
                (
                    shown,
                    line,
                    f"{what} names no list data file: expected a field '{rule.collection}: "
                    "dict[str, <its model>]' on SiteData in macros/model.py (and "
                    f"data/{rule.collection}.yml); {nearest(rule.collection, files)}",
                )
            )
            continue
        model = files[rule.collection][0]
        for field_name in (rule.title, rule.description):
            if field_name is not None and field_name not in model.model_fields:
                out.append(
                    (
                        shown,
                        line,
                        f"{what} names the field {field_name!r}, which {model.__name__} "
                        f"(macros/model.py) does not have; {nearest(field_name, model.model_fields)}",
                    )
                )
        for name in (*rule.before, *rule.after):
            if not callable(getattr(Components, name, None)):
                out.append(
                    (
                        shown,
                        line,
                        f"{what} names the component {name!r}, which is not a method of "
                        "Components (macros/components.py)",
                    )
                )
        template = f"{TEMPLATES}/{rule.template}.html"
        if not (project / template).is_file():
            out.append(
                (
                    template,
                    1,
                    f"the template of the generated {rule.collection} pages is missing "
                    f"(expected this file: the rule at {shown}:{line} renders the page of "
                    f"each item of data/{rule.collection}.yml with it)",
                )
            )
    return out


class Components:
    """The site's components, each rendering one kind of data through one template."""

    def __init__(
        self,
        site: Site,
        templates: Path,
        docs: Path | None = None,
        downloads: Mapping[str, str] | None = None,
        page_syntax: Environment | None = None,
    ) -> None:
        self.site = site
        self.docs = docs
        #: Where the PDFs and the zip are (mkdocs.yml, extra.downloads; {slug}: an article's).
        self.downloads = dict(downloads or {})
        #: The pages' Jinja syntax, for the Sources page's reading of their cite() calls
        #: (``define_env`` sets it from the engine's macros settings).
        self.page_syntax = page_syntax
        self.glossary = Glossary(site.glossary.values())
        self.env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            bytecode_cache=COMPONENT_TEMPLATES,
            auto_reload=False,  # made anew for each build; no file check per render
        )
        self.env.filters["gloss"] = self.glossary.mark
        self.env.filters["amount"] = amount
        self.env.filters["dial"] = self.dial
        self._cites: dict[tuple[int, ...], str] = {}  # citation markup by its numbers
        # components rendered once (``cited``): text with slots, and the slots' citations
        self._cited: dict[Hashable, tuple[str, list[Sequence[str]]]] = {}
        # the references a set of citations names, or what is wrong with it
        self._checked: dict[tuple[str, ...], tuple[str, ...] | str] = {}

    def dial(self, text: str) -> Markup:
        """Escape ``text`` and make each emergency number in it (data/care.yml) a link
        that dials it from a phone."""
        numbers = [n.number for n in self.site.care.emergency_numbers]
        if not numbers:
            return escape(text)
        pattern = r"(?<!\w)(" + "|".join(re.escape(n) for n in numbers) + r")(?!\w)"
        return Markup(
            re.sub(pattern, r'<a class="b12-tel" href="tel:\1">\1</a>', str(escape(text)))
        )

    def render(
        self,
        template: str,
        heading: str | None = None,
        heading_at: int = 2,
        anchor: str | None = None,
        **context: Any,
    ) -> str:
        """One component: an optional Markdown heading, then its HTML block on its own lines."""
        body = self.env.get_template(f"{template}.html").render(**context).strip()
        body = "\n".join(line for line in body.splitlines() if line.strip())
        if heading is None:
            return f"\n\n{body}\n\n"
        attr = f" {{#{anchor}}}" if anchor else ""
        return f"\n\n{'#' * heading_at} {md_text(heading)}{attr}\n\n{body}\n\n"

    def cited(
        self,
        page: PageState,
        key: Hashable,
        template: str,
        *args: Any,
        **context: Any,
    ) -> str:
        """``render`` for a component whose only tie to the page is its citation numbers
        (``cite(page, ...)`` in its template, as the same text recurs on many pages): the
        template renders once per build for ``key`` (which names all of ``context``), with
        a slot for each citation, and each page's marks are made in the order the template
        cites them, so the numbers are those a render for this page gives. Data cannot
        hold the slot characters (``Text`` refuses control characters): text that does is
        an error, never filled in as a citation."""
        found = self._cited.get(key)
        if found is None:
            calls: list[Sequence[str]] = []

            def slot(_page: object, citations: Sequence[str]) -> Markup:
                calls.append(citations)
                return Markup(f"\x02{len(calls) - 1}\x03")

            text = self.render(template, *args, page=None, cite=slot, **context)
            if [int(m) for m in _CITE_SLOT.findall(text)] != list(range(len(calls))):
                raise ComponentError(
                    f"{template}: its text holds control characters (expected plain text)"
                )
            found = self._cited[key] = (text, calls)
        text, calls = found
        marks = [self.cite(page, citations) for citations in calls]
        return _CITE_SLOT.sub(lambda m: marks[int(m[1])], text)

    def cite(self, page: PageState, citations: Sequence[str]) -> str:
        """Inline citation numbers, linked to the page's reference list: one number per
        reference, whichever of its passages the citations name."""
        if isinstance(citations, str) or not citations:
            raise ComponentError("cite: expected one or more citations, 'reference-id#passage-id'")
        ref_ids = self._references(tuple(citations))
        numbers = tuple(page.number(r) for r in ref_ids)
        markup = self._cites.get(numbers)  # the same few numbers recur on every page
        if markup is None:
            markup = self._cites[numbers] = self.render("cite", numbers=numbers).strip()
        return markup

    def _references(self, citations: tuple[str, ...]) -> tuple[str, ...]:
        """The references ``citations`` name, each once, in order; checked once per build
        for each set of citations (the same few recur on every page)."""
        found = self._checked.get(citations)
        if found is None:
            problems = [p for c in citations if (p := citation_problem(c, self.site.references))]
            if loader.CITATIONS_CHECKED and (crowded := too_many_references(citations)):
                problems.append(crowded)
            found = self._checked[citations] = (
                "; ".join(problems)
                if problems
                else tuple(dict.fromkeys(split_citation(c)[0] for c in citations))
            )
        if isinstance(found, str):
            raise ComponentError(found)
        return found

    def sources(self, page: PageState, ref_ids: Sequence[str]) -> Markup:
        """Citation markup for a data item's ``sources``, for use inside templates."""
        return Markup(self.cite(page, ref_ids))

    def article_intro(self, page: PageState, toc: list[tuple[str, str]]) -> str:
        """Title, lead, quick summary, key points and the in-page contents of an article."""
        article = self._article(page)
        editions = {
            name: page.file_link(path.replace("{slug}", article.id))
            for name, path in self.downloads.items()
            if "{slug}" in path
        }
        return (
            f"# {md_text(article.title)}\n\n"
            + self.render(
                "article-intro", article=article, page=page, cite=self.sources, editions=editions
            ).strip()
            + self.render(
                "key-points",
                heading("key-points"),
                anchor="key-points",
                points=article.key_points,
                page=page,
                cite=self.sources,
            )
            + self.render("page-toc", toc=toc)
        )

    def symptom_cards(self, page: PageState, ids: Sequence[str] | None, level: int = 3) -> str:
        """Cards for symptoms: plain name, medical word, everyday words, what it feels like."""
        if ids is None and page.article is not None:
            ids = page.article.symptoms
        symptoms = pick(self.site.symptoms, ids, "symptom")
        return self.render(
            "symptom-cards",
            symptoms=symptoms,
            heading_level=level,
            page=page,
            cite=self.sources,
            link=page.link,
        )

    def comparison(self, page: PageState, comparison_id: str) -> str:
        """A comparison table with caption and header scopes, scrolling inside its own box."""
        (table,) = pick(self.site.comparisons, [comparison_id], "comparison")
        page.tables.append(table.id)
        return self.render("comparison", table=table, page=page, cite=self.sources)

    def food_table(
        self, page: PageState, ids: Sequence[str] | None, filter_vegan: bool = False
    ) -> str:
        """Foods with micrograms per serving, percent Daily Value and a vegan marker."""
        foods = pick(self.site.foods, ids, "food")
        return self.render(
            "food-table", foods=foods, filter_vegan=filter_vegan, page=page, cite=self.sources
        )

    def intake_table(self, page: PageState) -> str:
        """Recommended daily amounts: the UK rows first, then the US rows by life stage."""
        rows = sorted(self.site.intake.values(), key=lambda row: row.country != "UK")
        return self.render("intake-table", rows=rows, page=page, cite=self.sources)

    def items(self, page: PageState, kind: str, ids: Sequence[str] | None, level: int = 3) -> str:
        """A list of tests, treatments, risk groups or mechanisms, each with its sources."""
        collection = getattr(self.site, kind)
        items = pick(collection, ids, kind.rstrip("s"))
        if kind == "treatments" and ids is None:
            items = self.by_cause(items)
        return self.render(
            f"{kind.replace('_', '-')}",
            items=items,
            level=level,
            page=page,
            cite=self.sources,
            risk_groups=self.risk_groups_of,
        )

    @staticmethod
    def by_cause(treatments: Iterable[Treatment]) -> list[Treatment]:
        """Treatments in the order of ``TREATMENT_CAUSES`` (diet first, nitrous oxide last)."""
        return sorted(treatments, key=lambda t: TREATMENT_CAUSES.index(t.id))

    def risk_groups_of(self, treatment: Treatment) -> list[RiskGroup]:
        """The risk groups a treatment's cause concerns, as named in its ``risk_groups``."""
        return [self.site.risk_groups[g] for g in treatment.risk_groups]

    def treatment_summary(self, page: PageState, causes: Sequence[str] | None = None) -> str:
        """One line per cause (all causes by default, in guide order): the treatment in short,
        linked to its full entry on the treatments guide."""
        items = pick(self.site.treatments, causes, "treatment")
        if causes is None:
            items = self.by_cause(items)
        return self.render(
            "treatment-summary",
            items=items,
            guide=page.link(TREATMENTS_GUIDE),
            page=page,
            cite=self.sources,
        )

    def action_steps(self, page: PageState) -> str:
        """The article's numbered action steps and its questions to ask your doctor."""
        article = self._article(page)
        return self.render(
            "action-steps",
            steps=article.action_steps,
            questions=article.questions,
            page=page,
            cite=self.sources,
        )

    #: The page that holds the full "when to get help" card a compact card links to.
    CARE_PAGE = "symptoms/index.md"

    def care_card(self, page: PageState, level: int = 2, compact: bool = False) -> str:
        """'When to get help', as NHS care cards give it: each level's action as its heading
        (least urgent first), then its signs, each cited. ``compact``: only the three action
        headings, each linking to its level of the full card on the symptom index (for
        pages that are not about symptoms)."""
        care = self.site.care
        parts = (heading("when-to-get-help"), level, "when-to-get-help")
        levels = [(key, getattr(care, key), care.heading(key)) for key in CARE_ORDER]
        if compact:
            return self.render(
                "care-card",
                *parts,
                level=level + 1,
                levels=levels,
                compact=True,
                target=page.link(self.CARE_PAGE),
            )
        return self.cited(
            page,
            ("care-card", level),
            "care-card",
            *parts,
            level=level + 1,
            levels=levels,
            compact=False,
            target=None,
        )

    def symptom_care(self, page: PageState, symptom: Symptom, level: int = 2) -> str:
        """The top of a symptom page: how urgent the symptom is and what to do (the level
        that applies by default, then the red flags that need help sooner, each under its
        level's action), linking to the full card further down."""
        care = self.site.care
        flags = {key: [f for f in symptom.red_flags if f.level == key] for key in CARE_LEVELS}
        groups = [(symptom.care.level, [symptom.care])] + [
            (key, flags[key]) for key in CARE_ORDER if flags[key] and key != symptom.care.level
        ]
        return self.render(
            "symptom-care",
            "How urgent is it?",
            level,
            "how-urgent",
            level=level + 1,
            default=symptom.care.level,
            groups=[
                (key, getattr(care, key).label, care.heading(key), items) for key, items in groups
            ],
            page=page,
            cite=self.sources,
        )

    def faq(
        self,
        page: PageState,
        article_id: str | None,
        level: int = 2,
        title: str = heading("faq"),
    ) -> str:
        """Questions and answers as disclosure blocks; an article shows its own questions."""
        if article_id is None and page.article is not None:
            article_id = page.article.id
        if article_id is not None:
            pick(self.site.articles, [article_id], "article")
        items = [
            f for f in self.site.faq.values() if article_id is None or article_id in f.articles
        ]
        page.faq.extend(items)
        return self.render(
            "faq", title, level, "faq", level=level + 1, items=items, page=page, cite=self.sources
        )

    def references(self, page: PageState, level: int = 2) -> str:
        """The page's numbered reference list, in order of first citation."""
        refs = [self.site.references[r] for r in page.citations]
        return self.render(
            "references", heading("references"), level, "references", level=level + 1, refs=refs
        )

    @functools.cached_property
    def covering(self) -> dict[str, tuple[list[Article], list[Comparison]]]:
        """Symptom id → the articles and comparison tables that cover it, in file order
        (one pass over both; a scan per symptom page grew with pages × articles)."""
        index: dict[str, tuple[list[Article], list[Comparison]]] = {}
        for article in self.site.articles.values():
            for symptom_id in dict.fromkeys(article.symptoms):
                index.setdefault(symptom_id, ([], []))[0].append(article)
        for table in self.site.comparisons.values():
            for symptom_id in dict.fromkeys(table.symptoms):
                index.setdefault(symptom_id, ([], []))[1].append(table)
        return index

    def item_page(self, page: PageState, rule: PageRule) -> str:
        """The page of a data item of a generated kind (``rule``): the item's title field as
        the page's title, the rule's components before its template, the template
        (``<key>-page.html``, given the item as ``item`` and as ``<key>``), the
        components after it, and the page's numbered sources."""
        item = page.items.get(rule.key)
        if item is None:
            raise ComponentError(f"a {rule.key} page needs `{rule.key}: <id>` in its front matter")
        parts: list[str] = [getattr(self, name)(page, item) for name in rule.before]
        context = {"item": item, rule.key: item}
        parts.append(
            self.render(rule.template, page=page, cite=self.sources, link=page.link, **context)
        )
        parts += [getattr(self, name)(page, item) for name in rule.after]
        parts.append(self.references(page))
        title = md_text(str(getattr(item, rule.title)))
        return f"# {title}\n\n" + parts[0].strip() + "".join(parts[1:])

    def symptom_mechanisms(self, page: PageState, symptom: Symptom) -> str:
        """What happens in the body, on a symptom's page: its mechanisms."""
        items = pick(self.site.mechanisms, symptom.mechanisms, "mechanism")
        return self.cited(
            page,
            ("mechanisms", tuple(m.id for m in items)),
            "mechanisms",
            "What happens in the body",
            anchor="why",
            items=items,
            level=3,
        )

    def symptom_mentions(self, page: PageState, symptom: Symptom) -> str:
        """Where the site covers a symptom: the articles and comparison tables naming it."""
        articles, tables = self.covering.get(symptom.id, ([], []))
        return self.render(
            "symptom-mentions",
            "Where this site covers it",
            anchor="covered",
            articles=articles,
            tables=tables,
            link=page.link,
        )

    def full_care_card(self, page: PageState, item: Any) -> str:
        """The full 'when to get help' card, on the page of a data item."""
        return self.care_card(page)

    def symptom_index(self, page: PageState) -> str:
        """Every symptom with its everyday words, linking to its page."""
        return self.render(
            "symptom-index", symptoms=list(self.site.symptoms.values()), link=page.link
        )

    def article_list(self, page: PageState) -> str:
        """Every article with its summary."""
        return self.render(
            "article-list", articles=list(self.site.articles.values()), link=page.link
        )

    def glossary_list(self, page: PageState) -> str:
        """Every medical word with its plain meaning, A to Z."""
        entries = self.glossary.entries(self.site.glossary.values())
        letters = list(dict.fromkeys(e.letter for e in entries))
        return self.render(
            "glossary-list", entries=entries, letters=letters, page=page, cite=self.sources
        )

    def comparison_list(self, page: PageState) -> str:
        """Every comparison table, each under its own heading with a link to its article."""
        out = ""
        for table in self.site.comparisons.values():
            article = self.site.articles[table.article]
            out += self.render(
                "comparison-intro", table.title, anchor=table.id, article=article, link=page.link
            )
            out += self.comparison(page, table.id)
        return out

    def source_list(self, page: PageState) -> str:
        """Every reference the site cites, with how often the data cites it."""
        return self.render(
            "source-list",
            refs=list(self.site.references.values()),
            uses=citation_counts(self.site),
            relied_on=self.evidence,
        )

    @functools.cached_property
    def evidence(self) -> dict[str, list[Use]]:
        """Each citation → the data items and page sentences that rely on it."""
        return uses(self.site, self.docs, self.page_syntax)

    def _article(self, page: PageState) -> Article:
        if page.article is None:
            raise ComponentError("this macro needs `article: <slug>` in the page's front matter")
        return page.article
