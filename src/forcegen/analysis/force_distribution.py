"""The distribution of the active force: how likely each total is, and its quantiles.

Built from a histogram over whole numbers of personnel: weights (exact, from the driver
combinations' probabilities) or counts (Monte Carlo samples). `at_least(x)` is P(force >= x);
`curve()` gives that function at a few points for a chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
CURVE_POINTS = 101


@dataclass(frozen=True, eq=False)
class ForceDistribution:
    """P(force = x) for x = 0, 1, ... (`mass`, read-only, summing to 1)."""

    mass: NDArray[np.float64]

    @classmethod
    def of(cls, histogram: NDArray[np.floating] | NDArray[np.integer]) -> ForceDistribution:
        """From weights or counts per total (index = personnel)."""
        mass = np.asarray(histogram, dtype=np.float64)
        total = mass.sum()
        mass = mass / total if total > 0 else np.ones(1)
        mass.setflags(write=False)
        return cls(mass)

    def at_least(self, personnel: int) -> float:
        """P(force >= personnel)."""
        if personnel <= 0:
            return 1.0
        return float(self.mass[personnel:].sum()) if personnel < self.mass.size else 0.0

    def quantile(self, q: float) -> int:
        """The smallest force x with P(force <= x) >= q."""
        cumulative = np.cumsum(self.mass)
        return int(np.searchsorted(cumulative, q - 1e-12, side="left"))

    @property
    def quantiles(self) -> dict[float, int]:
        """The 5th, 25th, 50th, 75th and 95th percentiles."""
        return {q: self.quantile(q) for q in QUANTILES}

    @property
    def mean(self) -> float:
        return float(np.dot(np.arange(self.mass.size), self.mass))

    @property
    def largest(self) -> int:
        """The largest force with a positive probability."""
        nonzero = np.flatnonzero(self.mass)
        return int(nonzero[-1]) if nonzero.size else 0

    def curve(self, points: int = CURVE_POINTS) -> tuple[tuple[int, float], ...]:
        """(x, P(force >= x)) at `points` evenly spaced forces from 0 to the largest, and at
        every force the distribution can take if there are fewer (for a step chart)."""
        survival = np.cumsum(self.mass[::-1])[::-1]
        possible = np.flatnonzero(self.mass)
        if possible.size <= points:
            xs = np.unique(np.concatenate(([0], possible)))
        else:
            xs = np.unique(np.linspace(0, self.largest, points).round().astype(np.int64))
        return tuple((int(x), float(min(1.0, survival[x]))) for x in xs)
