"""What an assessment of every combination answers: indices, names, minimal sets, leverage."""

from __future__ import annotations

import numpy as np
import pytest

from factories import make_pledge, make_requirement, make_scenario
from forcegen.analysis import (
    TOTAL_PERSONNEL,
    CombinationResult,
    Measure,
    Quantity,
    assess_combinations,
)
from forcegen.analysis._kernel.result import leverage, minimal_mask
from forcegen.model.errors import InvalidInputError

DRIVERS = ["us.c", "us.a", "us.b"]


def _result() -> CombinationResult:
    pledges = [
        make_pledge(personnel=400, condition="us.a"),
        make_pledge(personnel=600, condition="us.b and not us.c"),
        make_pledge(personnel=1000, condition="us.c"),
    ]
    return assess_combinations(
        pledges, make_requirement(total_personnel=1000), make_scenario(), DRIVERS
    )


def test_a_combination_index_has_bit_i_for_the_ith_driver_combined() -> None:
    result = _result()

    assert result.size == 8
    assert result.combination([]) == 0
    assert result.combination(["us.b", "us.c"]) == 0b101
    assert result.drivers_on(0b110) == ("us.a", "us.b")
    assert result.drivers_on(0) == ()


def test_a_driver_not_combined_is_refused_with_the_drivers_that_are() -> None:
    with pytest.raises(
        InvalidInputError,
        match=r"'us\.x' is not one of the drivers combined here: us\.c, us\.a, us\.b\.",
    ):
        _result().combination(["us.a", "us.x"])


def test_an_unknown_quantity_is_refused_naming_the_quantities_there_are() -> None:
    with pytest.raises(InvalidInputError) as caught:
        _result().total(Quantity(Measure.PLATFORMS, "isr", "isr"))

    assert str(caught.value) == (
        "This assessment has no quantity platforms:isr; it has personnel:land.combat, "
        "platforms:land.combat, total_personnel:."
    )


def test_totals_come_as_64_bit_integers_whatever_their_column_type() -> None:
    totals = _result().total(TOTAL_PERSONNEL)

    assert totals.dtype == np.int64
    assert totals.tolist() == [0, 1000, 400, 1400, 600, 1000, 1000, 1400]


def test_minimal_sets_are_the_met_sets_with_no_met_proper_subset() -> None:
    assert _result().minimal_sets() == (("us.c",), ("us.a", "us.b"))


def test_minimal_mask_keeps_a_met_set_only_when_no_proper_subset_is_met() -> None:
    met = np.array([False, True, False, True, True, True, False, True])

    assert minimal_mask(met).tolist() == [False, True, False, False, True, False, False, False]
    assert minimal_mask(np.array([True, True])).tolist() == [True, False]
    assert minimal_mask(np.array([False])).tolist() == [False]


def test_leverage_is_the_mean_gain_of_switching_each_driver_on() -> None:
    values = np.array([0, 10, 1, 11, 100, 130, 101, 131], dtype=np.int16)

    assert leverage(values).tolist() == [20.0, 1.0, 110.0]
    assert _result().leverage() == {"us.c": 700.0, "us.a": 400.0, "us.b": 300.0}


def test_with_no_drivers_combined_there_is_no_leverage() -> None:
    assert leverage(np.array([5])).tolist() == []


def test_minimal_mask_agrees_with_checking_every_subset_for_every_met_mask_of_three_drivers() -> (
    None
):
    for bits in range(1 << 8):
        met = [bool(bits >> c & 1) for c in range(8)]
        expected = [
            m and not any(met[s] for s in range(c) if s & c == s) for c, m in enumerate(met)
        ]

        assert minimal_mask(np.array(met)).tolist() == expected, met
