"""The activations memo: what it returns is what `active_range` works out, however often and in
whichever order it is asked, and a driver set false shares the entry of one left out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from factories import make_pledge, make_requirement, make_scenario
from forcegen.analysis import Activations, Fixpoint, active_range, measure_coverage, scenario_of
from forcegen.model.errors import InvalidInputError
from hypothesis_profiles import examples
from pledge_instances import Instance, instances


@settings(max_examples=examples(100), deadline=None)
@given(instances())
def test_the_memo_equals_active_range_on_every_combination_asked_twice(
    instance: Instance,
) -> None:
    activations = Activations(instance.pledges, instance.conditions)
    combinations = range(1 << len(instance.drivers))

    for _ in range(2):  # the second round reads the memo
        for combination in reversed(combinations):
            scenario = scenario_of(instance.base, instance.drivers, combination)
            only_true = instance.base.with_overrides(
                {d: True for d, on in scenario.drivers.items() if on}
            )
            for fixpoint in Fixpoint:
                expected = active_range(
                    instance.pledges,
                    scenario,
                    fixpoint=fixpoint,
                    level_floor=instance.floor,
                    conditions=instance.conditions,
                )

                for asked in (scenario, only_true):
                    found = activations.active(asked, fixpoint=fixpoint, level_floor=instance.floor)
                    total = activations.total(asked, fixpoint=fixpoint, level_floor=instance.floor)
                    assert found == expected
                    assert total == expected.total()


def test_activations_of_other_pledges_are_refused() -> None:
    pledges = [make_pledge(id="fra", contributor="FRA")]
    others = Activations([make_pledge(id="gbr", contributor="GBR")])

    with pytest.raises(InvalidInputError, match="other pledges"):
        measure_coverage(pledges, make_requirement(), make_scenario(), activations=others)


def test_conditions_and_activations_together_are_refused() -> None:
    pledges = [make_pledge(id="fra", contributor="FRA")]
    activations = Activations(pledges)

    with pytest.raises(InvalidInputError, match="not both"):
        measure_coverage(
            pledges,
            make_requirement(),
            make_scenario(),
            conditions=activations.conditions,
            activations=activations,
        )
