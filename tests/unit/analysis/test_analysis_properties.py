"""Properties over random pledge sets: the fast kernel equals the reference implementation on
every combination of drivers at both fixpoints, and the invariants of activation hold.

The pledge sets (`pledge_instances`) put most thresholds and requirement minimums exactly on
sums the pledges can reach, so that `>=` and `>` give different answers.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.analysis import (
    Fixpoint,
    MetCriterion,
    active_pledges,
    compile_combinations,
    reference_combinations,
    scenario_of,
)
from forcegen.model.pledge import Level
from hypothesis_profiles import examples
from pledge_instances import Instance, instances


@settings(max_examples=examples(200), deadline=None)
@given(instances(), st.sampled_from(list(MetCriterion)))
def test_the_kernel_equals_the_reference_on_every_combination_at_both_fixpoints(
    instance: Instance, criterion: MetCriterion
) -> None:
    kernel = compile_combinations(
        instance.pledges,
        instance.requirement,
        instance.base,
        instance.drivers,
        level_floor=instance.floor,
        conditions=instance.conditions,
    )

    for fixpoint, result in zip(Fixpoint, kernel.assess_both(criterion), strict=True):
        rows = reference_combinations(
            instance.pledges,
            instance.requirement,
            instance.base,
            instance.drivers,
            range(result.size),
            fixpoint=fixpoint,
            level_floor=instance.floor,
            criterion=criterion,
            conditions=instance.conditions,
        )
        for quantity in result.quantities:
            assert result.total(quantity).tolist() == [r.totals[quantity] for r in rows]
        assert result.met.tolist() == [r.is_met for r in rows]


@settings(max_examples=examples(40), deadline=None)
@given(instances(), st.data())
def test_the_least_fixpoint_is_contained_in_the_greatest(
    instance: Instance, data: st.DataObject
) -> None:
    combination = data.draw(st.integers(0, (1 << len(instance.drivers)) - 1))
    scenario = scenario_of(instance.base, instance.drivers, combination)

    least, greatest = (
        active_pledges(
            instance.pledges,
            scenario,
            fixpoint=f,
            level_floor=instance.floor,
            conditions=instance.conditions,
        )
        for f in Fixpoint
    )

    assert {p.id for p in least} <= {p.id for p in greatest}


@settings(max_examples=examples(40), deadline=None)
@given(instances(allow_not=False))
def test_switching_a_driver_on_never_lowers_a_total_when_conditions_have_no_not(
    instance: Instance,
) -> None:
    kernel = compile_combinations(
        instance.pledges,
        instance.requirement,
        instance.base,
        instance.drivers,
        conditions=instance.conditions,
    )

    for result in kernel.assess_both():
        for quantity in result.quantities:
            totals = result.total(quantity)
            for bit in range(len(instance.drivers)):
                pairs = totals.reshape(-1, 2, 1 << bit)
                assert np.all(pairs[:, 1, :] >= pairs[:, 0, :])


@settings(max_examples=examples(40), deadline=None)
@given(instances())
def test_lowering_the_level_floor_never_reduces_a_total(instance: Instance) -> None:
    def results(floor: Level) -> tuple[object, ...]:
        kernel = compile_combinations(
            instance.pledges,
            instance.requirement,
            instance.base,
            instance.drivers,
            level_floor=floor,
            conditions=instance.conditions,
        )
        return kernel.assess_both()

    for low, high in zip(results(Level.REPORTED), results(Level.COMMITTED), strict=True):
        for quantity in low.quantities:  # type: ignore[attr-defined]
            assert np.all(low.total(quantity) >= high.total(quantity))  # type: ignore[attr-defined]


@settings(max_examples=examples(40), deadline=None)
@given(instances())
def test_least_totals_never_exceed_greatest_totals(instance: Instance) -> None:
    kernel = compile_combinations(
        instance.pledges,
        instance.requirement,
        instance.base,
        instance.drivers,
        level_floor=instance.floor,
        conditions=instance.conditions,
    )

    least, greatest = kernel.assess_both()

    for quantity in least.quantities:
        assert np.all(least.total(quantity) <= greatest.total(quantity))
