"""Entry points of the kernel: compile a pledge set once, assess all combinations per fixpoint.

    kernel = compile_combinations(pledges, requirement, scenario, drivers)
    least, greatest = kernel.assess_both()
    greatest = kernel.assess(Fixpoint.GREATEST)

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

from forcegen.analysis._kernel.cube import Cube
from forcegen.analysis._kernel.layout import Layout, lay_out
from forcegen.analysis._kernel.result import CombinationResult, minimal_mask
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.quantity import MetCriterion, met_tests
from forcegen.conditions import Expr
from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario

THREADS = 2
MEMORY_BUDGET_BYTES = 3 << 30


@dataclass(frozen=True, eq=False)
class CombinationKernel:
    """A pledge set compiled for one requirement, base scenario and list of drivers."""

    requirement: Requirement
    layout: Layout
    cube: Cube  # driver-only sums, cover rows first, produced chunk by chunk

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
        return (
            self._result(Fixpoint.LEAST, criterion, totals[Fixpoint.LEAST]),
            self._result(Fixpoint.GREATEST, criterion, totals[Fixpoint.GREATEST]),
        )

    def _result(
        self, fixpoint: Fixpoint, criterion: MetCriterion, totals: NDArray[np.integer]
    ) -> CombinationResult:
        layout = self.layout
        tests = met_tests(self.requirement, criterion)
        met = np.ones(totals.shape[1], dtype=bool)
        for quantity, minimum in tests:
            met &= totals[layout.rows[quantity]] >= minimum
        minimal = minimal_mask(met)
        for array in (totals, met, minimal):
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
            _totals=totals,
        )

    def _totals(self, fixpoints: tuple[Fixpoint, ...]) -> dict[Fixpoint, NDArray[np.integer]]:
        """Per fixpoint, the totals of shape (cover rows + 1, 2^K); the last row is the total."""
        layout, cube = self.layout, self.cube
        size, step = 1 << cube.k, 1 << cube.chunk_bits
        out = {f: np.empty((layout.cover_rows + 1, size), dtype=cube.dtype) for f in fixpoints}
        system, weights = layout.reciprocal, layout.reciprocal_weights

        def run(start: int) -> None:
            chunk = slice(start, start + step)
            first = out[fixpoints[0]][:-1, chunk]  # the cover rows go straight to a result
            extra = np.empty((cube.columns - layout.cover_rows, step), dtype=cube.dtype)
            rows = [*first, *extra]
            cube.chunk(start, rows)
            activation = system.solve(rows, start, step) if system.exprs else None
            if activation is not None:  # settled pledges add the same at both fixpoints
                settled = weights.copy()
                settled[activation.pledges] = 0
                _add(first, activation.bottom, settled)
            for fixpoint in fixpoints[1:]:
                out[fixpoint][:-1, chunk] = first
            for fixpoint in fixpoints:
                totals = out[fixpoint][:, chunk]
                if activation is not None:
                    _add(totals[:-1], activation.open_rows(fixpoint), weights[activation.pledges])
                totals[-1] = totals[list(layout.personnel_rows)].sum(axis=0, dtype=totals.dtype)

        starts = range(0, size, step)
        if THREADS > 1 and len(starts) > 1:
            with ThreadPoolExecutor(THREADS) as pool:
                list(pool.map(run, starts))
        else:
            list(map(run, starts))
        return out


def _add(
    totals: NDArray[np.integer], active: NDArray[np.bool_], weights: NDArray[np.int64]
) -> None:
    """totals (rows, n) += weights.T @ active, for (pledges, n) activation and (pledges, rows)
    weights, one nonzero weight at a time."""
    for pledge, row in zip(*np.nonzero(weights), strict=True):
        totals[row] += active[pledge] * totals.dtype.type(weights[pledge, row])


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
    layout, builder = lay_out(
        pledges, requirement, base_scenario, tuple(drivers), level_floor, conditions
    )
    largest = sum(p.personnel.figure for p in pledges)  # bounds the total personnel row
    cube = builder.build(headroom=np.abs(layout.reciprocal_weights).sum(axis=0), largest=largest)
    _check_memory(cube, layout.cover_rows + 1, len(layout.reciprocal.exprs))
    return CombinationKernel(requirement, layout, cube)


def _check_memory(cube: Cube, rows: int, reciprocal: int) -> None:
    """Refuse before allocating: both fixpoints' totals, met and minimal masks, and the
    working arrays of the chunks in flight (a block of sums, activation matrices)."""
    item = np.dtype(cube.dtype).itemsize
    needed = 2 * (rows * item + 2) << cube.k
    needed += THREADS * (2 * item * cube.columns + 8 * reciprocal) << cube.chunk_bits
    if needed > MEMORY_BUDGET_BYTES:
        raise InvalidInputError(
            f"Combining {cube.k} drivers over {rows} totals needs about {needed >> 20:,} MiB, "
            f"more than the {MEMORY_BUDGET_BYTES >> 20:,} MiB allowed. Combine fewer drivers "
            "and fix the others in the scenario."
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
