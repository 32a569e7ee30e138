"""The typed data model: one pydantic model per item of each file in ``data/``.

Text fields hold plain text. It is escaped wherever it is shown and never read as
Markdown, HTML or a template.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from macros.addresses import page_url

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Field(description="A stable kebab-case id, such as `muscle-cramps`."),
]
Text = Annotated[
    str,
    # No control characters but tab and line ends: they display as nothing, and the
    # renderer marks its own placeholders with some of them (macros/components.py).
    StringConstraints(
        strip_whitespace=True, min_length=1, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
    ),
    Field(
        description="Plain text (no Markdown, no HTML, no control characters); must not be empty."
    ),
]
HttpsUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#][^\s]*)?$"),
    Field(description="A full web address starting with https://"),
]

WebUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#][^\s]*)?$"),
    Field(description="A full web address starting with http:// or https://"),
]


@dataclass(frozen=True)
class RefTo:
    """Marks a field holding ids of items in another data file (``RefTo("references")``).

    The loader finds every field so marked, in any model and at any depth, and reports
    each id that names no item of that file.
    """

    collection: str


#: A citation: a reference id and the id of one of its passages, ``nhs-b12-treatment#neuro``.
CitationId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?$"),
    Field(
        description="A reference id from references.yml and the id of the passage of it "
        "that states the claim: `reference-id#passage-id`."
    ),
]
Sources = Annotated[
    list[CitationId],
    Field(
        min_length=1,
        description="Citations backing this item, each `reference-id#passage-id` (a "
        "passage listed under that reference in references.yml); at most two references.",
    ),
    RefTo("references"),
]
#: Most references one citation may name: a claim needing more is split into sentences.
MAX_REFERENCES_PER_CITATION = 2


def split_citation(citation: str) -> tuple[str, str | None]:
    """``("nhs-b12-treatment", "neuro")`` from ``nhs-b12-treatment#neuro``; no passage → None."""
    ref_id, _, passage = citation.partition("#")
    return ref_id, passage or None


def not_after_today(day: dt.date, what: str) -> dt.date:
    """``day`` itself, or an error when it is still to come (a source cannot be read then)."""
    today = dt.date.today()
    if day > today:
        raise ValueError(
            f"{what} {day.isoformat()} is in the future (expected today, "
            f"{today.isoformat()}, or earlier)"
        )
    return day


class Item(BaseModel):
    """Base of every data item: unknown fields are refused, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Cited(Item):
    """One sentence or point, with the sources that back it."""

    text: Text
    sources: Sources


class LeafletCited(Cited):
    """A key point or action step; ``leaflet: true`` puts it on the article's printed leaflet."""

    leaflet: bool = Field(False, description="Shown on the two-page printed leaflet too.")


class Passage(Item):
    """The source's own words that state a claim: the shortest verbatim passage that does."""

    id: Id = Field(description="Unique within its reference; citations name it after '#'.")
    quote: Text = Field(description="The source's exact words, copied, not paraphrased.")
    read: dt.date = Field(description="The day an editor read these words, as YYYY-MM-DD.")
    via: WebUrl | None = Field(
        None,
        description="Where the words were read, when that was a faithful copy of the page "
        "rather than the page itself: its address exactly as read (http:// or https://).",
    )

    @field_validator("read")
    @classmethod
    def _read_not_in_future(cls, read: dt.date) -> dt.date:
        return not_after_today(read, "read")


