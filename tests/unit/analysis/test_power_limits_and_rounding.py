"""Power indices at their limits: weights too large to add up, the exact limit on the total,
the error for a negative weight, the 12 decimals reported, signless zeros, and a sample in
which no coalition swings."""

from __future__ import annotations

import json

import numpy as np
import pytest
from numpy.typing import NDArray

from forcegen.analysis import power
from forcegen.analysis.power import sampled_power, weighted_power
from forcegen.model.errors import InvalidInputError

ROUND_THEM = r"divide them by a common factor \(the quota too\), or round them\.$"


@pytest.mark.parametrize(
    "weights",
    [dict.fromkeys("abcd", 2**62), {"a": 2**63}, {"a": 2**62, "b": 2**62}],
    ids=["sum-wraps-to-zero", "one-weight-beyond-int64", "sum-wraps-negative"],
)
def test_weights_too_large_for_64_bits_are_refused_not_reported_as_zeros(
    weights: dict[str, int],
) -> None:
    # `forcegen power` printed all zeros for four weights of 2**62: their sum wrapped round.
    with pytest.raises(InvalidInputError, match=r"^The weights add up to [\d,]+, more than "):
        weighted_power(weights, 1)


def test_the_limit_on_the_total_weight_says_how_to_get_under_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(power, "MOST_WEIGHT", 10)

    with pytest.raises(InvalidInputError, match=r"^The weights add up to 11, more than 10; "):
        weighted_power({"a": 6, "b": 5}, 6)
    with pytest.raises(InvalidInputError, match=ROUND_THEM):
        weighted_power({"a": 6, "b": 5}, 6)


def test_a_total_weight_exactly_at_the_limit_is_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(power, "MOST_WEIGHT", 10)

    found = weighted_power({"a": 6, "b": 4}, 6)

    assert (found.shapley, found.banzhaf) == ((1.0, 0.0), (1.0, 0.0))


def test_the_error_names_the_negative_weight_not_an_earlier_zero() -> None:
    with pytest.raises(InvalidInputError, match=r"^The weight of b is -3; "):
        weighted_power({"a": 0, "b": -3, "c": 2}, 1)


def test_values_are_reported_to_twelve_decimals() -> None:
    found = weighted_power({"a": 1, "b": 1, "c": 1}, 2)

    assert found.shapley == (0.333333333333,) * 3
    assert found.banzhaf == (0.333333333333,) * 3


@pytest.mark.parametrize(
    ("weights", "quota"), [((3, 2, 2, 1), -5), ((5, 4, 3, 2, 1, 1), 0)], ids=str
)
def test_a_quota_every_coalition_meets_gives_zeros_without_a_sign(
    weights: tuple[int, ...], quota: int
) -> None:
    # Worked out the general way, rounding leaves some of them -0.0, which JSON prints.
    found = weighted_power({f"p{i}": w for i, w in enumerate(weights)}, quota)

    assert "-0.0" not in json.dumps(found.as_dicts())


def unanimity(coalitions: NDArray[np.bool_]) -> NDArray[np.bool_]:
    return np.asarray(coalitions.all(axis=1))


def test_no_swing_in_the_sampled_coalitions_gives_banzhaf_zeros_not_nan() -> None:
    # With 20 players a random coalition of the others is complete once in 2**19 draws.
    found = sampled_power([f"p{i}" for i in range(20)], unanimity, samples=100)

    assert found.banzhaf == (0.0,) * 20
    assert found.banzhaf_error == (0.0,) * 20
    assert sum(found.shapley) == pytest.approx(1.0)


def test_sampling_defaults_to_4000_samples_with_seed_0() -> None:
    players = ["a", "b", "c"]

    found = sampled_power(players, unanimity)

    assert found.samples == 4000
    assert found == sampled_power(players, unanimity, samples=4000, seed=0)
