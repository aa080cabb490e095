"""The distribution of the active force: P(force >= x) at its edges, and the chart's points."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.analysis.force_distribution import ForceDistribution


def half_none() -> ForceDistribution:
    """P(force = 0) = 0.5, P(force = 1) = 0.25, P(force = 2) = 0.25 (built inside each test,
    so that mutation testing sees the test call `of`)."""
    return ForceDistribution.of(np.array([2.0, 1.0, 1.0]))


@pytest.mark.parametrize(
    ("personnel", "probability"),
    [(-5, 1.0), (0, 1.0), (1, 0.5), (2, 0.25), (3, 0.0), (1_000, 0.0)],
)
def test_at_least_is_one_up_to_nothing_and_zero_past_the_largest_force(
    personnel: int, probability: float
) -> None:
    assert half_none().at_least(personnel) == probability


def test_a_quantile_is_the_smallest_force_reaching_that_share() -> None:
    # P(force <= 0) = 0.5 exactly: the median is 0, not 1
    assert half_none().quantile(0.5) == 0
    assert half_none().quantile(0.75) == 1
    assert half_none().quantile(0.76) == 2


def test_the_curve_has_every_possible_force_when_they_are_no_more_than_the_points() -> None:
    forces = ForceDistribution.of(np.bincount([10, 20, 30]).astype(np.float64))

    assert forces.curve(points=3) == ((0, 1.0), (10, 1.0), (20, pytest.approx(2 / 3)), (30, 1 / 3))


def test_the_curve_has_evenly_spaced_forces_from_zero_to_the_largest_otherwise() -> None:
    forces = ForceDistribution.of(np.bincount([10, 20, 30, 40]).astype(np.float64))

    assert [x for x, _ in forces.curve(points=3)] == [0, 20, 40]
    assert [x for x, _ in forces.curve(points=5)] == [0, 10, 20, 30, 40]


def test_the_curve_never_shows_a_probability_above_one() -> None:
    # these weights normalise to masses whose sum rounds to 1.0000000000000002
    forces = ForceDistribution.of(np.array([10.0, 1, 4, 5, 13, 7, 7]))
    assert float(np.cumsum(forces.mass[::-1])[-1]) > 1.0

    assert forces.curve()[0] == (0, 1.0)


def test_p_of_at_least_nothing_is_exactly_one_even_when_masses_add_up_to_a_hair_more() -> None:
    forces = ForceDistribution.of(np.array([10.0, 8, 6, 9, 10, 14, 17]))
    assert float(forces.mass.sum()) > 1.0  # 1.0000000000000002

    assert forces.at_least(0) == 1.0


def test_an_empty_histogram_is_a_certain_force_of_nothing() -> None:
    forces = ForceDistribution.of(np.zeros(3))

    assert forces.mass.tolist() == [1.0]
    assert (forces.mean, forces.largest, forces.at_least(1)) == (0.0, 0, 0.0)


def test_a_distributions_masses_are_read_only() -> None:
    forces = half_none()

    with pytest.raises(ValueError, match="read-only"):
        forces.mass[0] = 0.0


@settings(max_examples=300)
@given(
    weights=st.lists(
        st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e6)), min_size=1, max_size=60
    ),
    points=st.integers(min_value=1, max_value=12),
)
def test_the_totals_it_keeps_give_what_an_entry_per_number_gives(
    weights: list[float], points: int
) -> None:
    """The distribution keeps only the totals the force can take; a reference over an entry
    for every whole number of personnel (the plain definitions) gives the same figures."""
    forces = ForceDistribution.of(np.array(weights))
    total = float(np.asarray(weights).sum())  # the same total: the masses must be equal
    mass = [w / total for w in weights] if total > 0 else [1.0]

    def at_least(x: int) -> float:
        return 1.0 if x <= 0 else float(sum(mass[x:]))

    assert forces.mass.tolist() == mass
    for q in (0.05, 0.25, 0.5, 0.75, 0.95):
        reached = [x for x in range(len(mass)) if float(np.cumsum(mass)[x]) >= q - 1e-12]
        assert forces.quantile(q) == (reached[0] if reached else len(mass))
    assert forces.mean == pytest.approx(sum(x * m for x, m in enumerate(mass)), abs=1e-9)
    assert forces.largest == max((x for x, m in enumerate(mass) if m > 0), default=0)
    for x in range(-1, len(mass) + 2):
        assert forces.at_least(x) == pytest.approx(at_least(x), abs=1e-12)
    assert [x for x, _ in forces.curve(points)] == [x for x, _ in _reference_curve(mass, points)]
    for (_, found), (_, expected) in zip(
        forces.curve(points), _reference_curve(mass, points), strict=True
    ):
        assert found == pytest.approx(expected, abs=1e-12)


def _reference_curve(mass: list[float], points: int) -> list[tuple[int, float]]:
    possible = [x for x, m in enumerate(mass) if m > 0]
    if len(possible) <= points:
        xs = sorted({0, *possible})
    else:
        xs = sorted({round(float(v)) for v in np.linspace(0, possible[-1], points)})
    return [(x, min(1.0, float(sum(mass[x:])))) for x in xs]
