"""The condition language's syntax tree: small immutable nodes.

A condition is a boolean expression over drivers and over other participants' pledges:

    us.air_cover and us.isr
    ceasefire and (un_mandate or peace_agreement)
    troops(FRA) >= 5000 and troops(GBR) >= 5000
    contributors(land.combat) >= 10
    not russia_consent

`Not` may only wrap an expression without pledge references (`Threshold`), which keeps every
condition monotone in the pledges, so the activation fixpoints exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Function(StrEnum):
    """Aggregates over the active pledges that a threshold can test."""

    TROOPS = "troops"  # personnel of one participant's active troop pledges
    CONTRIBUTORS = "contributors"  # number of participants with an active pledge in a capability


class Comparison(StrEnum):
    AT_LEAST = ">="
    MORE_THAN = ">"


@dataclass(frozen=True, slots=True)
class Const:
    value: bool


@dataclass(frozen=True, slots=True)
class DriverRef:
    name: str


@dataclass(frozen=True, slots=True)
class Threshold:
    """`function(argument) op value`, e.g. `troops(FRA) >= 5000`."""

    function: Function
    argument: str
    comparison: Comparison
    value: int


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Expr, ...]


Expr = Const | DriverRef | Threshold | Not | And | Or

TRUE = Const(True)
