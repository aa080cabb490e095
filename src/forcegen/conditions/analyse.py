"""Analysis of a condition's tree: which drivers and pledge thresholds it depends on.

The assessment uses these to know which drivers to enumerate and which conditions can change
while the activation fixpoint is computed (only those with thresholds).
"""

from __future__ import annotations

from collections.abc import Iterator

from forcegen.conditions.ast import And, Const, DriverRef, Expr, Not, Or, Threshold


def drivers_of(expr: Expr) -> frozenset[str]:
    """The names of all drivers `expr` refers to."""
    return frozenset(node.name for node in _leaves(expr) if isinstance(node, DriverRef))


def thresholds_of(expr: Expr) -> tuple[Threshold, ...]:
    """The distinct thresholds in `expr`, in the order they first appear in it."""
    found = (node for node in _leaves(expr) if isinstance(node, Threshold))
    return tuple(dict.fromkeys(found))


def has_thresholds(expr: Expr) -> bool:
    """Whether `expr` depends on pledges (contains `troops(...)` or `contributors(...)`)."""
    return any(isinstance(node, Threshold) for node in _leaves(expr))


def _leaves(expr: Expr) -> Iterator[Const | DriverRef | Threshold]:
    match expr:
        case Not(operand):
            yield from _leaves(operand)
        case And(operands) | Or(operands):
            for operand in operands:
                yield from _leaves(operand)
        case _:
            yield expr
