"""Evaluation: the truth of a condition given drivers and the current pledge aggregates."""

from __future__ import annotations

from collections.abc import Mapping

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


def evaluate(
    expr: Expr,
    *,
    drivers: Mapping[str, bool],
    troops: Mapping[str, int],
    contributors: Mapping[str, int],
) -> bool:
    """Say whether `expr` holds.

    `drivers` maps driver keys to their value in the scenario; `troops` maps participant codes
    to the personnel of their active troop pledges; `contributors` maps capability keys to the
    number of participants with an active pledge in it. A missing name counts as false or 0,
    so an unknown driver never makes a pledge activate.
    """
    match expr:
        case Const(value):
            return value
        case DriverRef(name):
            return drivers.get(name, False)
        case Threshold():
            totals = troops if expr.function is Function.TROOPS else contributors
            return _compare(totals.get(expr.argument, 0), expr)
        case Not(operand):
            return not evaluate(operand, drivers=drivers, troops=troops, contributors=contributors)
        case And(operands):
            return all(
                evaluate(o, drivers=drivers, troops=troops, contributors=contributors)
                for o in operands
            )
        case Or(operands):
            return any(
                evaluate(o, drivers=drivers, troops=troops, contributors=contributors)
                for o in operands
            )


def _compare(amount: int, threshold: Threshold) -> bool:
    if threshold.comparison is Comparison.AT_LEAST:
        return amount >= threshold.value
    return amount > threshold.value
