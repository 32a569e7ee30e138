"""Load every file in ``data/`` once, validate it, and return one typed ``Site``.

Errors are collected across all files, not stopped at the first, and each names the
file, line, column and field.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import DataError, DataErrors, show
from .model import (
    MAX_REFERENCES_PER_CITATION,
    Reference,
    RefTo,
    SiteData,
    split_citation,
)
from .yamlpos import Path_, Positioned, dotted, load_positioned

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Site(SiteData):
    """All validated data (the files of ``SiteData`` in macros/model.py), with where each
    file and item was read from."""

    origins: Origins = field(default_factory=lambda: Origins({}, {}))

    def collection(self, name: str) -> dict[str, Any]:
        """A list file's items by id (``"symptoms"``); a single-item file gives {}."""
        value = getattr(self, name)
        return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Origins:
    """Where each file was read from (as shown in messages) and where each item starts."""

    files: dict[str, str]
    lines: dict[tuple[str, str], tuple[int, int]]

    def of(self, collection: str, item_id: str) -> tuple[str, int, int]:
        """``("data/articles.yml", line, col)`` of an item, for an error message."""
        line, col = self.lines.get((collection, item_id), (1, 1))
        return self.files.get(collection, f"data/{collection}.yml"), line, col


#: A file with more errors than this is not checked further (a broken or hostile file
#: of millions of items would otherwise take minutes and gigabytes to report).
MAX_ERRORS_PER_FILE = 50


def _data_files() -> dict[str, tuple[type[BaseModel], bool]]:
    """Each data file (a field of ``Site``), the model of one item, and whether the file is
    a list of items."""
    hints = get_type_hints(Site)
    files: dict[str, tuple[type[BaseModel], bool]] = {}
    for entry in dataclasses.fields(Site):
        hint = hints[entry.name]
        if get_origin(hint) is dict:
            files[entry.name] = (get_args(hint)[1], True)
        elif isinstance(hint, type) and issubclass(hint, BaseModel):
            files[entry.name] = (hint, False)
    return files


#: Each data file, the model of one item, and whether the file is a list of items.
FILES = _data_files()


