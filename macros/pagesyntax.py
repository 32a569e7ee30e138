"""A page's Jinja as the engines read it: the page syntax of the macros settings, and the
macro calls whose arguments are written out. The one reader of macro calls in page
sources: the page check tries each call before any page renders (macros/pagecheck.py), and
the Sources page lists the sentences each ``cite()`` call backs (macros/evidence.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, nodes

#: The macros settings (``j2_*`` in mkdocs.yml's ``macros`` plugin) that set the page syntax.
_SYNTAX = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
)


def page_syntax(settings: Mapping[str, Any]) -> Environment:
    """A Jinja environment with the page syntax of the macros plugin's ``settings`` (only
    for reading pages' syntax trees)."""
    options = {name: settings[f"j2_{name}"] for name in _SYNTAX if settings.get(f"j2_{name}")}
    return Environment(**options)  # noqa: S701 (parsed, never rendered)


@dataclass(frozen=True)
class WrittenCall:
    """A call of a macro by its name whose arguments are all constants: its line (of the
    text parsed), the name, and the arguments."""

    line: int
    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


def written_call(call: nodes.Call) -> WrittenCall | None:
    """The call, if it names a macro and writes out every argument; None if only the
    render knows them (a variable, ``*args``)."""
    if (
        not isinstance(call.node, nodes.Name)
        or call.dyn_args is not None
        or call.dyn_kwargs is not None
    ):
        return None
    try:
        args = tuple(a.as_const() for a in call.args)
        kwargs = {k.key: k.value.as_const() for k in call.kwargs}
    except nodes.Impossible:
        return None
    return WrittenCall(call.lineno, call.node.name, args, kwargs)


def written_calls(tree: nodes.Node) -> Iterator[WrittenCall]:
    """Each call in ``tree`` whose arguments are written out, in the order of the source."""
    for call in tree.find_all(nodes.Call):
        found = written_call(call)
        if found is not None:
            yield found
