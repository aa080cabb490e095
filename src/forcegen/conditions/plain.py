"""Plain words: a condition as a sentence a diplomat reads without knowing the syntax.

us.air_cover and ceasefire and troops(GBR) >= 5000
->  US air cover and Ceasefire in force and the United Kingdom sends at least 5,000
    personnel
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from forcegen.conditions.ast import (
    And,
    Comparison,
    Const,
    DriverRef,
    Expr,
    Function,
    Not,
    Or,
    Threshold,
)
from forcegen.model.common_name import with_article


@dataclass(frozen=True, slots=True)
class PlainNames:
    """What people call each name a condition may use; unknown names stay as written."""

    drivers: Mapping[str, str] = field(default_factory=dict)
    participants: Mapping[str, str] = field(default_factory=dict)
    capabilities: Mapping[str, str] = field(default_factory=dict)


def in_plain_words(expr: Expr, names: PlainNames) -> str:
    """The condition as one sentence, e.g. "US air cover and Ceasefire in force"."""
    return _words(expr, names, nested=False)


def _words(expr: Expr, names: PlainNames, *, nested: bool) -> str:
    match expr:
        case Const(value):
            return "always (no condition)" if value else "never"
        case DriverRef(name):
            return names.drivers.get(name, name)
        case Not(operand):
            return f"not ({_words(operand, names, nested=False)})"
        case And(operands) | Or(operands):
            joiner = " and " if isinstance(expr, And) else " or "
            text = joiner.join(_words(operand, names, nested=True) for operand in operands)
            return f"({text})" if nested and len(operands) > 1 else text
        case Threshold():
            return _threshold(expr, names)


def _threshold(threshold: Threshold, names: PlainNames) -> str:
    how = "at least" if threshold.comparison is Comparison.AT_LEAST else "more than"
    if threshold.function is Function.TROOPS:
        who = with_article(names.participants.get(threshold.argument, threshold.argument))
        return f"{who} sends {how} {threshold.value:,} personnel"
    what = names.capabilities.get(threshold.argument, threshold.argument)
    return f"{how} {threshold.value:,} governments contribute {what}"
