"""Gauss-Seidel sweeps of the open reciprocal pledges over the scenarios still open.

A frame holds what stays fixed while the open pledges move: each pledge's residual condition
(see `residual`) and each tested aggregate's fixed part. A sweep evaluates the open pledges
one after another and updates the aggregates at once, so later pledges see earlier changes.

From a set below the least fixpoint that the conditions keep (the bottom), every update only
switches pledges on and the sweeps climb to the least fixpoint; from a set above the greatest
fixpoint that the conditions shrink (the top), they only switch pledges off and descend to
it. Pledges are swept so that, as far as the cycles of their conditions allow, a pledge
comes before those that test what it changes; a scenario needs another sweep only where a
change reached a pledge already evaluated in this one, and a descending scenario that
reaches the least fixpoint is done (the greatest lies between). Once enough scenarios are
done, the arrays are cut down to the others.

Everything is updated in place with same-typed NumPy operations: a mixed-type multiply or a
masked add costs several times a plain one.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis._kernel.cube import narrowest
from forcegen.analysis._kernel.frame import Frame, add_where
from forcegen.analysis._kernel.plan import Key
from forcegen.analysis._kernel.residual import compare_into, holds
from forcegen.analysis._kernel.vectorised import BoolArray
from forcegen.conditions import Threshold

IntArray = NDArray[np.int64]


class Sweeper:
    """The activation of the open pledges and the aggregates it implies, swept in place.

    A group of several open pledges keeps a count of its active members (see `_count`); a
    group of one adds to its aggregate exactly when its member changes where it can add.
    When descending towards a known least fixpoint, `distance` counts per scenario the open
    pledges still above it: every switch-off brings it one closer.
    """

    def __init__(self, frame: Frame, state: BoolArray, floor: BoolArray | None = None) -> None:
        self.frame, self.state, self.size = frame, state, frame.size
        self.amounts = {k: v.copy() for k, v in frame.fixed.items()}
        for key, members in frame.troops.items():
            for t, personnel in members:
                add_where(self.amounts[key], state[t], personnel)
        self.counts: dict[Key, list[NDArray[np.integer] | None]] = {}
        for key, groups in frame.groups.items():
            self.counts[key] = []
            for can_add, rows in groups:
                count = _count(state, can_add, rows) if len(rows) > 1 else None
                present = state[rows[0]] if count is None else count > 0
                add_where(self.amounts[key], present & can_add, 1)
                self.counts[key].append(count)
        self.distance = None if floor is None else _distance(state, floor)
        self.members_of, self.tests, self.order, self.reaches_back = frame.plan
        self.clock = 0  # counts evaluations and changes, to know what is stale
        self.seen = [-1] * len(state)  # clock at each pledge's last evaluation
        self.stamps: dict[Key, int] = {}  # clock at each aggregate's last change

    def sweep(self, rising: bool) -> BoolArray:
        """Evaluate the open pledges once, in order; return the scenarios that need another
        sweep: those where a change reached a pledge already evaluated in this one (and,
        descending, that have not reached the least fixpoint).

        A pledge none of whose aggregates changed since its last evaluation is skipped.
        """
        stale = np.zeros(self.size, dtype=bool)
        new, delta = np.empty_like(stale), np.empty_like(stale)
        for t in self.order:
            if self.seen[t] > max((self.stamps.get(k, 0) for k in self.tests[t]), default=0):
                continue
            self.clock += 1
            self.seen[t] = self.clock
            holds(self.frame.nodes[t], self._compare, new)
            np.not_equal(new, self.state[t], out=delta)
            if not delta.any():
                continue
            self.state[t] = new
            self._propagate(t, delta, rising)
            if self.reaches_back[t]:
                stale |= delta
        if self.distance is not None:
            stale &= self.distance > 0
        return stale

    def unsettled(self) -> BoolArray:
        """The scenarios where evaluating some open pledge now would change it: one pass of
        evaluations without updates, cheaper than a sweep that would find little to do."""
        found = np.zeros(self.size, dtype=bool)
        new, delta = np.empty_like(found), np.empty_like(found)
        for t in self.order:
            if self.seen[t] > max((self.stamps.get(k, 0) for k in self.tests[t]), default=0):
                continue
            holds(self.frame.nodes[t], self._compare, new)
            np.not_equal(new, self.state[t], out=delta)
            found |= delta
        if self.distance is not None:
            found &= self.distance > 0
        return found

    def take(self, index: IntArray) -> Sweeper:
        """The same sweeper restricted to the scenarios at `index`."""
        smaller = object.__new__(Sweeper)
        smaller.frame = self.frame.take(index)
        smaller.state = np.take(self.state, index, axis=1)
        smaller.size = index.size
        smaller.amounts = {k: v[index] for k, v in self.amounts.items()}
        smaller.counts = {
            k: [None if c is None else c[index] for c in cs] for k, cs in self.counts.items()
        }
        smaller.distance = None if self.distance is None else self.distance[index]
        smaller.members_of = self.members_of
        smaller.tests = self.tests
        smaller.order = self.order
        smaller.reaches_back = self.reaches_back
        smaller.clock = self.clock
        smaller.seen = [-1] * len(self.seen)  # fewer scenarios: evaluate everything again
        smaller.stamps = dict(self.stamps)
        return smaller

    def _compare(self, threshold: Threshold, out: BoolArray) -> None:
        compare_into(self.amounts[threshold.function, threshold.argument], threshold, out)

    def _propagate(self, t: int, delta: BoolArray, rising: bool) -> None:
        troops, groups = self.members_of[t]
        self.clock += 1
        for key, _ in (*troops, *groups):
            self.stamps[key] = self.clock
        sign = 1 if rising else -1
        for key, position in troops:
            add_where(self.amounts[key], delta, self.frame.troops[key][position][1], sign)
        for key, g in groups:
            count = self.counts[key][g]
            if count is None:  # a group of one
                moved = delta & self.frame.groups[key][g][0]
            else:  # a group adds one when its count leaves or reaches zero
                add_where(count, delta, 1, sign)
                moved = count == (1 if rising else 0)
                moved &= delta
            add_where(self.amounts[key], moved, 1, sign)
        if self.distance is not None:
            add_where(self.distance, delta, 1, -1)


def iterate(sweeper: Sweeper, *, rising: bool) -> BoolArray:
    """Sweep until no scenario changes; the final state, shape (open pledges, size).

    Scenarios that stop moving are written to the result once, when they are dropped (the
    first time, the sweeper's own state becomes the result and nothing is copied).
    """
    result: BoolArray | None = None
    where: IntArray | None = None  # positions of the sweeper's scenarios in the result
    while True:
        moving = sweeper.sweep(rising)
        if moving.mean() >= 0.5:  # most scenarios may move: find those that really do
            moving = sweeper.unsettled()
        if not moving.any():
            break
        if moving.mean() < 0.5:
            if result is None or where is None:
                result, where = sweeper.state, np.arange(sweeper.size)
            else:
                _write(result, where[~moving], np.compress(~moving, sweeper.state, axis=1))
            index = np.flatnonzero(moving)
            where, sweeper = where[index], sweeper.take(index)
    if result is None or where is None:
        return sweeper.state
    _write(result, where, sweeper.state)
    return result


def _write(result: BoolArray, where: IntArray, values: BoolArray) -> None:
    """result[:, where] = values, row by row (faster than one two-dimensional assignment)."""
    for row, row_values in zip(result, values, strict=True):
        row[where] = row_values


def _count(state: BoolArray, can_add: BoolArray, rows: list[int]) -> NDArray[np.integer]:
    """How many of `rows` are active, plus more than their number where the group cannot
    add to the count (`can_add` false), so that the count never reaches zero there."""
    blocked = len(rows) + 1
    count = (~can_add).astype(narrowest(blocked + len(rows)))
    count *= blocked
    for row in rows:
        add_where(count, state[row], 1)
    return count


def _distance(state: BoolArray, floor: BoolArray) -> NDArray[np.integer]:
    """Per scenario, how many rows of `state` are on where `floor` is off."""
    distance = np.zeros(state.shape[1], dtype=narrowest(state.shape[0]))
    above = np.empty(state.shape[1], dtype=bool)
    for row, below in zip(state, floor, strict=True):
        np.greater(row, below, out=above)
        add_where(distance, above, 1)
    return distance