class Reference(Item):
    """A published source that data items cite."""

    id: Id
    title: Text
    publisher: Text
    url: HttpsUrl
    accessed: dt.date | None = Field(
        None, description="Date an editor last opened the page and checked it, as YYYY-MM-DD."
    )
    supports: str | None = Field(
        None,
        description="What the site uses this source for (the claims or the section of the "
        "source), shown on the Sources page so a reviewer can check a claim quickly.",
    )
    passages: list[Passage] = Field(
        default_factory=list,
        description="The passages of this source that citations name (`id#passage`).",
    )

    @field_validator("accessed")
    @classmethod
    def _accessed_not_in_future(cls, accessed: dt.date | None) -> dt.date | None:
        return None if accessed is None else not_after_today(accessed, "accessed")

    @field_validator("passages")
    @classmethod
    def _passage_ids_unique(cls, passages: list[Passage]) -> list[Passage]:
        seen: set[str] = set()
        for passage in passages:
            if passage.id in seen:
                raise ValueError(f"duplicate passage id {passage.id!r} (expected each id once)")
            seen.add(passage.id)
        return passages

    def passage(self, passage_id: str) -> Passage | None:
        """The passage with this id, if the reference has one."""
        return next((p for p in self.passages if p.id == passage_id), None)


#: The levels of "when to get help", most urgent first; a page shows them in NHS order
#: (``CARE_ORDER``), least urgent first, each under its action.
CARE_LEVELS = ("emergency", "urgent", "routine")
CARE_ORDER = ("routine", "urgent", "emergency")
CareKey = Literal["emergency", "urgent", "routine"]


class Mechanism(Item):
    """A way that low vitamin B12 harms nerves, blood or muscles: what happens in the body,
    and how it recovers with treatment, each sentence with the source that states it."""

    id: Id
    name: Text
    summary: list[Cited] = Field(
        min_length=1,
        description="What happens in the body, in plain sentences; each item cites the "
        "passage that states all of it.",
    )
    recovery: list[Cited] = Field(
        default_factory=list,
        description="How and how fast this recovers once treatment starts, each item cited.",
    )


class CareAdvice(Cited):
    """When to get help with one symptom: a level of the care card and the words that finish
    its action heading ("See a GP if:" … ``text``), with the source that grades it so."""

    level: CareKey = Field(
        description="emergency (call 999/911 now), urgent (urgent GP appointment or 111 today) "
        "or routine (see a GP): the level the cited source gives it."
    )


