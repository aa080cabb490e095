"""The pledge plan: force pledges split into driver-only and reciprocal ones, conditions fixed.

One plan serves every requirement assessed over the same pledges, base scenario and drivers
(the exact likelihood assesses every requirement profile in each part), so what does not
depend on the requirement is worked out once and kept on the plan: the truth tables of the
conditions, each quantity's column of weights, and the driver-only pledges grouped by their
condition. Everything kept is keyed by its complete input (an expression or a quantity) and
lives only as long as the plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis._kernel.vectorised import fix_drivers, truth_table
from forcegen.analysis.pledge_conditions import pledge_conditions
from forcegen.analysis.quantity import FORCE_KINDS, Quantity
from forcegen.conditions import Const, Expr, drivers_of, has_thresholds
from forcegen.model.pledge import Level, Pledge, PledgeKind
from forcegen.model.scenario import Scenario

Shape = tuple[PledgeKind, str | None, frozenset[str]]  # what decides the quantities it feeds
IndexArray = NDArray[np.intp]


@dataclass
class PledgePlan:
    """The pledges split into driver-only and reciprocal ones, with their fixed conditions."""

    drivers: tuple[str, ...]
    direct: list[Pledge]
    reciprocal: list[Pledge]
    exprs: dict[str, Expr]
    # What is worked out once for every requirement. Tables are kept by id of the tree
    # (pledges with the same text share one tree); each entry holds its tree, so that no id
    # is reused by another tree while the plan lives.
    _tables: dict[int, tuple[Expr, int, tuple[int, ...]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _columns: dict[Quantity, tuple[int, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _shape_figures: dict[tuple[Shape, bool], NDArray[np.int64]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @cached_property
    def positions(self) -> dict[str, int]:
        return {d: i for i, d in enumerate(self.drivers)}

    @cached_property
    def live(self) -> tuple[Pledge, ...]:
        """The driver-only pledges, then the reciprocal ones: the rows of the cover."""
        return (*self.direct, *self.reciprocal)

    def table(self, expr: Expr) -> tuple[int, tuple[int, ...]]:
        """The truth table of a driver-only `expr` over its own drivers, and their bits."""
        found = self._tables.get(id(expr))
        if found is None:
            names = tuple(sorted(drivers_of(expr), key=self.positions.__getitem__))
            found = expr, truth_table(expr, names), tuple(self.positions[n] for n in names)
            self._tables[id(expr)] = found
        return found[1], found[2]

    @cached_property
    def direct_groups(self) -> tuple[tuple[Expr, IndexArray], ...]:
        """The driver-only pledges by condition (equal trees), as positions in `direct`:
        pledges active under the same condition add up as one weighted term of the cube."""
        found: dict[Expr, list[int]] = {}
        for index, pledge in enumerate(self.direct):
            found.setdefault(self.exprs[pledge.id], []).append(index)
        return tuple((expr, np.array(indices, dtype=np.intp)) for expr, indices in found.items())

    def column(self, quantity: Quantity) -> tuple[int, ...]:
        """What each live pledge adds to `quantity` when active (`quantity.of`), one entry per
        live pledge; worked out once per quantity for all requirements (a tuple, as the
        cover compares and sorts the columns)."""
        found = self._columns.get(quantity)
        if found is None:
            weights = np.zeros(len(self.live), dtype=np.int64)
            for shape, indices in self._shapes.items():
                if quantity.amount_of(self.live[indices[0]]) is not None:
                    weights[indices] = self._figures(shape, quantity.counts_platforms)
            found = self._columns[quantity] = tuple(weights.tolist())
        return found

    @cached_property
    def _shapes(self) -> dict[Shape, IndexArray]:
        """The live pledges' positions by kind, capability and caveats: whether a quantity
        adds a pledge depends on these alone, so it adds all pledges of a shape or none."""
        found: dict[Shape, list[int]] = {}
        for index, pledge in enumerate(self.live):
            found.setdefault((pledge.kind, pledge.capability, pledge.caveats), []).append(index)
        return {shape: np.array(indices, dtype=np.intp) for shape, indices in found.items()}

    def _figures(self, shape: Shape, is_platforms: bool) -> NDArray[np.int64]:
        """The personnel (or platforms) figures of the live pledges of `shape`.

        Raises:
            ValueError: an amount is not fixed at one bound.
        """
        key = (shape, is_platforms)
        found = self._shape_figures.get(key)
        if found is None:
            pledges = [self.live[i] for i in self._shapes[shape]]
            amounts = [p.platforms if is_platforms else p.personnel for p in pledges]
            found = self._shape_figures[key] = np.array([a.figure for a in amounts], dtype=np.int64)
        return found


def plan_pledges(
    pledges: Sequence[Pledge],
    base: Scenario,
    drivers: tuple[str, ...],
    level_floor: Level,
    conditions: Mapping[str, Expr] | None,
) -> PledgePlan:
    """Split the force pledges at or above `level_floor` into driver-only and reciprocal
    ones, with their conditions' drivers other than `drivers` fixed by `base` (pledges whose
    condition is then false are left out). Amounts must be fixed at one bound.

    Raises:
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    levels = {level for level in Level if level.at_least(level_floor)}  # one test per level
    eligible = [p for p in pledges if p.level in levels]
    exprs = pledge_conditions(eligible, conditions)
    # by id of the tree (held in `exprs`): pledges with one text share it, so each distinct
    # tree is fixed and inspected once: (fixed tree, is it live, is it reciprocal)
    fixed_trees: dict[int, tuple[Expr, bool, bool]] = {}
    fixed: dict[str, Expr] = {}
    direct: list[Pledge] = []
    reciprocal: list[Pledge] = []
    for p in eligible:
        if p.kind not in FORCE_KINDS:
            continue
        tree = exprs[p.id]
        found = fixed_trees.get(id(tree))
        if found is None:
            fixed_tree = fix_drivers(tree, base.drivers, drivers)
            found = (fixed_tree, fixed_tree != Const(False), has_thresholds(fixed_tree))
            fixed_trees[id(tree)] = found
        fixed[p.id], is_live, is_reciprocal = found
        if is_live:
            (reciprocal if is_reciprocal else direct).append(p)
    return PledgePlan(drivers, direct, reciprocal, fixed)
