"""Entry points of the kernel: compile a pledge set once, assess all combinations per fixpoint.

    kernel = compile_combinations(pledges, requirement, scenario, drivers)
    least, greatest = kernel.assess_both()
    greatest = kernel.assess(Fixpoint.GREATEST)

    planned = plan_combinations(pledges, scenario, drivers)  # once for several requirements
    kernels = [compile_planned(planned, r) for r in requirements]

Compiling fixes the drivers that are not combined to their value in the base scenario,
splits pledges into driver-only ones (summed over all 2^K combinations by the cube) and
reciprocal ones (solved by `reciprocity`), and reduces the Möbius coefficients. Assessing
runs chunk by chunk (in two threads): the cube's zeta transform, the reciprocal fixpoints,
and the totals; both fixpoints share the cube and the bounds of the reciprocal pledges.
Only the results are of size 2^K.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis._kernel.cube import Cube, narrowest
from forcegen.analysis._kernel.frame import add_where
from forcegen.analysis._kernel.layout import Layout, check_drivers, lay_out
from forcegen.analysis._kernel.memory import keep_freed_memory
from forcegen.analysis._kernel.pledge_plan import PledgePlan, plan_pledges
from forcegen.analysis._kernel.result import CombinationResult, minimal_mask
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.quantity import MetCriterion, met_tests
from forcegen.conditions import Expr
from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario

THREADS = 2
PARALLEL_DRIVERS = 12  # below 2^12 combinations a thread costs more than it saves
MEMORY_BUDGET_BYTES = 3 << 30
LARGE_SWEEP_DRIVERS = 14  # from here on, chunks free and reallocate MiBs (see `memory`)


@dataclass(frozen=True, eq=False)
class CombinationKernel:
    """A pledge set compiled for one requirement, base scenario and list of drivers."""

    requirement: Requirement
    layout: Layout
    cube: Cube  # driver-only sums, cover rows first, produced chunk by chunk
    largest: int  # the total personnel of all force pledges: bounds the total row

    def assess(
        self,
        fixpoint: Fixpoint = Fixpoint.GREATEST,
        criterion: MetCriterion = MetCriterion.ALL_LINES,
    ) -> CombinationResult:
        """Totals, met mask and minimal sets of every combination at `fixpoint`."""
        return self._result(fixpoint, criterion, self._totals((fixpoint,))[fixpoint])

    def assess_both(
        self, criterion: MetCriterion = MetCriterion.ALL_LINES
    ) -> tuple[CombinationResult, CombinationResult]:
        """The least and the greatest fixpoint, sharing the work they have in common."""
        totals = self._totals(tuple(Fixpoint))

        def result(fixpoint: Fixpoint) -> CombinationResult:
            return self._result(fixpoint, criterion, totals[fixpoint])

        if THREADS < 2 or self.cube.k < PARALLEL_DRIVERS:  # a dashboard's few drivers
            return result(Fixpoint.LEAST), result(Fixpoint.GREATEST)
        with ThreadPoolExecutor(THREADS) as pool:  # NumPy over 2^K: both fixpoints at once
            least, greatest = pool.map(result, (Fixpoint.LEAST, Fixpoint.GREATEST))
        return least, greatest

    def _result(
        self, fixpoint: Fixpoint, criterion: MetCriterion, totals: list[NDArray[np.integer]]
    ) -> CombinationResult:
        layout = self.layout
        tests = met_tests(self.requirement, criterion)
        met = np.ones(totals[-1].shape[0], dtype=bool)
        for quantity, minimum in tests:
            met &= totals[layout.rows[quantity]] >= minimum
        minimal = minimal_mask(met)
        for array in (*totals, met, minimal):
            array.setflags(write=False)
        return CombinationResult(
            drivers=layout.drivers,
            fixpoint=fixpoint,
            criterion=criterion,
            tests=tests,
            quantities=tuple(layout.rows),
            pledge_ids=layout.pledge_ids,
            met=met,
            minimal=minimal,
            _rows=dict(layout.rows),
            _totals=tuple(totals),
        )

    def _totals(self, fixpoints: tuple[Fixpoint, ...]) -> dict[Fixpoint, list[NDArray[np.integer]]]:
        """Per fixpoint, one row of shape (2^K,) per cover row, then the total personnel."""
        layout, cube = self.layout, self.cube
        size, step = 1 << cube.k, 1 << cube.chunk_bits
        if cube.k >= LARGE_SWEEP_DRIVERS:
            keep_freed_memory()
        types = [*cube.dtypes[: layout.cover_rows], self.total_dtype]
        out = {f: [np.empty(size, dtype=t) for t in types] for f in fixpoints}
        system, weights = layout.reciprocal, layout.reciprocal_weights

        def run(start: int) -> None:
            chunk = slice(start, start + step)
            first = [row[chunk] for row in out[fixpoints[0]][:-1]]  # cube rows go straight in
            extra = [np.empty(step, dtype=t) for t in cube.dtypes[layout.cover_rows :]]
            rows = [*first, *extra]
            cube.chunk(start, rows)
            activation = system.solve(rows, start, step) if system.exprs else None
            if activation is not None:  # settled pledges add the same at both fixpoints
                settled = weights.copy()
                settled[activation.pledges] = 0
                _add(first, activation.bottom, settled)
            for fixpoint in fixpoints[1:]:
                for row, values in zip(out[fixpoint], first, strict=False):
                    row[chunk] = values
            for fixpoint in fixpoints:
                totals = [row[chunk] for row in out[fixpoint]]
                if activation is not None:
                    _add(totals, activation.open_rows(fixpoint), weights[activation.pledges])
                total = totals[-1]
                total.fill(0)
                for index in layout.personnel_rows:
                    total += totals[index]

        starts = range(0, size, step)
        if THREADS > 1 and len(starts) > 1:
            with ThreadPoolExecutor(THREADS) as pool:
                list(pool.map(run, starts))
        else:
            list(map(run, starts))
        return out

    @property
    def total_dtype(self) -> type[np.signedinteger]:
        """The type of the total personnel row: holds every force pledge's personnel."""
        return narrowest(self.largest)