class Symptom(Item):
    """A symptom, named in medical and everyday words, with how urgent it is."""

    id: Id
    name: Text = Field(description="Plain-language name used as the page title.")
    medical_term: str | None = Field(None, description="The medical word, if there is one.")
    lay_terms: list[Text] = Field(
        min_length=1, description="Everyday words people use for it; these drive search."
    )
    feels_like: Text = Field(description="What it feels like; `sources` back this text.")
    body_areas: list[Text] = Field(min_length=1)
    mechanisms: Annotated[list[Id], RefTo("mechanisms")] = Field(
        min_length=1, description="Ids from mechanisms.yml."
    )
    how_b12_causes_it: list[Cited] = Field(
        min_length=1,
        description="How low B12 is linked to it, one or two sentences per item, each citing "
        "the passage that states all of it (and saying so where the link is indirect).",
    )
    care: CareAdvice = Field(
        description="The level that applies by default, shown first on the symptom's page."
    )
    red_flags: list[CareAdvice] = Field(
        default_factory=list,
        description="Signs with this symptom that need help sooner than `care`, each at the "
        "level its source gives it.",
    )
    advice: list[Cited] = Field(
        default_factory=list, description="Everyday things a reader can do, each cited."
    )
    sources: Sources

    @field_validator("red_flags")
    @classmethod
    def _red_flags_more_urgent(
        cls, red_flags: list[CareAdvice], info: ValidationInfo
    ) -> list[CareAdvice]:
        care = info.data.get("care")
        if care is None:
            return red_flags
        rank = CARE_LEVELS.index(care.level)
        allowed = " or ".join(repr(k) for k in CARE_LEVELS[:rank])
        problems = [
            f"red_flags[{index}] has level {flag.level!r}, not more urgent than care.level "
            f"{care.level!r} (expected {allowed or 'none: emergency is the top level'}; a "
            "sign at the default level belongs in care.text)"
            for index, flag in enumerate(red_flags)
            if CARE_LEVELS.index(flag.level) >= rank
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return red_flags


class ComparisonRow(Item):
    """One feature compared across the table's columns."""

    feature: Text
    cells: list[Text | None] = Field(
        description="One cell per column, in column order; null where the source gives nothing."
    )


class ComparisonColumn(Item):
    """One thing compared (a cause, or 'What this tells you'), with the sources that state
    what its cells say: for a condition, a page about that condition."""

    name: Text
    sources: Sources


class Comparison(Item):
    """A table comparing B12-related symptoms with other causes."""

    id: Id
    article: Annotated[Id, RefTo("articles")] = Field(
        description="Slug of the article (articles.yml) the table belongs to."
    )
    title: Text
    caption: Text
    row_header: Text = Field(description="Heading of the first column, such as 'Feature'.")
    columns: list[ComparisonColumn] = Field(min_length=2)
    rows: list[ComparisonRow] = Field(min_length=1)
    symptoms: Annotated[list[Id], RefTo("symptoms")] = Field(
        default_factory=list, description="Symptoms the table covers."
    )
    sources: Sources

    @model_validator(mode="after")
    def _cells_match_columns(self) -> Comparison:
        for index, row in enumerate(self.rows):
            if len(row.cells) != len(self.columns):
                raise ValueError(
                    f"rows[{index}] ({row.feature!r}) has {len(row.cells)} cells "
                    f"(expected {len(self.columns)}, one per column)"
                )
        return self


#: A metric amount as the sources write it: "85 g", "250 ml", "1 slice (36 g)".
_METRIC = re.compile(r"\d\s*(?:g|kg|ml|l)\b")


class Food(Item):
    """A food and how much vitamin B12 one serving gives (US figures from NIH ODS; a metric
    serving only where a source gives one)."""

    id: Id
    name: Text
    serving: Text = Field(description="The serving as the US source gives it, such as '3 ounces'.")
    serving_metric: str | None = Field(
        None,
        description="The same serving in metric units (grams or millilitres), only where a cited "
        "source gives it, such as '85 g'. Never converted by hand.",
    )
    mcg: float = Field(ge=0, description="Micrograms of B12 per serving (lower bound of a range).")
    mcg_max: float | None = Field(
        None, ge=0, description="Upper bound, where the source gives a range."
    )
    percent_dv: int = Field(
        ge=0, description="Percent of the US Daily Value (lower bound of a range)."
    )
    percent_dv_max: int | None = Field(None, ge=0)
    group: Literal["animal", "fortified", "plant"]
    vegan: bool
    note: str | None = None
    sources: Sources

    @field_validator("serving_metric")
    @classmethod
    def _metric_units(cls, value: str | None) -> str | None:
        if value is not None and not _METRIC.search(value):
            raise ValueError(
                f"serving_metric {value!r} gives no metric amount (expected grams or "
                "millilitres as the source writes them, such as '85 g' or '250 ml')"
            )
        return value

    @model_validator(mode="after")
    def _ranges_ascend(self) -> Food:
        if self.mcg_max is not None and self.mcg_max <= self.mcg:
            raise ValueError(f"mcg_max {self.mcg_max} is not above mcg {self.mcg}")
        if self.percent_dv_max is not None and self.percent_dv_max <= self.percent_dv:
            raise ValueError(
                f"percent_dv_max {self.percent_dv_max} is not above percent_dv {self.percent_dv}"
            )
        return self


class Intake(Item):
    """The recommended daily amount for one life stage, in the UK or in the US. The food
    guide shows the UK amounts first."""

    id: Id
    country: Literal["UK", "US"] = Field(
        description="Whose advice this is: UK (Food Standards Scotland, NHS) or US (NIH ODS)."
    )
    life_stage: Text
    mcg: float = Field(gt=0, description="Micrograms a day, as the source gives it.")
    approximate: bool = Field(
        False, description="true where the source says 'about' or 'approximately'."
    )
    sources: Sources


class DiagnosticTest(Item):
    """A test a doctor may order, and what it shows."""

    id: Id
    name: Text
    what_it_measures: Text
    what_it_shows: Text
    sources: Sources


#: The causes the treatments guide explains, in the order it shows them; treatments.yml holds
#: exactly one entry for each (its id).
TREATMENT_CAUSES = ("diet", "medicines", "malabsorption", "nerve-involvement", "nitrous-oxide")
TreatmentCause = Literal["diet", "medicines", "malabsorption", "nerve-involvement", "nitrous-oxide"]
#: The most a treatment summary may say: it is one line in an article.
SUMMARY_CHARS = 240


class Treatment(Item):
    """How low B12 is treated when it has one cause. treatments.yml holds one entry per cause
    (diet, medicines, malabsorption, nerve-involvement, nitrous-oxide); each statement carries
    its own sources."""

    id: TreatmentCause = Field(
        description="The cause this entry is for: one of " + ", ".join(TREATMENT_CAUSES) + "."
    )
    name: Text = Field(description="The heading, such as 'If your diet is the cause'.")
    summary: Cited = Field(
        description=f"One short sentence (at most {SUMMARY_CHARS} characters) that "
        "treatment_summary() shows on articles."
    )
    treatment: Cited = Field(description="What the treatment is and how it is given.")
    how_often: Cited
    how_long: Cited
    notes: list[Cited] = Field(
        default_factory=list, description="Other points for this cause, each with its sources."
    )
    risk_groups: Annotated[list[Id], RefTo("risk_groups")] = Field(
        default_factory=list, description="Groups in risk_groups.yml this cause concerns."
    )

    @field_validator("summary")
    @classmethod
    def _summary_is_short(cls, summary: Cited) -> Cited:
        if len(summary.text) > SUMMARY_CHARS:
            raise ValueError(
                f"summary is {len(summary.text)} characters (expected at most {SUMMARY_CHARS}: "
                "one short sentence; put the detail in treatment, how_often, how_long or notes)"
            )
        return summary

    @classmethod
    def check_collection(cls, items: list[Treatment]) -> list[str]:
        """Problems of the file as a whole: a cause with no entry."""
        present = {t.id for t in items}
        return [
            f"no entry for the cause {cause!r} (expected one entry per cause: "
            + ", ".join(TREATMENT_CAUSES)
            + ")"
            for cause in TREATMENT_CAUSES
            if cause not in present
        ]


class RiskGroup(Item):
    """People more likely to run low on vitamin B12."""

    id: Id
    name: Text
    why: Text
    examples: list[Text] = Field(default_factory=list, description="Named conditions or medicines.")
    sources: Sources
    notes: list[Cited] = Field(
        default_factory=list,
        description="What else a reader in this group should know (such as not stopping a "
        "medicine on their own), each with its own sources; shown after the examples.",
    )


class Faq(Item):
    """A question a reader asks, and its answer."""

    id: Id
    question: Text
    answer: Text
    articles: Annotated[list[Id], RefTo("articles")] = Field(
        description="Slugs of the articles whose FAQ shows it; [] for the FAQ page only "
        "(every entry is there)."
    )
    sources: Sources


class Term(Item):
    """A medical word and its plain-language meaning."""

    id: Id
    term: Text
    aliases: list[Text] = Field(default_factory=list, description="Other forms of the word.")
    definition: Text
    sources: Sources


_SEARCH_WORD = re.compile(r"[a-z0-9][a-z0-9']*(?: [a-z0-9'][a-z0-9']*)*")


def _search_word(value: str) -> str:
    """A search word as the search compares it: lower case, single spaces."""
    if not _SEARCH_WORD.fullmatch(value):
        raise ValueError(
            "must be lower-case words (letters, digits, apostrophes) separated by single"
            f" spaces, such as 'jab' or 'pins and needles' (got {value!r})"
        )
    return value


SearchWord = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_search_word),
    Field(
        description="A lower-case word, or words separated by single spaces (letters, digits,"
        " apostrophes), such as `jab` or `pins and needles`.",
        json_schema_extra={"pattern": _SEARCH_WORD.pattern.join("^$")},
    ),
]


