"""Gauss-Seidel sweeps of the open reciprocal pledges over the scenarios still open.

A frame holds what stays fixed while the open pledges move: each pledge's condition with its
driver-only parts already evaluated (a residual tree over thresholds), and each tested
aggregate's fixed part. A sweep evaluates the open pledges one after another and updates the
aggregates at once, so later pledges see earlier changes.

From a set below the least fixpoint that the conditions keep (the bottom), every update only
switches pledges on and the sweeps climb to the least fixpoint; from a set above the greatest
fixpoint that the conditions shrink (the top), they only switch pledges off and descend to
it. Pledges are swept so that, as far as the cycles of their conditions allow, a pledge
comes before those that test what it changes; a scenario needs another sweep only where a
change reached a pledge already evaluated in this one, and a descending scenario that
reaches the least fixpoint is done (the greatest lies between). Once enough scenarios are
done, the arrays are cut down to the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis._kernel.plan import Key, SweepPlan, plan_sweep
from forcegen.analysis._kernel.vectorised import BoolArray
from forcegen.conditions import (
    And,
    Comparison,
    Const,
    Expr,
    Or,
    Threshold,
    has_thresholds,
)

IntArray = NDArray[np.int64]
Node = BoolArray | Threshold | tuple[bool, tuple["Node", ...]]  # (is_and, operands)


def residual(expr: Expr, driver_only: Callable[[Expr], BoolArray], size: int) -> Node:
    """`expr` with every driver-only part evaluated (by `driver_only`) to an array of shape
    (size,), leaving a tree over the thresholds."""
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


def holds(node: Node, atom: Callable[[Threshold], BoolArray]) -> BoolArray:
    if isinstance(node, np.ndarray):
        return node
    if isinstance(node, Threshold):
        return atom(node)
    is_and, operands = node
    parts = [holds(o, atom) for o in operands]
    return reduce(np.logical_and if is_and else np.logical_or, parts)


def taken(node: Node, index: IntArray) -> Node:
    """`node` restricted to the scenarios at `index`."""
    if isinstance(node, np.ndarray):
        return node[index]
    if isinstance(node, Threshold):
        return node
    return (node[0], tuple(taken(o, index) for o in node[1]))


@dataclass
class Frame:
    """What stays fixed while the open pledges move, over the open scenarios.

    `troops[key]` lists (open pledge, personnel); `groups[key]` lists, per participant with
    open pledges in the capability, (can_add, its open pledges): it adds one to the count
    when it has no active driver-only pledge there and no active settled reciprocal pledge
    (`can_add`) and one of its open pledges is active. `fixed[key]` is the rest.
    """

    nodes: list[Node]
    fixed: dict[Key, NDArray[np.integer]]
    troops: dict[Key, list[tuple[int, int]]]
    groups: dict[Key, list[tuple[BoolArray, list[int]]]]
    size: int
    _plan: SweepPlan | None = None

    def plan(self) -> SweepPlan:
        """Who changes what, who tests what, the sweep order, and who reaches back."""
        if self._plan is None:
            self._plan = plan_sweep(self)
        return self._plan

    def take(self, index: IntArray) -> Frame:
        return Frame(
            [taken(n, index) for n in self.nodes],
            {k: v[index] for k, v in self.fixed.items()},
            self.troops,
            {k: [(can_add[index], m) for can_add, m in g] for k, g in self.groups.items()},
            index.size,
            self._plan,
        )


def aggregate_dtype(largest: int) -> type[np.signedinteger]:
    """The narrowest integer type for amounts up to `largest` (int16 compares fastest)."""
    for dtype in (np.int16, np.int32):
        if largest < np.iinfo(dtype).max:
            return dtype
    return np.int64


class Sweeper:
    """The activation of the open pledges and the aggregates it implies, swept in place."""

    def __init__(self, frame: Frame, state: BoolArray) -> None:
        self.frame, self.state, self.size = frame, state, frame.size
        self.amounts = {k: v.copy() for k, v in frame.fixed.items()}
        for key, members in frame.troops.items():
            for t, personnel in members:
                self.amounts[key] += state[t] * self.amounts[key].dtype.type(personnel)
        self.present = {}
        for key, groups in frame.groups.items():
            self.present[key] = [_any(state, m) for _, m in groups]
            for (can_add, _), present in zip(groups, self.present[key], strict=True):
                self.amounts[key] += can_add & present
        self.members_of, self.tests, self.order, self.reaches_back = frame.plan()
        self.clock = 0  # counts evaluations and changes, to know what is stale
        self.seen = [-1] * len(state)  # clock at each pledge's last evaluation
        self.stamps: dict[Key, int] = {}  # clock at each aggregate's last change

    def sweep(self, rising: bool) -> BoolArray:
        """Evaluate the open pledges once, in order; return the scenarios that need another
        sweep: those where a change reached a pledge already evaluated in this one.

        A pledge none of whose aggregates changed since its last evaluation is skipped.
        """
        stale = np.zeros(self.size, dtype=bool)
        for t in self.order:
            if self.seen[t] > max((self.stamps.get(k, 0) for k in self.tests[t]), default=0):
                continue
            self.clock += 1
            self.seen[t] = self.clock
            new = holds(self.frame.nodes[t], self._atom)
            delta = new ^ self.state[t]
            if not delta.any():
                continue
            self.state[t] = new
            self._propagate(t, delta, rising)
            if self.reaches_back[t]:
                stale |= delta
        return stale

    def take(self, index: IntArray) -> Sweeper:
        """The same sweeper restricted to the scenarios at `index`."""
        smaller = object.__new__(Sweeper)
        smaller.frame = self.frame.take(index)
        smaller.state = np.take(self.state, index, axis=1)
        smaller.size = index.size
        smaller.amounts = {k: v[index] for k, v in self.amounts.items()}
        smaller.present = {k: [p[index] for p in ps] for k, ps in self.present.items()}
        smaller.members_of = self.members_of
        smaller.tests = self.tests
        smaller.order = self.order
        smaller.reaches_back = self.reaches_back
        smaller.clock = self.clock
        smaller.seen = [-1] * len(self.seen)  # fewer scenarios: evaluate everything again
        smaller.stamps = dict(self.stamps)
        return smaller

    def _atom(self, threshold: Threshold) -> BoolArray:
        amount = self.amounts[threshold.function, threshold.argument]
        if threshold.comparison is Comparison.AT_LEAST:
            return amount >= threshold.value
        return amount > threshold.value

    def _propagate(self, t: int, delta: BoolArray, rising: bool) -> None:
        troops, groups = self.members_of[t]
        self.clock += 1
        for key, _ in (*troops, *groups):
            self.stamps[key] = self.clock
        for key, personnel in troops:
            amount = self.amounts[key]
            step = delta * amount.dtype.type(personnel)
            if rising:
                amount += step
            else:
                amount -= step
        for key, g in groups:
            can_add, members = self.frame.groups[key][g]
            present = _any(self.state, members)
            moved = can_add & (present ^ self.present[key][g])
            if rising:
                self.amounts[key] += moved
            else:
                self.amounts[key] -= moved
            self.present[key][g] = present


def iterate(sweeper: Sweeper, *, rising: bool, floor: BoolArray | None = None) -> BoolArray:
    """Sweep until no scenario changes; the final state, shape (open pledges, size).

    When descending, `floor` may give the least fixpoint: a scenario whose state reaches it
    has converged (the greatest fixpoint lies between the two), so it is dropped at once.
    """
    result: BoolArray | None = None
    where: IntArray | None = None  # positions of the sweeper's scenarios in the result
    while True:
        moving = sweeper.sweep(rising)
        if floor is not None:
            below = floor if where is None else np.take(floor, where, axis=1)
            moving &= (sweeper.state ^ below).any(axis=0)
        if not moving.any():
            break
        if moving.mean() < 0.5:
            result, where = _write_back(result, where, sweeper.state)
            index = np.flatnonzero(moving)
            where, sweeper = where[index], sweeper.take(index)
    result, _ = _write_back(result, where, sweeper.state)
    return result


def _write_back(
    result: BoolArray | None, where: IntArray | None, state: BoolArray
) -> tuple[BoolArray, IntArray]:
    if result is None or where is None:  # the sweeper still covers every scenario
        return state, np.arange(state.shape[1])
    for row, values in zip(result, state, strict=True):
        row[where] = values
    return result, where


def _any(state: BoolArray, rows: list[int]) -> BoolArray:
    """Whether any of `rows` is active, as a new array (never a view of `state`)."""
    found: BoolArray = (
        state[rows[0]].copy() if len(rows) == 1 else np.logical_or.reduce(state[rows], axis=0)
    )
    return found
