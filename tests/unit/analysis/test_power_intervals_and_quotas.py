"""Power indices, checked where the property tests only sample: every quota of a few weighted
games (so the quota falls on every sum a coalition can reach) and small players facing a large
quota, and the size of the sampled intervals, which must be the normal approximation the
docstring promises, widened for the number of players (Bonferroni) so that all values lie
inside together with 95% probability."""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pytest
from numpy.typing import NDArray

from forcegen.analysis.power import sampled_power, weighted_power
from power_games import enumerated

GAMES = [(3, 2, 2, 1), (5, 4, 3, 2, 1, 1), (7, 0, 4, 4, 1), (1,), (6, 6)]
# Small players facing a quota of thousands: as many series terms, so the players are taken in
# several groups, some of them empty.
LARGE_QUOTAS = [
    ((10_000, 9_000, 1, 1), 19_001),
    ((12_000, 1), 9_000),
    ((5_000, 4_000, 3, 2, 1), 9_003),
]


@pytest.mark.parametrize(
    ("weights", "quota"),
    [(w, q) for w in GAMES for q in range(1, sum(w) + 1)] + LARGE_QUOTAS,
    ids=lambda value: str(value),
)
def test_every_quota_a_coalition_can_reach_gives_the_enumerated_values(
    weights: tuple[int, ...], quota: int
) -> None:
    found = weighted_power({f"p{i}": w for i, w in enumerate(weights)}, quota)

    shapley, banzhaf = enumerated(list(weights), quota)
    assert found.shapley == pytest.approx(shapley, abs=1e-9)
    assert found.banzhaf == pytest.approx(banzhaf, abs=1e-9)


def two_of_three(coalitions: NDArray[np.bool_]) -> NDArray[np.bool_]:
    return np.asarray(coalitions.sum(axis=1) >= 2)


def test_the_sampled_half_widths_are_the_bonferroni_normal_approximation() -> None:
    samples = 20_000
    found = sampled_power(["a", "b", "c"], two_of_three, samples=samples, seed=3)

    z = NormalDist().inv_cdf(1 - 0.05 / (2 * 3))
    for value, error in zip(found.shapley, found.shapley_error, strict=True):
        assert error == pytest.approx(z * math.sqrt(value * (1 - value) / samples))
    # each player swings half of the coalitions of the others (raw Banzhaf 1/2, 3/2 in all)
    expected = z * math.sqrt(0.5 * 0.5 / samples) / 1.5
    assert found.banzhaf_error == pytest.approx((expected,) * 3, rel=0.03)
    assert found.shapley == pytest.approx((1 / 3,) * 3, abs=3 * max(found.shapley_error))
