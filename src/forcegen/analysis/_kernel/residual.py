"""Residual conditions: a reciprocal pledge's condition with its driver-only parts evaluated.

Over a chunk of scenarios, the parts of a condition that test only drivers become boolean
arrays, leaving a small tree over the thresholds (`troops(X) >= n`, `contributors(c) >= n`)
whose truth moves with the aggregates:

    troops(FRA) >= 5000 and (us.isr or ceasefire)   ->   (and, (Threshold, array))
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis._kernel.vectorised import BoolArray
from forcegen.conditions import And, Comparison, Const, Expr, Or, Threshold, has_thresholds

IntArray = NDArray[np.int64]
Node = BoolArray | Threshold | tuple[bool, tuple["Node", ...]]  # (is_and, operands)


def residual(expr: Expr, driver_only: Callable[[Expr], BoolArray], size: int) -> Node:
    """`expr` with every driver-only part evaluated (by `driver_only`) to an array of shape
    (size,), leaving a tree over the thresholds (arrays last among an operator's operands)."""
    if not has_thresholds(expr):
        return np.full(size, expr.value) if isinstance(expr, Const) else driver_only(expr)
    match expr:
        case Threshold():
            return expr
        case And(operands) | Or(operands):
            is_and = isinstance(expr, And)
            parts = [residual(o, driver_only, size) for o in operands]
            arrays = [p for p in parts if isinstance(p, np.ndarray)]
            others: list[Node] = [p for p in parts if not isinstance(p, np.ndarray)]
            if arrays:
                folded = reduce(np.logical_and if is_and else np.logical_or, arrays)
                if not others:
                    return folded
                others.append(folded)
            return others[0] if len(others) == 1 else (is_and, tuple(others))
        case _:  # `not` never covers a threshold (checked when conditions are read)
            raise ValueError(f"`not` over a pledge threshold cannot be assessed: {expr}")


def holds(node: Node, compare: Callable[[Threshold, BoolArray], None], out: BoolArray) -> None:
    """Write the truth of `node` into `out`; `compare(threshold, out)` writes a threshold's."""
    if isinstance(node, np.ndarray):
        np.copyto(out, node)
        return
    if isinstance(node, Threshold):
        compare(node, out)
        return
    is_and, operands = node
    combine = np.logical_and if is_and else np.logical_or
    holds(operands[0], compare, out)
    scratch: BoolArray | None = None
    for operand in operands[1:]:
        if isinstance(operand, np.ndarray):
            combine(out, operand, out=out)
            continue
        if scratch is None:
            scratch = np.empty_like(out)
        holds(operand, compare, scratch)
        combine(out, scratch, out=out)


def compare_into(amount: NDArray[np.integer], threshold: Threshold, out: BoolArray) -> None:
    """Whether `amount` passes `threshold`, written into `out`."""
    if threshold.comparison is Comparison.AT_LEAST:
        np.greater_equal(amount, threshold.value, out=out)
    else:
        np.greater(amount, threshold.value, out=out)


def taken(node: Node, index: IntArray) -> Node:
    """`node` restricted to the scenarios at `index`."""
    if isinstance(node, np.ndarray):
        return node[index]
    if isinstance(node, Threshold):
        return node
    return (node[0], tuple(taken(o, index) for o in node[1]))
