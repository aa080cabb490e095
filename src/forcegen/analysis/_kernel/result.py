"""The assessment of every driver combination: totals, met mask, minimal sets, leverage.

Combination c (an integer in 0..2^K-1) switches on drivers[i] exactly when bit i of c is set;
all other drivers keep their value in the base scenario. Arrays over combinations have shape
(2^K,) and are read-only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.quantity import TOTAL_PERSONNEL, MetCriterion, Quantity
from forcegen.model.errors import InvalidInputError


@dataclass(frozen=True, eq=False)
class CombinationResult:
    """Totals per combination per quantity, and which combinations meet the requirement.

    `pledge_ids` are the pledges the totals may draw on: force pledges at or above the level
    floor whose condition is not already false under the base scenario. Which of them are
    active in one combination is what the single-scenario assessment (`active_pledges` on
    `scenario_of(base, drivers, combination)`) reports.
    """

    drivers: tuple[str, ...]
    fixpoint: Fixpoint
    criterion: MetCriterion
    tests: tuple[tuple[Quantity, int], ...]  # (quantity, minimum) that define "met"
    quantities: tuple[Quantity, ...]
    pledge_ids: tuple[str, ...]
    met: NDArray[np.bool_]
    minimal: NDArray[np.bool_]
    _rows: dict[Quantity, int]
    _totals: tuple[NDArray[np.integer], ...]  # per row, shape (2^K,), each in its own type

    @property
    def size(self) -> int:
        return 1 << len(self.drivers)

    def total(self, quantity: Quantity = TOTAL_PERSONNEL) -> NDArray[np.int64]:
        """The quantity in every combination, shape (2^K,)."""
        if quantity not in self._rows:
            known = ", ".join(f"{q.measure}:{q.key}" for q in self.quantities)
            raise InvalidInputError(
                f"This assessment has no quantity {quantity.measure}:{quantity.key}; "
                f"it has {known}."
            )
        values: NDArray[np.int64] = self._totals[self._rows[quantity]].astype(np.int64)
        return values

    def combination(self, drivers_on: Iterable[str]) -> int:
        """The combination index that switches on exactly `drivers_on`."""
        index = 0
        for name in drivers_on:
            if name not in self.drivers:
                raise InvalidInputError(
                    f"{name!r} is not one of the drivers combined here: {', '.join(self.drivers)}."
                )
            index |= 1 << self.drivers.index(name)
        return index

    def drivers_on(self, combination: int) -> tuple[str, ...]:
        """The drivers switched on in `combination`."""
        return tuple(d for i, d in enumerate(self.drivers) if combination >> i & 1)

    def minimal_sets(self) -> tuple[tuple[str, ...], ...]:
        """The driver sets that meet the requirement while no proper subset does, smallest
        first (then alphabetical)."""
        # Sorted in NumPy, and names picked in C (itertools.compress): Python loops over every
        # driver of thousands of sets cost more than the sweep's last steps. Among sets of one
        # size, sorted name lists compare as their lowest differing name decides, so with the
        # drivers' bits laid out alphabetically and reversed, a larger number comes first.
        k = len(self.drivers)
        bits = (np.flatnonzero(self.minimal)[:, None] >> np.arange(k)) & 1 == 1
        alphabetical = sorted(range(k), key=self.drivers.__getitem__)
        reversed_rank = np.int64(1) << np.arange(k - 1, -1, -1, dtype=np.int64)
        order = np.lexsort((-(bits[:, alphabetical] @ reversed_rank), bits.sum(axis=1)))
        return tuple(tuple(compress(self.drivers, row)) for row in bits[order].tolist())

    def leverage(self, quantity: Quantity = TOTAL_PERSONNEL) -> dict[str, float]:
        """Per driver: the quantity with it on minus with it off, averaged over the others."""
        values = self._totals[self._rows[quantity]]
        return {d: float(x) for d, x in zip(self.drivers, leverage(values), strict=True)}


def leverage(values: NDArray[np.integer]) -> NDArray[np.float64]:
    """Mean of values[S | i] - values[S] over the S without bit i, per bit i; shape (K,).

    Folding the highest bit away (adding its two halves) keeps every lower bit's class sums,
    so one pass per bit over a halving array gives every "bit on" sum.
    """
    k = values.size.bit_length() - 1
    on = np.zeros(k)
    folded = values.astype(np.int64)
    for bit in reversed(range(k)):
        low, high = folded[: folded.size // 2], folded[folded.size // 2 :]
        on[bit] = high.sum()
        folded = low + high
    total = float(folded.sum())
    half = values.size >> 1
    result: NDArray[np.float64] = (2 * on - total) / half if half else on
    return result


def minimal_mask(met: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Combinations that are met while no proper subset is; shape as `met`, (2^K,)."""
    below = met.copy()  # below[S]: some subset of S (S included) is met
    _or_zeta(below)
    strictly_below = np.zeros_like(met)  # some proper subset of S is met
    width = 1
    while width < met.size:
        target = strictly_below.reshape(-1, 2, width)
        target[:, 1, :] |= below.reshape(-1, 2, width)[:, 0, :]
        width *= 2
    return met & ~strictly_below


def _or_zeta(mask: NDArray[np.bool_]) -> None:
    width = 1
    while width < mask.size:
        view = mask.reshape(-1, 2, width)
        view[:, 1, :] |= view[:, 0, :]
        width *= 2
