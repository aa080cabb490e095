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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis._kernel.cube import narrowest
from forcegen.analysis._kernel.frame import ChunkInputs, build_frame
from forcegen.analysis._kernel.plan import Key, SweepPlan, memberships, sweep_order
from forcegen.analysis._kernel.residual import Node, compare_into, holds, residual, taken
from forcegen.analysis._kernel.sweep import Sweeper, iterate
from forcegen.analysis._kernel.vectorised import BoolArray, chunk_truth
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.conditions import Expr, Function, Threshold, thresholds_of

IntArray = NDArray[np.int64]
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
    plans: dict[tuple[int, ...], SweepPlan] = field(default_factory=dict, compare=False)

    @cached_property
    def rank(self) -> list[int]:
        """Each reciprocal pledge's place in one sweep order planned for all of them (see
        `plan.sweep_order`); every chunk sweeps its open pledges in this order, instead of
        planning an order of its own for a slightly different set."""
        troops = {(Function.TROOPS, x): term.members for x, term in self.troops.items()}
        groups = {
            (Function.CONTRIBUTORS, c): [(g.presence, list(g.members)) for g in term.groups]
            for c, term in self.contributors.items()
        }
        tests = [{(t.function, t.argument) for t in thresholds_of(e)} for e in self.exprs]
        order = sweep_order(memberships(troops, groups, len(self.exprs)), tests)
        rank = [0] * len(order)
        for place, t in enumerate(order):
            rank[t] = place
        return rank

    def solve(self, rows: Sequence[NDArray[np.integer]], start: int, size: int) -> ChunkActivation:
        """Both fixpoints for the combinations start..start+size-1, whose driver-only sums
        are `rows` (one array of shape (size,) per cube row)."""
        bits = size.bit_length() - 1
        known: dict[Expr, BoolArray] = {}

        def driver_only(expr: Expr) -> BoolArray:
            if expr not in known:
                known[expr] = chunk_truth(expr, self.positions, start, bits)
            return known[expr]

        def row(index: int | None, extra: int) -> NDArray[np.integer]:
            """The cube row (typed to hold `extra` more, see `Layout.headroom`), or zeros."""
            return np.zeros(size, dtype=narrowest(extra)) if index is None else rows[index]

        low: dict[Key, NDArray[np.integer]] = {}
        for x, term in self.troops.items():
            low[Function.TROOPS, x] = row(term.base_row, sum(p for _, p in term.members))
        for c, cterm in self.contributors.items():
            low[Function.CONTRIBUTORS, c] = row(cterm.count_row, len(cterm.groups))
        return self.fixpoints(
            ChunkInputs(
                size,
                low,
                driver_only,
                lambda group: None if group.presence is None else driver_only(group.presence),
            )
        )

    def fixpoints(self, inputs: ChunkInputs) -> ChunkActivation:
        """Both fixpoints of the reciprocal pledges over one chunk of scenarios."""
        size = inputs.size
        low, high = inputs.low, self._high(inputs)
        nodes = [self._node(t, inputs) for t in range(len(self.exprs))]
        bottom, top = (_holding(nodes, amounts, size) for amounts in (low, high))
        pledges, scenarios = _open(bottom, top)
        where = np.flatnonzero(scenarios)
        if 2 * where.size > size:  # cheaper to sweep the settled scenarios too than to gather
            where = np.arange(size)
        if not where.size:
            empty = np.zeros((0, 0), dtype=bool)
            return ChunkActivation(bottom, pledges[:0], where, empty, empty, empty)
        every = where.size == size
        frame = build_frame(
            self,
            inputs,
            pledges,
            where,
            bottom,
            [nodes[t] if every else taken(nodes[t], where) for t in pledges],
        )
        open_bottom = bottom[pledges] if every else bottom[np.ix_(pledges, where)]
        open_top = top[pledges] if every else top[np.ix_(pledges, where)]
        least = iterate(Sweeper(frame, open_bottom.copy()), rising=True)
        greatest = iterate(Sweeper(frame, open_top, least), rising=False)
        return ChunkActivation(bottom, pledges, where, open_bottom, least, greatest)

    def _node(self, t: int, inputs: ChunkInputs) -> Node:
        """Pledge t's residual condition, and-ed with whether it is honoured (if sampled)."""
        node = residual(self.exprs[t], inputs.driver_only, inputs.size)
        honoured = inputs.honoured.get(t)
        if honoured is None:
            return node
        if isinstance(node, np.ndarray):
            return node & honoured
        return (True, (node, honoured))

    def _high(self, inputs: ChunkInputs) -> dict[Key, NDArray[np.integer]]:
        """Each aggregate with every reciprocal pledge on (an upper bound)."""
        high: dict[Key, NDArray[np.integer]] = {}
        for x, term in self.troops.items():
            key = (Function.TROOPS, x)
            extra = sum(_most(inputs, t, p) for t, p in term.members)
            high[key] = inputs.low[key] + extra
        for c, cterm in self.contributors.items():
            key = (Function.CONTRIBUTORS, c)
            high[key] = inputs.low[key] + len(cterm.groups)
        return high


def _most(inputs: ChunkInputs, t: int, personnel: int) -> int:
    sampled = inputs.personnel.get(t)
    return personnel if sampled is None else int(sampled.max(initial=0))


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
