"""The frame of a sweep: what stays fixed while the open reciprocal pledges move.

Built once per chunk from the chunk's inputs (`ChunkInputs`: the driver-only part of every
aggregate, the truth of driver-only expressions, and, when sampling, per-scenario personnel
and honouring): every reciprocal pledge that is settled (its bottom and top agree) adds its
bottom value to the fixed part of the aggregates; the open ones are listed with what they
add, for the sweeps to move.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis._kernel.cube import narrowest
from forcegen.analysis._kernel.plan import Key, SweepPlan, plan_sweep
from forcegen.analysis._kernel.residual import Node, taken
from forcegen.analysis._kernel.vectorised import BoolArray
from forcegen.conditions import Expr, Function, thresholds_of

if TYPE_CHECKING:
    from forcegen.analysis._kernel.reciprocity import Group, ReciprocalSystem

IntArray = NDArray[np.int64]
G = TypeVar("G", bound=np.generic)
Step = int | NDArray[np.integer]  # what a pledge adds: the same everywhere, or per scenario


@dataclass(frozen=True)
class ChunkInputs:
    """What the reciprocal fixpoints of one chunk of `size` scenarios start from.

    `low[key]` is the driver-only part of each aggregate the system names (troops of a
    participant, participants counted in a capability), in a type that holds it plus what
    the reciprocal pledges can add. `presence(group)` says where a participant already counts
    in a capability through driver-only pledges (None: nowhere). `personnel[t]` and
    `honoured[t]` give, when sampling, reciprocal pledge t's personnel and whether it is
    honoured, per scenario (missing: its stated personnel, always honoured).
    """

    size: int
    low: Mapping[Key, NDArray[np.integer]]
    driver_only: Callable[[Expr], BoolArray]
    presence: Callable[[Group], BoolArray | None]
    personnel: Mapping[int, NDArray[np.integer]] = field(default_factory=dict)
    honoured: Mapping[int, BoolArray] = field(default_factory=dict)


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
    troops: dict[Key, list[tuple[int, Step]]]
    groups: dict[Key, list[tuple[BoolArray, list[int]]]]
    size: int
    plan: SweepPlan

    def take(self, index: IntArray) -> Frame:
        """The frame on the scenarios at `index`, without the fixed parts (already added)."""
        return Frame(
            [taken(n, index) for n in self.nodes],
            {},
            {k: [(t, _taken(s, index)) for t, s in m] for k, m in self.troops.items()},
            {k: [(c[index], m) for c, m in g] for k, g in self.groups.items()},
            index.size,
            self.plan,
        )


def _taken(step: Step, index: IntArray) -> Step:
    return step if isinstance(step, int) else step[index]


def build_frame(
    system: ReciprocalSystem,
    inputs: ChunkInputs,
    pledges: IntArray,
    where: IntArray,
    bottom: BoolArray,
    nodes: list[Node],
) -> Frame:
    """The fixed parts of the aggregates the open `pledges` test, over the open scenarios
    `where` (their residual conditions `nodes`, already restricted to them); every other
    reciprocal pledge keeps its bottom value there."""
    among = None if where.size == inputs.size else where
    local = {int(t): i for i, t in enumerate(pledges)}
    tested: dict[Key, int] = {}  # aggregate -> largest value a threshold compares it with
    for t in pledges:
        for threshold in thresholds_of(system.exprs[t]):
            key = (threshold.function, threshold.argument)
            tested[key] = max(tested.get(key, 0), threshold.value + 1)
    fixed: dict[Key, NDArray[np.integer]] = {}
    troops: dict[Key, list[tuple[int, Step]]] = {}
    groups: dict[Key, list[tuple[BoolArray, list[int]]]] = {}
    for x, term in system.troops.items():
        key = (Function.TROOPS, x)
        if key not in tested:
            continue
        low = _part(inputs.low[key], among)
        steps = {t: _step(inputs, t, p, among) for t, p in term.members}
        largest = int(low.max(initial=0)) + sum(_largest(s) for s in steps.values())
        amount = low.astype(narrowest(max(largest, tested[key])))
        troops[key] = []
        for t, step in steps.items():
            typed = step if isinstance(step, int) else step.astype(amount.dtype)
            if t in local:
                troops[key].append((local[t], typed))
            else:
                add_where(amount, _part(bottom[t], among), typed)
        fixed[key] = amount
    for c, cterm in system.contributors.items():
        key = (Function.CONTRIBUTORS, c)
        if key in tested:
            low = _part(inputs.low[key], among)
            largest = int(low.max(initial=0)) + len(cterm.groups)
            count = low.astype(narrowest(max(largest, tested[key])))
            groups[key] = _groups(cterm.groups, inputs, count, local, among, bottom)
            fixed[key] = count
    plan = system.plans.get(tuple(local))
    if plan is None:  # the same pledges are open in most chunks
        rank = [system.rank[int(t)] for t in pledges]
        plan = system.plans[tuple(local)] = plan_sweep(nodes, troops, groups, rank)
    return Frame(nodes, fixed, troops, groups, where.size, plan)


def _part(array: NDArray[G], among: IntArray | None) -> NDArray[G]:
    """`array` (last axis: the chunk's scenarios) at the scenarios `among` (None: all)."""
    return array if among is None else array[..., among]


def _step(inputs: ChunkInputs, t: int, personnel: int, among: IntArray | None) -> Step:
    sampled = inputs.personnel.get(t)
    return personnel if sampled is None else _part(sampled, among)


def _largest(step: Step) -> int:
    return step if isinstance(step, int) else int(step.max(initial=0))


def _groups(
    members_of: tuple[Group, ...],
    inputs: ChunkInputs,
    count: NDArray[np.integer],
    local: dict[int, int],
    among: IntArray | None,
    bottom: BoolArray,
) -> list[tuple[BoolArray, list[int]]]:
    """Add the settled part of each participant to `count`; return the parts that move."""
    moving = []
    size = count.size
    for group in members_of:
        presence = inputs.presence(group)
        can_add = np.ones(size, dtype=bool) if presence is None else ~_part(presence, among)
        added = np.zeros(size, dtype=bool)
        for t in group.members:
            if t not in local:  # a settled pledge keeps its bottom value
                added |= _part(bottom[t], among)
        add_where(count, can_add & added, 1)
        members = [local[t] for t in group.members if t in local]
        if members:
            moving.append((can_add & ~added, members))
    return moving


def add_where(amount: NDArray[np.integer], where: BoolArray, step: Step, sign: int = 1) -> None:
    """amount += sign * step where `where`, in place, in the amount's own type (NumPy's
    masked add and its bool-times-int multiply are both slow); a per-scenario `step` must
    have the amount's type."""
    if isinstance(step, int) and step * sign in (1, -1) and amount.dtype == np.int8:
        if step * sign == 1:
            amount += where.view(np.int8)
        else:
            amount -= where.view(np.int8)
        return
    scaled = where.astype(amount.dtype)
    scaled *= step
    if sign > 0:
        amount += scaled
    else:
        amount -= scaled