def _add(
    totals: list[NDArray[np.integer]], active: NDArray[np.bool_], weights: NDArray[np.int64]
) -> None:
    """totals[row] += weights.T @ active, for (pledges, n) activation and (pledges, rows)
    weights, one nonzero weight at a time."""
    for pledge, row in zip(*np.nonzero(weights), strict=True):
        add_where(totals[row], active[pledge], int(weights[pledge, row]))


@dataclass(frozen=True, eq=False)
class PlannedPledges:
    """Pledges planned once for compiling against several requirements (see `pledge_plan`):
    the plan, the pledges and the total personnel of them all."""

    pledges: tuple[Pledge, ...]
    plan: PledgePlan
    largest: int  # the total personnel of all force pledges: bounds the total row


def plan_combinations(
    pledges: Sequence[Pledge],
    base_scenario: Scenario,
    drivers: Sequence[str],
    *,
    level_floor: Level = Level.REPORTED,
    conditions: Mapping[str, Expr] | None = None,
) -> PlannedPledges:
    """Plan `pledges` for compiling all 2^K combinations of `drivers` against any number of
    requirements (`compile_planned`), sharing what does not depend on the requirement.

    Raises:
        InvalidInputError: repeated drivers, too many drivers, or repeated pledge ids.
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    check_drivers(tuple(drivers))
    plan = plan_pledges(pledges, base_scenario, tuple(drivers), level_floor, conditions)
    largest = sum(p.personnel.figure for p in pledges)
    return PlannedPledges(tuple(pledges), plan, largest)


def compile_planned(planned: PlannedPledges, requirement: Requirement) -> CombinationKernel:
    """Compile planned pledges against `requirement`: the same kernel as
    `compile_combinations` with the plan's pledges, scenario, drivers and options.

    Raises:
        InvalidInputError: too much memory for the drivers.
    """
    layout, builder = lay_out(planned.plan, planned.pledges, requirement)
    cube = builder.build(headroom=layout.headroom(builder.columns))
    kernel = CombinationKernel(requirement, layout, cube, planned.largest)
    _check_memory(kernel)
    return kernel


def compile_combinations(
    pledges: Sequence[Pledge],
    requirement: Requirement,
    base_scenario: Scenario,
    drivers: Sequence[str],
    *,
    level_floor: Level = Level.REPORTED,
    conditions: Mapping[str, Expr] | None = None,
) -> CombinationKernel:
    """Compile `pledges` for assessing all 2^K combinations of `drivers`.

    Raises:
        InvalidInputError: repeated drivers, too many drivers (or too much memory for them),
            or repeated pledge ids.
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    planned = plan_combinations(
        pledges, base_scenario, drivers, level_floor=level_floor, conditions=conditions
    )
    return compile_planned(planned, requirement)


def _check_memory(kernel: CombinationKernel) -> None:
    """Refuse before allocating: both fixpoints' totals, met and minimal masks, and the
    working arrays of the chunks in flight (a block of sums, activation matrices)."""
    cube, layout = kernel.cube, kernel.layout
    types = [*cube.dtypes[: layout.cover_rows], kernel.total_dtype]
    row_bytes = sum(np.dtype(t).itemsize for t in types)
    needed = 2 * (row_bytes + 2) << cube.k
    block = 2 * sum(np.dtype(t).itemsize for t in cube.dtypes)
    needed += THREADS * (block + 8 * len(layout.reciprocal.exprs)) << cube.chunk_bits
    if needed > MEMORY_BUDGET_BYTES:
        raise InvalidInputError(
            f"Combining {cube.k} drivers over {len(types)} totals needs about "
            f"{needed >> 20:,} MiB, more than the {MEMORY_BUDGET_BYTES >> 20:,} MiB allowed. "
            "Combine fewer drivers and fix the others in the scenario."
        )


def assess_combinations(
    pledges: Sequence[Pledge],
    requirement: Requirement,
    base_scenario: Scenario,
    drivers: Sequence[str],
    *,
    level_floor: Level = Level.REPORTED,
    fixpoint: Fixpoint = Fixpoint.GREATEST,
    criterion: MetCriterion = MetCriterion.ALL_LINES,
    conditions: Mapping[str, Expr] | None = None,
) -> CombinationResult:
    """Assess every combination of `drivers` (others fixed by `base_scenario`) at `fixpoint`.

    Raises:
        InvalidInputError: repeated drivers, too many drivers, or repeated pledge ids.
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    kernel = compile_combinations(
        pledges,
        requirement,
        base_scenario,
        drivers,
        level_floor=level_floor,
        conditions=conditions,
    )
    return kernel.assess(fixpoint, criterion)