def _fields_at(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """Names of the fields of the model found by following ``loc`` from ``model``."""
    for part in loc:
        if isinstance(model, type) and issubclass(model, BaseModel):
            info = model.model_fields.get(str(part))
            model = info.annotation if info else None
        elif get_origin(model) is list:
            model = get_args(model)[0]
        else:
            return []
    while get_origin(model) is list:
        model = get_args(model)[0]
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


#: What a value of each kind must be, in words (pydantic's error type → our wording).
_MUST = {
    "string_type": "must be text",
    "list_type": "must be a list (lines starting with '- ', or [a, b])",
    "model_type": "must be a mapping of field: value",
    "dict_type": "must be a mapping of field: value",
    "model_attributes_type": "must be a mapping of field: value",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_type": "must be a whole number",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_type": "must be a date written YYYY-MM-DD",
    "string_too_short": "must not be empty",
    "none_required": "must be left empty",
}
#: Text fields checked against a pattern: what the pattern means, with an example.
_PATTERNS = {
    "url": "must be a full https:// address such as https://www.nhs.uk/conditions/",
    "via": "must be a full web address, as read, such as http://111.wales.nhs.uk/encyclopaedia/",
    "sources": "must be a citation 'reference-id#passage-id', such as "
    "nhs-leg-cramps#stretch (kebab-case ids joined by '#')",
    "": "must be a kebab-case id such as muscle-cramps "
    "(lower-case letters and digits joined by single hyphens)",
}


def _problem(err: Any, loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    """One pydantic error in the project's words: what the value must be, and what it was."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    got = f" (got {show(err['input'])})"
    if kind == "missing":
        return "required field is missing (expected a value)"
    if kind == "extra_forbidden":
        known = ", ".join(_fields_at(model, loc[:-1]))
        return f"unknown field {loc[-1]!r} (expected one of: {known})"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        field_name = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
        if len(loc) > 1 and loc[-2] == "sources":
            field_name = "sources"
        return _PATTERNS.get(field_name, _PATTERNS[""]) + got
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"needs at least {least} entr{'y' if least == 1 else 'ies'}{got}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}{got}"
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        than = "or more" if kind == "greater_than_equal" else "(more than that)"
        return f"must be a number of {bound} {than}{got}"
    if kind in _MUST:
        return _MUST[kind] + got
    return f"is not valid: {str(err['msg']).lower()}{got}"


def _convert(err: Any, model: type[BaseModel], item_path: Path_, src: Positioned) -> DataError:
    """One pydantic error → one DataError at the right place."""
    loc = tuple(p for p in err["loc"])
    path = (*item_path, *loc)
    line, col = src.place(path)
    return DataError(src.file, line, col, dotted(path), _problem(err, loc, model))


def _items(
    model: type[M], src: Positioned, errors: list[DataError], failed_ids: set[str]
) -> list[tuple[M, Path_]]:
    """Validate a file that is a list of items; return good items and their paths.

    The ids of items that fail are added to ``failed_ids``, so that references to them
    are not reported a second time as unknown.
    """
    if not isinstance(src.data, list):
        errors.append(
            DataError(
                src.file,
                1,
                1,
                "",
                f"file holds {type(src.data).__name__} (expected a list of items, each starting with '- ')",
            )
        )
        return []
    good: list[tuple[M, Path_]] = []
    found = 0
    for index, raw in enumerate(src.data):
        try:
            good.append((model.model_validate(raw), (index,)))
        except ValidationError as exc:
            found += len(exc.errors())
            errors.extend(_convert(e, model, (index,), src) for e in exc.errors())
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                failed_ids.add(raw["id"])
            if found >= MAX_ERRORS_PER_FILE and index + 1 < len(src.data):
                line, col = src.place((index + 1,))
                problem = (
                    f"checking stopped after {found} errors in this file, "
                    f"{len(src.data) - index - 1} items unchecked (expected far fewer: fix these first)"
                )
                errors.append(DataError(src.file, line, col, "", problem))
                break
    return good


def _unique(items: list[tuple[M, Path_]], src: Positioned, errors: list[DataError]) -> dict[str, M]:
    """Key items by id, reporting each repeated id."""
    by_id: dict[str, M] = {}
    first_line: dict[str, int] = {}
    for item, path in items:
        key = str(getattr(item, "id"))  # noqa: B009 (M is any model with an id)
        line, col = src.place((*path, "id"))
        if key in by_id:
            errors.append(
                DataError(
                    src.file,
                    line,
                    col,
                    dotted((*path, "id")),
                    f"duplicate id {key!r} (first used on line {first_line[key]}; expected each id once)",
                )
            )
            continue
        by_id[key] = item
        first_line[key] = line
    return by_id


@functools.cache
def ref_fields(model: type[BaseModel]) -> dict[str, str]:
    """The fields of ``model`` marked ``RefTo(collection)``: field name → collection."""
    return {
        name: meta.collection
        for name, info in model.model_fields.items()
        for meta in info.metadata
        if isinstance(meta, RefTo)
    }


def refs(item: BaseModel, path: Path_ = ()) -> Iterator[tuple[str, Path_, str]]:
    """Every cross-reference in an item, nested items too: (collection, path, id)."""
    targets = ref_fields(type(item))
    for name, value in item:
        here = (*path, name)
        if name in targets:
            for i, entry in enumerate(value) if isinstance(value, list) else [(None, value)]:
                if isinstance(entry, str):
                    yield targets[name], here if i is None else (*here, i), entry
        elif isinstance(value, BaseModel):
            yield from refs(value, here)
        elif isinstance(value, list):
            for i, entry in enumerate(value):
                if isinstance(entry, BaseModel):
                    yield from refs(entry, (*here, i))


#: Every citation must name a passage of its reference and at most
#: ``MAX_REFERENCES_PER_CITATION`` references. (A test switches it off to show what the
#: rule refuses; the site's data and pages are always checked.)
CITATIONS_CHECKED = True


def citation_problem(
    citation: str, references: dict[str, Reference], shown_root: str = "data"
) -> str | None:
    """What is wrong with one citation (``ref-id#passage-id``), or None."""
    ref_id, passage_id = split_citation(citation)
    reference = references.get(ref_id)
    if reference is None:
        return (
            f"unknown reference id {ref_id!r} (expected an id from "
            f"{shown_root}/references.yml; {nearest(ref_id, references)})"
        )
    passages = [p.id for p in reference.passages]
    if passage_id is None:
        if not CITATIONS_CHECKED:
            return None
        choices = (
            f"its passages are: {', '.join(passages)}"
            if passages
            else f"add one under {ref_id!r} in {shown_root}/references.yml"
        )
        return (
            f"citation {citation!r} names no passage (expected '{ref_id}#<passage id>', the "
            f"source's words that state the claim; {choices})"
        )
    if reference.passage(passage_id) is None:
        return (
            f"unknown passage {passage_id!r} of {ref_id!r} (expected a passage id listed under "
            f"{ref_id!r} in {shown_root}/references.yml; {nearest(passage_id, passages)})"
        )
    return None


def too_many_references(citations: Iterable[str]) -> str | None:
    """The problem with a citation naming more references than one sentence may, or None."""
    named = dict.fromkeys(split_citation(c)[0] for c in citations)
    if len(named) <= MAX_REFERENCES_PER_CITATION:
        return None
    return (
        f"cites {len(named)} references ({', '.join(named)}); expected at most "
        f"{MAX_REFERENCES_PER_CITATION}: split the text so that each sentence cites the "
        "source whose passage states all of it"
    )


def citation_lists(item: BaseModel, path: Path_ = ()) -> Iterator[tuple[Path_, list[str]]]:
    """Every list of citations (a field marked ``RefTo("references")``) in an item, nested
    items too: (path, citations)."""
    targets = ref_fields(type(item))
    for name, value in item:
        here = (*path, name)
        if targets.get(name) == "references" and isinstance(value, list):
            yield here, list(value)
        elif isinstance(value, BaseModel):
            yield from citation_lists(value, here)
        elif isinstance(value, list):
            for i, entry in enumerate(value):
                if isinstance(entry, BaseModel):
                    yield from citation_lists(entry, (*here, i))


def nearest(wanted: str, known: Iterable[str], listed: int = 8) -> str:
    """A phrase naming the closest valid ids (or, if none is close, all of a few), for an
    error message."""
    choices = list(known)
    close = difflib.get_close_matches(wanted, choices, n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    if 0 < len(choices) <= listed:
        return "the ids are: " + ", ".join(repr(c) for c in choices)
    return "no close match"


def _collection_problems(
    model: type[BaseModel], items: dict[str, Any], src: Positioned, failed: set[str]
) -> list[DataError]:
    """Problems of a whole file that no single item shows (a model's ``check_collection``,
    such as a treatment cause with no entry); skipped while any item of the file is broken,
    so that one mistake is not reported twice."""
    check = getattr(model, "check_collection", None)
    if check is None or failed:
        return []
    return [DataError(src.file, 1, 1, "", problem) for problem in check(list(items.values()))]


def load_site(data_dir: Path, shown_root: str = "data") -> Site:
    """Load and check every data file; raise ``DataErrors`` listing every problem."""
    errors: list[DataError] = []
    collections: dict[str, Any] = {}
    sources: dict[str, Positioned] = {}
    paths: dict[str, list[tuple[BaseModel, Path_]]] = {}
    failed_ids: dict[str, set[str]] = {name: set() for name in FILES}
    for name, (model, is_list) in FILES.items():
        file = data_dir / f"{name}.yml"
        shown = f"{shown_root}/{name}.yml"
        if not file.is_file():
            errors.append(DataError(shown, 1, 1, "", "file is missing (expected it in data/)"))
            continue
        src, problems = load_positioned(file, shown)
        errors.extend(problems)
        if src is None:
            continue
        sources[name] = src
        if is_list:
            items = _items(model, src, errors, failed_ids[name])
            paths[name] = list(items)
            collections[name] = _unique(items, src, errors)
            errors.extend(_collection_problems(model, collections[name], src, failed_ids[name]))
        else:
            try:
                item = model.model_validate(src.data)
                collections[name] = item
                paths[name] = [(item, ())]
            except ValidationError as exc:
                errors.extend(_convert(e, model, (), src) for e in exc.errors())
    references = collections.get("references", {})
    for name, items in paths.items():
        src = sources[name]
        for item, path in items:
            for target, ref_path, wanted in refs(item, path):
                known = collections.get(target)
                if known is None or split_citation(wanted)[0] in failed_ids[target]:
                    continue
                if target == "references":
                    problem = citation_problem(wanted, references, shown_root)
                elif wanted in known:
                    continue
                else:
                    problem = (
                        f"unknown {target} id {wanted!r} (expected an id from "
                        f"{shown_root}/{target}.yml; {nearest(wanted, known)})"
                    )
                if problem:
                    line, col = src.place(ref_path)
                    errors.append(DataError(src.file, line, col, dotted(ref_path), problem))
            for list_path, cited in citation_lists(item, path):
                crowded = too_many_references(cited)
                if crowded and CITATIONS_CHECKED:
                    line, col = src.place(list_path)
                    errors.append(DataError(src.file, line, col, dotted(list_path), crowded))
    if errors:
        raise DataErrors(errors)
    lines = {
        (name, str(getattr(item, "id"))): sources[name].place((*path, "id"))  # noqa: B009
        for name, items in paths.items()
        for item, path in items
        if hasattr(item, "id")
    }
    return Site(**collections, origins=Origins({n: s.file for n, s in sources.items()}, lines))


def citation_counts(site: Site) -> dict[str, int]:
    """How often the data cites each reference: every ``sources`` list, nested ones too."""
    counts = dict.fromkeys(site.references, 0)
    for name in FILES:
        value = getattr(site, name)
        for item in value.values() if isinstance(value, dict) else [value]:
            for target, _, citation in refs(item):
                if target == "references":
                    counts[split_citation(citation)[0]] += 1
    return counts


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each data file, generated from the models."""
    out: dict[str, dict[str, Any]] = {}
    for name, (model, is_list) in FILES.items():
        schema = TypeAdapter(list[model] if is_list else model).json_schema()  # type: ignore[valid-type]
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"data/{name}.yml"
        schema.setdefault("description", (model.__doc__ or "").strip())
        out[name] = schema
    return out
