"""Driver odds as numbers: the weight of every driver combination, and random draws.

Drivers are independent unless a joint scenario groups them; groups are independent of each
other. The probability of a combination is the product, over the independent drivers and the
groups, of the probability of its part:

    drivers (a, b, c), P(a) = 0.2, (b, c) joint: {b, c} 0.3, {b} 0.1, {} 0.6
    combination {a, b}  ->  0.2 * 0.1 = 0.02

A driver whose probability is 0 or 1 is not uncertain: it takes that value, and an assessment
need not combine it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from forcegen.model.errors import InvalidInputError
from forcegen.model.odds import JointScenario
from forcegen.model.scenario import Scenario

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class DriverOdds:
    """The probability of each independent driver, and the groups that move together."""

    independent: Mapping[str, float]
    joint: tuple[JointScenario, ...] = ()

    @property
    def uncertain(self) -> tuple[str, ...]:
        """The drivers whose value is not certain: probability strictly between 0 and 1, or
        in a joint scenario; in the order given, groups last."""
        alone = [d for d, p in self.independent.items() if 0.0 < p < 1.0]
        return (*alone, *(d for group in self.joint for d in group.drivers))

    @property
    def settled(self) -> dict[str, bool]:
        """The independent drivers with probability 0 or 1, as values."""
        return {d: p == 1.0 for d, p in self.independent.items() if p in (0.0, 1.0)}

    def fixing(self, scenario: Scenario) -> Scenario:
        """`scenario` with every settled driver set to its value (uncertain ones untouched)."""
        return scenario.with_overrides(self.settled)


def odds_of(scenario: Scenario, overrides: Mapping[str, float] | None = None) -> DriverOdds:
    """The odds a scenario gives, with some independent probabilities overridden (from
    `--probability DRIVER=P` or a dashboard slider).

    Raises:
        InvalidInputError: an override is not a probability, or names a driver of a joint
            scenario (whose outcomes are given together).
    """
    probabilities = dict(scenario.probabilities)
    grouped = {d: group.key for group in scenario.joint for d in group.drivers}
    for driver, probability in (overrides or {}).items():
        if not 0.0 <= probability <= 1.0:
            raise InvalidInputError(
                f"{probability:g} is not a probability for {driver}; use a number from 0 to 1."
            )
        if driver in grouped:
            raise InvalidInputError(
                f"{driver} moves with others in the joint scenario {grouped[driver]!r}; change "
                "the probabilities of its outcomes in the scenario file instead."
            )
        probabilities[driver] = probability
    return DriverOdds(probabilities, scenario.joint)


def combination_weights(
    drivers: Sequence[str], odds: DriverOdds, fixed: Mapping[str, bool] | None = None
) -> FloatArray:
    """The probability of each combination of `drivers` (bit i of the index = drivers[i]),
    shape (2^K,). With `fixed` drivers held at a value, the weights include the probability
    of that value, so that summing over every choice of `fixed` adds up to one; uncertain
    drivers neither combined nor fixed are summed over (for drivers no condition names).
    """
    fixed = dict(fixed or {})
    position = {d: i for i, d in enumerate(drivers)}
    k = len(drivers)
    weights = np.ones((2,) * k, dtype=np.float64)  # axis K-1-i is driver i (C order)
    scale = 1.0
    for driver, probability in odds.independent.items():
        if driver in position:
            axis = k - 1 - position[driver]
            weights *= np.array([1.0 - probability, probability]).reshape(_along(axis, k))
        elif driver in fixed:
            scale *= probability if fixed[driver] else 1.0 - probability
    for group in odds.joint:
        weights *= _group_table(group, position, fixed, k)
    flat: FloatArray = weights.reshape(-1) * scale
    return flat


def _along(axis: int, k: int) -> tuple[int, ...]:
    return tuple(2 if a == axis else 1 for a in range(k))


def _group_table(
    group: JointScenario, position: Mapping[str, int], fixed: Mapping[str, bool], k: int
) -> FloatArray:
    """The group's outcome probabilities as a factor broadcast over the K axes."""
    table = np.zeros(tuple(2 if a in _axes(group, position, k) else 1 for a in range(k)))
    for outcome in group.outcomes:
        if any(fixed[d] != v for d, v in outcome.drivers.items() if d in fixed):
            continue
        index = [0] * k
        for driver, value in outcome.drivers.items():
            if driver in position:
                index[k - 1 - position[driver]] = int(value)
        table[tuple(index)] += outcome.probability
    return table


def _axes(group: JointScenario, position: Mapping[str, int], k: int) -> set[int]:
    return {k - 1 - position[d] for d in group.drivers if d in position}


def sample_drivers(odds: DriverOdds, rng: np.random.Generator, size: int) -> dict[str, BoolArray]:
    """`size` independent draws of every uncertain driver, driver by driver in the order of
    `odds.uncertain` (so a seed gives the same draws every time)."""
    draws: dict[str, BoolArray] = {}
    for driver, probability in odds.independent.items():
        if 0.0 < probability < 1.0:
            draws[driver] = rng.random(size) < probability
    for group in odds.joint:
        cumulative = np.cumsum([o.probability for o in group.outcomes])
        chosen = np.searchsorted(cumulative, rng.random(size) * cumulative[-1], side="right")
        chosen = np.minimum(chosen, len(group.outcomes) - 1)
        for driver in group.drivers:
            values = np.array([o.drivers[driver] for o in group.outcomes])
            draws[driver] = values[chosen]
    return draws
