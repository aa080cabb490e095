"""The fixpoints of the pledges whose conditions test other pledges, over a chunk of scenarios.

Driver-only pledges are settled by the cube; what remains are the "reciprocal" pledges, whose
conditions contain `troops(X) >= n` or `contributors(c) >= n`. Both fixpoints are bracketed
first, for every scenario of the chunk at once:

    bottom  each reciprocal condition with only the driver-only pledges active: a set below
            the least fixpoint from which Kleene iteration climbs to it;
    top     each condition with every reciprocal pledge active (and, for `contributors`,
            every participant with a reciprocal pledge counted once more: an upper bound
            is enough): a set above the greatest fixpoint from which iteration descends to it.

A pledge whose bottom and top agree in a scenario has that value in both fixpoints; the
others are "open", and `sweep` iterates them, on the scenarios where any is open, to each
fixpoint.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis._kernel.cube import narrowest
from forcegen.analysis._kernel.plan import Key, SweepPlan, plan_sweep
from forcegen.analysis._kernel.residual import Node, compare_into, holds, residual, taken
from forcegen.analysis._kernel.sweep import Frame, Sweeper, add_where, iterate
from forcegen.analysis._kernel.vectorised import BoolArray, chunk_truth
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.conditions import Expr, Function, Threshold, thresholds_of

IntArray = NDArray[np.int64]
G = TypeVar("G", bound=np.generic)
Amounts = Mapping[tuple[Function, str], NDArray[np.integer]]


@dataclass(frozen=True, slots=True)
class TroopsTerm:
    base_row: int | None  # cube row with X's driver-only troops, if any
    members: tuple[tuple[int, int], ...]  # (reciprocal pledge, personnel)


@dataclass(frozen=True, slots=True)
class Group:
    """One participant with reciprocal pledges in a capability."""

    presence: Expr | None  # when its driver-only pledges there are active (None: it has none)
    members: tuple[int, ...]  # its reciprocal pledges there


@dataclass(frozen=True, slots=True)
class ContributorsTerm:
    count_row: int | None  # cube row counting participants with an active driver-only pledge
    groups: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class ChunkActivation:
    """Reciprocal activation in a chunk: `bottom` (pledges, size) everywhere, corrected for
    the open `pledges` in the open `scenarios` (positions in the chunk) by `least` and
    `greatest`, each of shape (len(pledges), len(scenarios))."""

    bottom: BoolArray
    pledges: IntArray
    scenarios: IntArray
    open_bottom: BoolArray  # bottom[pledges][:, scenarios]
    least: BoolArray
    greatest: BoolArray

    def open_rows(self, fixpoint: Fixpoint) -> BoolArray:
        """The activation of the open pledges at `fixpoint`, shape (len(pledges), size)."""
        block = self.least if fixpoint is Fixpoint.LEAST else self.greatest
        if self.scenarios.size == self.bottom.shape[1]:
            return block
        rows = self.bottom[self.pledges]
        for row, values in zip(rows, block, strict=True):
            row[self.scenarios] = values
        return rows


@dataclass(frozen=True)
class ReciprocalSystem:
    """The reciprocal pledges (their conditions with non-combined drivers fixed) and, per
    aggregate their thresholds test, where its driver-only part lives in the cube and which
    reciprocal pledges add to it."""

    exprs: tuple[Expr, ...]
    positions: dict[str, int]  # driver -> bit of the combination index
    troops: dict[str, TroopsTerm]
    contributors: dict[str, ContributorsTerm]
    _plans: dict[tuple[int, ...], SweepPlan] = field(default_factory=dict, compare=False)

    def solve(self, rows: Sequence[NDArray[np.integer]], start: int, size: int) -> ChunkActivation:
        """Both fixpoints for the combinations start..start+size-1, whose driver-only sums
        are `rows` (one array of shape (size,) per cube row)."""
        bits = size.bit_length() - 1

        known: dict[Expr, BoolArray] = {}

        def driver_only(expr: Expr) -> BoolArray:
            if expr not in known:
                known[expr] = chunk_truth(expr, self.positions, start, bits)
            return known[expr]

        low, high = self._bounds(rows, size)
        nodes = [residual(e, driver_only, size) for e in self.exprs]
        bottom, top = (_holding(nodes, amounts, size) for amounts in (low, high))
        pledges, scenarios = _open(bottom, top)
        where = np.flatnonzero(scenarios)
        if 2 * where.size > size:  # cheaper to sweep the settled scenarios too than to gather
            where = np.arange(size)
        if not where.size:
            empty = np.zeros((0, 0), dtype=bool)
            return ChunkActivation(bottom, pledges[:0], where, empty, empty, empty)
        every = where.size == size

        def open_part(array: NDArray[G]) -> NDArray[G]:
            return array if every else np.take(array, where, axis=-1)

        frame = _frame(
            self,
            pledges,
            where,
            {k: open_part(v) for k, v in low.items()},
            bottom,
            lambda expr: open_part(driver_only(expr)),
            [nodes[t] if every else taken(nodes[t], where) for t in pledges],
        )
        open_bottom = open_part(bottom[pledges])
        least = iterate(Sweeper(frame, open_bottom.copy()), rising=True)
        greatest = iterate(Sweeper(frame, open_part(top[pledges]), least), rising=False)
        return ChunkActivation(bottom, pledges, where, open_bottom, least, greatest)

    def _bounds(
        self, rows: Sequence[NDArray[np.integer]], size: int
    ) -> tuple[dict[Key, NDArray[np.integer]], dict[Key, NDArray[np.integer]]]:
        def row(index: int | None, extra: int) -> NDArray[np.integer]:
            """The cube row (typed to hold `extra` more, see `Layout.headroom`), or zeros."""
            return np.zeros(size, dtype=narrowest(extra)) if index is None else rows[index]

        low: dict[Key, NDArray[np.integer]] = {}
        high: dict[Key, NDArray[np.integer]] = {}
        for x, term in self.troops.items():
            extra = sum(p for _, p in term.members)
            low[Function.TROOPS, x] = row(term.base_row, extra)
            high[Function.TROOPS, x] = low[Function.TROOPS, x] + extra
        for c, cterm in self.contributors.items():
            extra = len(cterm.groups)
            low[Function.CONTRIBUTORS, c] = row(cterm.count_row, extra)
            high[Function.CONTRIBUTORS, c] = low[Function.CONTRIBUTORS, c] + extra
        return low, high


def _holding(nodes: list[Node], amounts: Amounts, size: int) -> BoolArray:
    """Which pledges' residual conditions hold with these aggregates; (pledges, size)."""

    def compare(threshold: Threshold, out: BoolArray) -> None:
        compare_into(amounts[threshold.function, threshold.argument], threshold, out)

    result = np.empty((len(nodes), size), dtype=bool)
    for row, node in enumerate(nodes):
        holds(node, compare, result[row])
    return result


