"""How likely the force meets each requirement: the result of an exact or sampled assessment.

Both methods add up the same tallies, chunk by chunk, per fixpoint:

    weight        the probability mass (exact) or number of samples (Monte Carlo) seen
    met[k]        ... of it in which requirement profile k is met
    lines[k, l]   ... in which line l of profile k is met
    histogram[x]  ... in which the active force is x personnel

so that chunks computed anywhere (one process, threads, a Dask cluster) merge by addition,
and the estimates are the tallies divided by the weight. A Monte Carlo estimate p from n
samples has the standard error sqrt(p (1 - p) / n).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.force_distribution import ForceDistribution

FloatArray = NDArray[np.float64]
K = TypeVar("K")


class Method(StrEnum):
    EXACT = "exact"  # every driver combination, weighted by its probability
    MONTE_CARLO = "monte_carlo"  # random draws of drivers, honouring and quantities


@dataclass
class Tally:
    """Sums over part of the outcomes (see the module doc); `+` merges two parts."""

    weight: float = 0.0
    met: dict[tuple[Fixpoint, str], float] = field(default_factory=dict)
    lines: dict[tuple[Fixpoint, str, str], float] = field(default_factory=dict)
    histogram: dict[Fixpoint, FloatArray] = field(default_factory=dict)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.weight + other.weight,
            _summed(self.met, other.met),
            _summed(self.lines, other.lines),
            {f: _padded_sum(self.histogram.get(f), other.histogram.get(f)) for f in Fixpoint},
        )


def _summed(one: Mapping[K, float], other: Mapping[K, float]) -> dict[K, float]:
    return {k: one.get(k, 0.0) + other.get(k, 0.0) for k in {*one, *other}}


def _padded_sum(one: FloatArray | None, other: FloatArray | None) -> FloatArray:
    if one is None or other is None:
        found = one if one is not None else other
        return np.zeros(1) if found is None else found
    size = max(one.size, other.size)
    total = np.zeros(size)
    total[: one.size] += one
    total[: other.size] += other
    return total


@dataclass(frozen=True)
class FixpointLikelihood:
    """At one fixpoint: P(met) per profile, P(line met) per profile and line, and the
    distribution of the active force (total personnel)."""

    met: Mapping[str, float]
    lines: Mapping[str, Mapping[str, float]]
    force: ForceDistribution


@dataclass(frozen=True)
class Likelihood:
    """The probabilities of an assessment at both fixpoints, and how they were found.

    `drivers` are the uncertain drivers taken into account; `samples` and `seed` are set for
    Monte Carlo, whose estimates have standard errors (`standard_error`).
    """

    method: Method
    drivers: tuple[str, ...]
    least: FixpointLikelihood
    greatest: FixpointLikelihood
    samples: int | None = None
    seed: int | None = None
    is_honouring: bool = False  # whether pledges may go unhonoured (the ladder)

    def at(self, fixpoint: Fixpoint) -> FixpointLikelihood:
        return self.least if fixpoint is Fixpoint.LEAST else self.greatest

    def standard_error(self, probability: float) -> float:
        """The standard error of an estimated probability (zero when exact)."""
        if self.samples is None:
            return 0.0
        return math.sqrt(max(probability * (1.0 - probability), 0.0) / self.samples)


def likelihood_of(
    tally: Tally,
    *,
    method: Method,
    drivers: tuple[str, ...],
    profiles: Mapping[str, tuple[str, ...]],
    samples: int | None = None,
    seed: int | None = None,
    is_honouring: bool = False,
) -> Likelihood:
    """The estimates from a complete tally; `profiles` maps each requirement profile to its
    line keys (so that a profile or line met nowhere still shows, with probability 0)."""
    weight = tally.weight or 1.0

    def at(fixpoint: Fixpoint) -> FixpointLikelihood:
        return FixpointLikelihood(
            met={k: tally.met.get((fixpoint, k), 0.0) / weight for k in profiles},
            lines={
                k: {line: tally.lines.get((fixpoint, k, line), 0.0) / weight for line in keys}
                for k, keys in profiles.items()
            },
            force=ForceDistribution.of(tally.histogram.get(fixpoint, np.ones(1))),
        )

    return Likelihood(
        method, drivers, at(Fixpoint.LEAST), at(Fixpoint.GREATEST), samples, seed, is_honouring
    )