class WordMap(Item):
    """Words a reader types (each a word or a phrase) and the site's words for them."""

    reader: list[SearchWord] = Field(min_length=1, description="What readers type.")
    site: SearchWord = Field(description="The words the site uses for the same thing.")


_SECTION = re.compile(
    r"(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*[a-z0-9]+(?:-[a-z0-9]+)*\.md(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?"
)


def _section(value: str) -> str:
    if not _SECTION.fullmatch(value):
        raise ValueError(
            "must be a page's source file under docs/ and a heading's anchor, such as"
            f" 'guides/treatments.md#recovery' or 'index.md#when-to-get-help' (got {value!r})"
        )
    return value


class Answer(Item):
    """Words of a question and the section that answers it, put first when a query has them."""

    reader: list[SearchWord] = Field(min_length=1, description="Words of the question.")
    section: Annotated[str, AfterValidator(_section)] = Field(
        description="The answering section: the page's source file under docs/ and the"
        " heading's anchor, 'guides/treatments.md#recovery' (a test checks that the built"
        " site has it).",
        json_schema_extra={"pattern": _SECTION.pattern.join("^$")},
    )
    alone: bool = Field(
        False, description="Only when the query (without stop words) is these words and no more."
    )

    @property
    def url(self) -> str:
        """The section's address in the built site (``guides/treatments/#recovery``)."""
        path, _, anchor = self.section.partition("#")
        return page_url(path) + (f"#{anchor}" if anchor else "")