def _open(bottom: BoolArray, top: BoolArray) -> tuple[IntArray, BoolArray]:
    """The pledges whose bottom and top differ somewhere, and the scenarios where any does;
    row by row (reductions over the first axis of a boolean matrix are slow in NumPy)."""
    pledges, scenarios = [], np.zeros(bottom.shape[1], dtype=bool)
    differs = np.empty_like(scenarios)
    for t, (low, high) in enumerate(zip(bottom, top, strict=True)):
        np.not_equal(low, high, out=differs)
        if differs.any():
            pledges.append(t)
            scenarios |= differs
    return np.array(pledges, dtype=np.int64), scenarios


def _frame(
    system: ReciprocalSystem,
    pledges: IntArray,
    where: IntArray,
    low: Mapping[Key, NDArray[np.integer]],
    bottom: BoolArray,
    driver_only: Callable[[Expr], BoolArray],
    nodes: list[Node],
) -> Frame:
    """The fixed parts of the aggregates the open `pledges` test, over the open scenarios;
    every other reciprocal pledge keeps its bottom value there."""
    local = {int(t): i for i, t in enumerate(pledges)}
    tested: dict[Key, int] = {}  # aggregate -> largest value a threshold compares it with
    for t in pledges:
        for threshold in thresholds_of(system.exprs[t]):
            key = (threshold.function, threshold.argument)
            tested[key] = max(tested.get(key, 0), threshold.value + 1)
    fixed: dict[Key, NDArray[np.integer]] = {}
    troops: dict[Key, list[tuple[int, int]]] = {}
    groups: dict[Key, list[tuple[BoolArray, list[int]]]] = {}
    for x, term in system.troops.items():
        key = (Function.TROOPS, x)
        if key in tested:
            largest = int(low[key].max(initial=0)) + sum(p for _, p in term.members)
            amount = low[key].astype(narrowest(max(largest, tested[key])))
            troops[key] = []
            for t, personnel in term.members:
                if t in local:
                    troops[key].append((local[t], personnel))
                else:
                    settled = bottom[t] if where.size == bottom.shape[1] else bottom[t, where]
                    add_where(amount, settled, personnel)
            fixed[key] = amount
    for c, cterm in system.contributors.items():
        key = (Function.CONTRIBUTORS, c)
        if key in tested:
            largest = int(low[key].max(initial=0)) + len(cterm.groups)
            count = low[key].astype(narrowest(max(largest, tested[key])))
            groups[key] = _groups(cterm, count, local, where, bottom, driver_only)
            fixed[key] = count
    plan = system._plans.get(tuple(local))
    if plan is None:  # the same pledges are open in most chunks
        plan = system._plans[tuple(local)] = plan_sweep(nodes, troops, groups)
    return Frame(nodes, fixed, troops, groups, where.size, plan)


def _groups(
    term: ContributorsTerm,
    count: NDArray[np.integer],
    local: dict[int, int],
    where: IntArray,
    bottom: BoolArray,
    driver_only: Callable[[Expr], BoolArray],
) -> list[tuple[BoolArray, list[int]]]:
    """Add the settled part of each participant to `count`; return the parts that move."""
    moving = []
    for group in term.groups:
        can_add = np.ones(where.size, dtype=bool)
        if group.presence is not None:
            can_add = ~driver_only(group.presence)
        added = np.zeros(where.size, dtype=bool)
        for t in group.members:
            if t not in local:  # a settled pledge keeps its bottom value
                added |= bottom[t] if where.size == bottom.shape[1] else bottom[t, where]
        add_where(count, can_add & added, 1)
        members = [local[t] for t in group.members if t in local]
        if members:
            moving.append((can_add & ~added, members))
    return moving
