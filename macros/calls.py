"""Macro calls: a macro's arguments checked against its signature, with a message that
says how to call it, and the macro registered so that its mistakes are recorded at the
line of the call (macros/problems.py), not raised."""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable, Mapping
from typing import Any, Union, get_args, get_origin, get_type_hints

from .components import ComponentError
from .problems import Place, calling_line

# --- macro arguments ------------------------------------------------------------------


def describe(hint: Any) -> str:
    """An argument's type in words, for a message."""
    if get_origin(hint) in (Union, types.UnionType):
        return " or ".join(describe(a) for a in get_args(hint) if a is not type(None))
    if get_origin(hint) is list:
        return 'a list of ids such as ["muscle-cramps"]'
    return {
        str: 'text in quotes such as "muscle-cramps"',
        int: "a whole number such as 2",
        bool: "true or false",
    }.get(hint, getattr(hint, "__name__", str(hint)))


def fits(value: Any, hint: Any) -> bool:
    """Whether ``value`` (as Jinja passes it) is of the type ``hint``."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(fits(value, a) for a in get_args(hint))
    if hint is type(None):
        return value is None
    if origin is list:
        return isinstance(value, list) and all(fits(v, get_args(hint)[0]) for v in value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is Any:
        return True
    return isinstance(value, hint)


def signature_text(name: str, fn: Callable[..., Any]) -> str:
    """``faq(article=None, level=2, heading="Questions people ask")``: how to call a macro."""
    parts = []
    for p in inspect.signature(fn).parameters.values():
        star = "*" if p.kind is p.VAR_POSITIONAL else ""
        default = "" if p.default is p.empty else f"={p.default!r}"
        parts.append(f"{star}{p.name}{default}")
    return f"{name}({', '.join(parts)})"


def arity_problem(
    signature: inspect.Signature, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> str | None:
    """What is wrong with the number and names of the arguments of a call, in words, or
    None (the rules of ``inspect.Signature.bind``, stated here so the words are ours)."""
    params = list(signature.parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    star = any(p.kind is p.VAR_POSITIONAL for p in params)
    if len(args) > len(positional) and not star:
        return "was given too many arguments"
    by_name = {p.name: p for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    given = {p.name for p in positional[: len(args)]}
    for name in kwargs:
        if name not in by_name:
            return f"has no argument {name!r}"
        if name in given:
            return f"was given {name!r} twice"
    for p in params:
        required = p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        if required and p.name not in given and p.name not in kwargs:
            return f"needs the argument {p.name!r}"
    return None


def argument_problem(
    signature: inspect.Signature,
    hints: Mapping[str, Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> str | None:
    """What is wrong with calling a function of this signature and these type hints with
    these arguments, in words, or None."""
    wrong = arity_problem(signature, args, kwargs)
    if wrong is not None:
        return wrong
    bound = signature.bind(*args, **kwargs)
    for name, value in bound.arguments.items():
        hint = hints.get(name, Any)
        kind = signature.parameters[name].kind
        values = value if kind is inspect.Parameter.VAR_POSITIONAL else (value,)
        for one in values:
            if not fits(one, hint):
                return f"argument {name!r} must be {describe(hint)} (got {one!r})"
    return None


class MacroCall:
    """A macro's function with the checks of a call to it: its arguments against its
    signature and type hints, then what the function itself refuses (``ComponentError``).
    Both the page check (calls whose arguments are written out, before any page renders)
    and the rendering macro (``guarded``) call it."""

    def __init__(self, fn: Callable[..., str], name: str) -> None:
        self.fn, self.name = fn, name
        self.usage = signature_text(name, fn)
        # Computed here, once per macro of this build: a module-level cache keyed by these
        # per-build closures would keep every earlier build alive across `mkdocs serve`.
        self.signature, self.hints = inspect.signature(fn), get_type_hints(fn)

    def __call__(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[str, str | None]:
        """The macro's output, and what was wrong with the call (then the output is empty)."""
        wrong = argument_problem(self.signature, self.hints, args, kwargs)
        if wrong is not None:
            return "", f"{self.name}() {wrong}; call it as {self.usage}"
        try:
            return self.fn(*args, **kwargs), None
        except ComponentError as exc:
            return "", f"{self.name}(): {exc}"


def guarded(report: Callable[[Place, str], None], call: MacroCall) -> Callable[..., str]:
    """A macro whose mistakes are recorded (``report``) at the line of its call, not raised.

    The call returns nothing, the page goes on rendering (so every bad call on it is
    found), and the build fails once all pages are done.
    """

    @functools.wraps(call.fn)
    def macro(*args: Any, **kwargs: Any) -> str:
        out, wrong = call(args, kwargs)
        if wrong is not None:
            report(calling_line(), wrong)
        return out

    return macro