class SearchWords(Item):
    """How the site search reads a query (data/search.yml): the browser rewrites each query
    with these lists before the search looks it up."""

    spellings: list[WordMap] = Field(
        default_factory=list,
        description="Another spelling (US, or a common one) and the site's: the query keeps"
        " the site's only.",
    )
    words: list[WordMap] = Field(
        default_factory=list,
        description="A reader's word or phrase and the site's words for it, added to the query.",
    )
    answers: list[Answer] = Field(
        default_factory=list,
        description="Question words and the section that answers them, listed first; the"
        " first entry whose words are in the query wins.",
    )
    stop_words: list[SearchWord] = Field(
        default_factory=list, description="Words left out of a query that has other words."
    )
    common_words: list[SearchWord] = Field(
        default_factory=list,
        description="Words on nearly every page, left out of a query that has other words.",
    )

    @model_validator(mode="after")
    def each_word_means_one_thing(self) -> SearchWords:
        """A reader's word is in one entry only, and is not a stop or common word."""
        seen: dict[str, str] = {}
        for kind in ("spellings", "words"):
            for i, entry in enumerate(getattr(self, kind)):
                for word in entry.reader:
                    if word in seen:
                        raise ValueError(
                            f"{kind}[{i}]: {word!r} is already in {seen[word]} (expected each"
                            " reader word in one entry only)"
                        )
                    seen[word] = f"{kind}[{i}]"
        for kind in ("stop_words", "common_words"):
            for word in getattr(self, kind):
                if word in seen:
                    raise ValueError(
                        f"{kind}: {word!r} is also a reader word in {seen[word]} (expected a"
                        " word to be either left out or mapped, not both)"
                    )
        return self


#: Where the emergency level's heading names the numbers: "999 (UK) or 911 (US)".
NUMBERS = "{numbers}"


