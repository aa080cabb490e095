"""The distribution of the active force: how likely each total is, and its quantiles.

Built from a histogram over whole numbers of personnel: weights (exact, from the driver
combinations' probabilities) or counts (Monte Carlo samples). `at_least(x)` is P(force >= x);
`curve()` gives that function at a few points for a chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
CURVE_POINTS = 101


@dataclass(frozen=True, eq=False)
class ForceDistribution:
    """P(force = x) for the totals x the force can take (`values`, increasing, with their
    probabilities `probs`, summing to 1); `mass` is the same as one entry per whole number.

    A round's totals run to hundreds of thousands of personnel while a few drivers allow
    only a few dozen of them: the quantiles, the mean and the curve are taken over those,
    not over an array with an entry for every number of soldiers.
    """

    values: NDArray[np.int64]
    probs: NDArray[np.float64]
    size: int  # the histogram's length: one more than the largest total it could hold

    @classmethod
    def of(cls, histogram: NDArray[np.floating] | NDArray[np.integer]) -> ForceDistribution:
        """From weights or counts per total (index = personnel)."""
        weights = np.asarray(histogram, dtype=np.float64)
        total = weights.sum()
        if not total > 0:
            return cls._frozen(np.zeros(1, dtype=np.int64), np.ones(1), 1)
        # the same indices as np.flatnonzero(weights), which is ten times slower on floats
        # than on the booleans: a round's histogram has hundreds of thousands of entries
        values = np.flatnonzero(weights != 0)
        return cls._frozen(values, weights[values] / total, weights.size)

    @classmethod
    def _frozen(
        cls, values: NDArray[np.int64], probs: NDArray[np.float64], size: int
    ) -> ForceDistribution:
        values.setflags(write=False)
        probs.setflags(write=False)
        return cls(values, probs, size)

    @cached_property
    def mass(self) -> NDArray[np.float64]:
        """P(force = x) for x = 0, 1, ... (read-only)."""
        mass = np.zeros(self.size)
        mass[self.values] = self.probs
        mass.setflags(write=False)
        return mass

    def at_least(self, personnel: int) -> float:
        """P(force >= personnel)."""
        if personnel <= 0:
            return 1.0
        return self._survival_at(personnel)

    def quantile(self, q: float) -> int:
        """The smallest force x with P(force <= x) >= q."""
        index = int(np.searchsorted(self._cumulative, q - 1e-12, side="left"))
        return int(self.values[index]) if index < self.values.size else self.size

    @cached_property
    def _cumulative(self) -> NDArray[np.float64]:
        """P(force <= x) at each of the values."""
        return np.cumsum(self.probs)

    @cached_property
    def _survival(self) -> NDArray[np.float64]:
        """P(force >= x) at each of the values."""
        return np.cumsum(self.probs[::-1])[::-1]

    def _survival_at(self, personnel: int) -> float:
        index = int(np.searchsorted(self.values, personnel, side="left"))
        return float(self._survival[index]) if index < self.values.size else 0.0

    @cached_property
    def quantiles(self) -> dict[float, int]:
        """The 5th, 25th, 50th, 75th and 95th percentiles."""
        return {q: self.quantile(q) for q in QUANTILES}

    @property
    def mean(self) -> float:
        return float(np.dot(self.values, self.probs))

    @property
    def largest(self) -> int:
        """The largest force with a positive probability."""
        return int(self.values[-1])

    def curve(self, points: int = CURVE_POINTS) -> tuple[tuple[int, float], ...]:
        """(x, P(force >= x)) at `points` evenly spaced forces from 0 to the largest, and at
        every force the distribution can take if there are fewer (for a step chart)."""
        possible = self.values[self.probs > 0]
        if possible.size <= points:
            xs = np.unique(np.concatenate(([0], possible)))
        else:
            xs = np.unique(np.linspace(0, self.largest, points).round().astype(np.int64))
        return tuple((int(x), min(1.0, self._survival_at(int(x)))) for x in xs)
