"""The fast kernel checked against the reference implementation on every combination.

`assert_kernel_matches_reference` compiles a small pledge set (a handful of drivers, so the
reference assesses all 2^K combinations one by one in milliseconds) and compares, at both
fixpoints and whether assessed together or alone: every total, the met mask, the minimal
mask and the leverage of every quantity. The expectations are computed from the reference's
rows only, never from the kernel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from factories import make_scenario
from forcegen.analysis import (
    CombinationResult,
    Fixpoint,
    MetCriterion,
    compile_combinations,
    reference_combinations,
)
from forcegen.analysis._kernel import combinations, cube
from forcegen.conditions import Expr
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario

# (CHUNK_BITS, LOW_BITS, THREADS): one chunk as in production for small K; chunks of 8
# combinations one after another, their lowest bit transformed while the coefficients are
# sparse; chunks of 4 in two threads, their two bits both transformed while sparse. So a
# handful of drivers already spans several chunks and high patterns. (The cube transforms
# the lowest LOW_BITS bits before cutting chunks, so LOW_BITS may not exceed CHUNK_BITS.)
CHUNKINGS = [
    pytest.param((18, 6, 2), id="one-chunk"),
    pytest.param((3, 1, 1), id="chunks-of-8"),
    pytest.param((2, 2, 2), id="chunks-of-4-threaded"),
]


def chunked(monkeypatch: pytest.MonkeyPatch, chunking: tuple[int, int, int]) -> None:
    """Make the kernel cut the combinations into chunks of 2^bits, run in `threads`."""
    bits, low_bits, threads = chunking
    monkeypatch.setattr(cube, "CHUNK_BITS", bits)
    monkeypatch.setattr(cube, "LOW_BITS", low_bits)
    monkeypatch.setattr(combinations, "THREADS", threads)


def assert_kernel_matches_reference(
    pledges: Sequence[Pledge],
    requirement: Requirement,
    drivers: Sequence[str],
    *,
    base: Scenario | None = None,
    criterion: MetCriterion = MetCriterion.ALL_LINES,
    level_floor: Level = Level.REPORTED,
    conditions: Mapping[str, Expr] | None = None,
) -> tuple[CombinationResult, CombinationResult]:
    """Both fixpoints of the kernel equal the reference everywhere; returns them (least,
    greatest) for further, hand-written expectations."""
    base = base or make_scenario()
    kernel = compile_combinations(
        pledges, requirement, base, drivers, level_floor=level_floor, conditions=conditions
    )
    both = kernel.assess_both(criterion)
    for fixpoint, together in zip(Fixpoint, both, strict=True):
        alone = kernel.assess(fixpoint, criterion)
        rows = reference_combinations(
            pledges,
            requirement,
            base,
            drivers,
            range(1 << len(drivers)),
            fixpoint=fixpoint,
            level_floor=level_floor,
            criterion=criterion,
            conditions=conditions,
        )
        met = [r.is_met for r in rows]
        minimal = [
            is_met and not any(met[s] for s in range(c) if s & c == s)
            for c, is_met in enumerate(met)
        ]
        for result in (together, alone):
            assert result.fixpoint is fixpoint
            assert result.criterion is criterion
            assert set(result.quantities) == set(rows[0].totals)
            for quantity in result.quantities:
                expected = [r.totals[quantity] for r in rows]
                assert result.total(quantity).tolist() == expected, (fixpoint, quantity)
                assert result.leverage(quantity) == pytest.approx(
                    _leverage(expected, len(drivers), drivers)
                ), (fixpoint, quantity)
            assert result.met.tolist() == met, fixpoint
            assert result.minimal.tolist() == minimal, fixpoint
    return both


def _leverage(values: list[int], k: int, drivers: Sequence[str]) -> dict[str, float]:
    """Per driver, the mean gain of switching it on, over the combinations without it."""
    return {
        d: sum(values[c | 1 << i] - values[c] for c in range(1 << k) if not c >> i & 1)
        / (1 << (k - 1))
        for i, d in enumerate(drivers)
    }