class CareLevel(Item):
    """One level of the 'when to get help' card: its action as the heading, then the signs,
    each cited on its own (no citation in the heading)."""

    label: Text = Field(
        description="The kind of advice, as NHS care cards name it: 'Non-urgent advice', "
        "'Urgent advice' or 'Immediate action required'."
    )
    heading: Text = Field(
        description="The action, ending 'if:' (\"See a GP if:\"). The emergency heading holds "
        "{numbers} where the emergency numbers go."
    )
    short: Text = Field(
        description="The action in a few words for a symptom page's first screen, such as "
        "'See a GP'."
    )
    signs: list[Cited] = Field(
        min_length=1, description="Each sign on its own, with the passage that grades it here."
    )
    notes: list[Cited] = Field(
        default_factory=list, description="What else to know at this level, each cited."
    )

    @field_validator("heading")
    @classmethod
    def _heading_is_an_action(cls, heading: str) -> str:
        if not heading.endswith("if:"):
            raise ValueError(
                f"heading {heading!r} does not end with 'if:' (expected the action, then the "
                "signs, as NHS care cards do: 'See a GP if:')"
            )
        return heading


class EmergencyNumber(Item):
    """The number to call in an emergency in one country."""

    country: Text = Field(description="Where the number works, such as 'UK'.")
    number: Text = Field(description="The number to dial, such as '999'.")


class Care(Item):
    """The 'when to get help' card: three levels of urgency, each with its action as the
    heading; the emergency numbers stay data and fill the emergency heading."""

    emergency_numbers: list[EmergencyNumber] = Field(
        min_length=1,
        description="Named in the emergency heading, before 'or your local emergency number'.",
    )
    emergency: CareLevel = Field(description="Call an emergency number now.")
    urgent: CareLevel = Field(description="Urgent GP appointment or NHS 111 today.")
    routine: CareLevel = Field(description="See a GP.")

    @field_validator("emergency")
    @classmethod
    def _numbers_in_the_emergency_heading(cls, level: CareLevel) -> CareLevel:
        if level.heading.count(NUMBERS) != 1:
            raise ValueError(
                f"heading {level.heading!r} must hold {NUMBERS} once, where the emergency "
                "numbers go (expected such as 'Call {numbers}, or your local emergency "
                "number, if:')"
            )
        return level

    @field_validator("urgent", "routine")
    @classmethod
    def _numbers_only_in_an_emergency(cls, level: CareLevel) -> CareLevel:
        if NUMBERS in level.heading or NUMBERS in level.short:
            raise ValueError(f"holds {NUMBERS} (expected it only in the emergency level)")
        return level

    @property
    def numbers(self) -> str:
        """``999 (UK) or 911 (US)``: the emergency numbers as a heading names them."""
        named = [f"{n.number} ({n.country})" for n in self.emergency_numbers]
        return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]

    def heading(self, key: str) -> str:
        """The action heading of a level, with the emergency numbers filled in."""
        level: CareLevel = getattr(self, key)
        return level.heading.replace(NUMBERS, self.numbers)

    def short(self, key: str) -> str:
        """The action of a level in a few words, with the emergency numbers filled in."""
        level: CareLevel = getattr(self, key)
        return level.short.replace(NUMBERS, self.numbers)


