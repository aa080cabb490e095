"""Pydantic validation errors rewritten for people who edit YAML files by hand.

Pydantic says `Input should be 'text', 'boolean', ...`; an author needs
`'numbr' is not a field kind; use one of text, boolean, ...`.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Sequence

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from forcegen.model.capability import KEY_PATTERN
from forcegen.model.question_field import FIELD_KEY_PATTERN
from forcegen.model.suggestion import did_you_mean

# What to call a choice field in messages, by the model that holds it.
_NOUNS = {"Field": "field", "AudienceRule": "audience", "Driver": "driver"}

_PATTERN_HINTS = {
    FIELD_KEY_PATTERN: "lower-case letters, digits and underscores, starting with a letter",
    KEY_PATTERN: "lower-case names joined by dots, e.g. 'land.combat' or 'us.air_cover'",
}

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "dict_type": "a mapping (key: value entries)",
    "model_type": "a mapping (key: value entries)",
    "model_attributes_type": "a mapping (key: value entries)",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "frozen_set_type": "a list",
}


def describe_error(
    error: ErrorDetails, schema: type[BaseModel]
) -> tuple[tuple[int | str, ...], str]:
    """The place (a pydantic location) and a message saying what is wrong and what to do."""
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    name = str(loc[-1]) if loc else "value"
    if kind in ("enum", "literal_error"):
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        noun = _noun(schema, loc)
        article = "an" if noun[:1] in "aeiou" else "a"
        return loc, f"{_shown(value)} is not {article} {noun}; use one of {', '.join(choices)}"
    if kind == "missing":
        return loc, f"{name!r} is missing; add it"
    if kind == "extra_forbidden":
        return loc, _unknown_entry(schema, loc)
    if kind == "value_error":
        return loc, str(ctx.get("error", error["msg"]))
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        hint = _PATTERN_HINTS.get(pattern, f"text matching {pattern}")
        return loc, f"{_shown(value)} is not a valid {name}; use {hint}"
    if kind in _TYPE_NAMES:
        return loc, _wrong_type(_TYPE_NAMES[kind], value)
    limit = _limit_message(kind, value, ctx)
    if limit is not None:
        return loc, limit
    return loc, f"{_lower_first(error['msg'])} (got {_shown(value)})"


def is_follow_on(error: ErrorDetails, others: Sequence[ErrorDetails]) -> bool:
    """Whether `error` only repeats another (a list too short because an entry failed)."""
    loc = tuple(error["loc"])
    return error["type"] == "too_short" and any(
        len(other["loc"]) > len(loc) and tuple(other["loc"][: len(loc)]) == loc for other in others
    )


# Pydantic's bound errors: the context key holding the bound, and how to say it.
_BOUNDS = {
    "greater_than": ("gt", "above"),
    "greater_than_equal": ("ge", "of at least"),
    "less_than": ("lt", "below"),
    "less_than_equal": ("le", "of at most"),
}


def _limit_message(kind: str, value: object, ctx: dict[str, object]) -> str | None:
    if kind in _BOUNDS:
        key, phrase = _BOUNDS[kind]
        bound = ctx.get(key)
        shown = f"{bound:g}" if isinstance(bound, float) else str(bound)
        return f"{_shown(value)} is out of range; use a number {phrase} {shown}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} entries; add them"
    if kind == "too_long":
        return f"has more than {ctx.get('max_length')} entries; remove some"
    return None


def _wrong_type(expected: str, value: object) -> str:
    if value is None:
        return f"is empty; enter {expected}"
    message = f"expected {expected}, got {_shown(value)}"
    if isinstance(value, bool) and expected == "text":
        # YAML 1.1 reads yes/no/on/off as booleans.
        message += '; put quotes around words like yes, no, on and off, e.g. "yes"'
    return message


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    shown = repr(value)
    return shown if len(shown) <= 60 else f"{shown[:57]}..."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _noun(schema: type[BaseModel], loc: Sequence[int | str]) -> str:
    owner = _model_at(schema, loc[:-1])
    field = str(loc[-1]).replace("_", " ") if loc else "value"
    prefix = _NOUNS.get(owner.__name__) if owner is not None else None
    return f"{prefix} {field}" if prefix else f"valid {field}"


def _unknown_entry(schema: type[BaseModel], loc: Sequence[int | str]) -> str:
    name = str(loc[-1])
    owner = _model_at(schema, loc[:-1])
    if owner is None:
        return f"{name!r} is not a known entry here; remove it"
    known = list(owner.model_fields)
    hint = did_you_mean(name, known)
    return f"{name!r} is not a known entry here; remove it or use one of {', '.join(known)}{hint}"


def _model_at(schema: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class found by following `loc` through `schema`'s field annotations."""
    current: type[BaseModel] | None = schema
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        current = _model_in(current.model_fields[part].annotation)
    return current


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) is typing.Literal:
        return None
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