class Reviewer(Item):
    """A named clinician who reviewed an article. Only ever a real person who did."""

    name: Text
    credentials: Text = Field(description="Qualifications and role, such as 'MBBS, MRCGP, GP'.")


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(day: dt.date) -> str:
    """``22 November 2026``, the same on every platform and locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


ReviewStatus = Literal["draft", "editorial-review", "clinical-review"]
#: How each review status reads on the page, in the PDFs and on the about page.
REVIEW_STATUS_LABELS: dict[str, str] = {
    "draft": "Draft: not yet checked against its sources",
    "editorial-review": "Checked against its sources by the editorial team; "
    "not yet reviewed by a clinician",
    "clinical-review": "Reviewed by a clinician",
}


class Reviewed(Item):
    """How far a page has been reviewed: its status, dates and (for a clinical review
    only) the clinician. Articles carry their own; ``review.yml`` holds the one for every
    other page (guides, symptom pages, help pages, the home page)."""

    review_status: ReviewStatus = Field(
        description="draft (not yet checked), editorial-review (checked against its sources "
        "by the editors) or clinical-review (signed off by the named clinician)."
    )
    reviewed: dt.date = Field(description="Date of the last review at that status, YYYY-MM-DD.")
    review_due: dt.date = Field(description="Date the next review is due, as YYYY-MM-DD.")
    reviewer: Reviewer | None = Field(
        None, description="The clinician who signed off; required for clinical-review only."
    )

    @field_validator("review_due")
    @classmethod
    def _review_due_after_reviewed(cls, review_due: dt.date, info: ValidationInfo) -> dt.date:
        reviewed = info.data.get("reviewed")
        if reviewed is not None and review_due <= reviewed:
            raise ValueError(
                f"review_due {review_due} is not after reviewed {reviewed} (expected a later date)"
            )
        return review_due

    @property
    def reviewed_text(self) -> str:
        """``22 November 2026``: the review date as the pages and PDFs print it."""
        return long_date(self.reviewed)

    @property
    def review_due_text(self) -> str:
        """The date the next review is due, as the pages and PDFs print it."""
        return long_date(self.review_due)

    @property
    def review_label(self) -> str:
        """The review status in words, naming the clinician where there is one."""
        label = REVIEW_STATUS_LABELS[self.review_status]
        if self.reviewer is not None:
            label += f": {self.reviewer.name}, {self.reviewer.credentials}"
        return label

    @model_validator(mode="after")
    def _reviewer_matches_status(self) -> Reviewed:
        if self.review_status == "clinical-review" and self.reviewer is None:
            raise ValueError("review_status clinical-review needs a reviewer (name, credentials)")
        if self.review_status != "clinical-review" and self.reviewer is not None:
            raise ValueError(
                f"a reviewer is named only for clinical-review (status is {self.review_status})"
            )
        return self


class SiteReview(Reviewed):
    """The review of the pages that are not articles (data/review.yml)."""


class Article(Reviewed):
    """An article's metadata; its prose lives in docs/articles/<id>.md."""

    id: Id = Field(description="The article's slug; its page is docs/articles/<id>.md.")
    title: Text = Field(description="The reader's question.")
    nav_title: Text
    summary: Text = Field(description="Quick summary; also the page's meta description.")
    lead: Cited
    key_points: list[LeafletCited] = Field(min_length=3)
    action_steps: list[LeafletCited] = Field(min_length=1)
    questions: list[Text] = Field(
        min_length=3,
        max_length=6,
        description="Questions to ask your doctor; shown on the article and its leaflet.",
    )
    leaflet_foods: Annotated[list[Id], RefTo("foods")] = Field(
        default_factory=list, max_length=6, description="Foods (foods.yml) the leaflet lists."
    )
    symptoms: Annotated[list[Id], RefTo("symptoms")] = Field(
        min_length=1, description="Symptoms the article covers."
    )

    @model_validator(mode="after")
    def _leaflet_chosen(self) -> Article:
        for field in ("key_points", "action_steps"):
            if not any(item.leaflet for item in getattr(self, field)):
                raise ValueError(f"no {field} item has 'leaflet: true' (the leaflet needs one)")
        return self


@dataclass(frozen=True)
class SiteData:
    """All the data: each field is one file of ``data/``, ``<field>.yml``, in the order
    they load: ``dict[str, Model]`` for a list of items with ids (keyed by id, in file
    order), a bare model for a file holding one item. A new data file is its model above
    and its field here; the loader, the JSON Schemas and the open data follow from it."""

    references: dict[str, Reference]
    mechanisms: dict[str, Mechanism]
    symptoms: dict[str, Symptom]
    comparisons: dict[str, Comparison]
    foods: dict[str, Food]
    intake: dict[str, Intake]
    tests: dict[str, DiagnosticTest]
    treatments: dict[str, Treatment]
    risk_groups: dict[str, RiskGroup]
    faq: dict[str, Faq]
    glossary: dict[str, Term]
    care: Care
    search: SearchWords
    review: SiteReview
    articles: dict[str, Article]
