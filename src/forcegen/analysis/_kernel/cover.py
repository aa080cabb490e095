"""The cover rows: quantities that draw on exactly the same pledges share one row of the cube.

A requirement line often asks for what a capability already offers (its personnel, with no
caveat excluded), so many quantities add up the same pledges with the same weights; the cube
sums each distinct column of the pledge x quantity weight matrix once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis.quantity import Quantity
from forcegen.model.pledge import Pledge


def cover(
    pledges: Sequence[Pledge], quantities: Sequence[Quantity]
) -> tuple[NDArray[np.int64], dict[Quantity, int]]:
    """The distinct weight columns, shape (pledges, rows), and each quantity's row."""
    if not pledges or not quantities:  # one row of nothing; e.g. only troop pledges of
        # unknown size, in no capability, against a requirement without lines
        return np.zeros((len(pledges), 1), np.int64), dict.fromkeys(quantities, 0)
    unique, inverse = np.unique(weights(pledges, quantities), axis=1, return_inverse=True)
    return unique, {q: int(inverse.ravel()[i]) for i, q in enumerate(quantities)}


def weights(pledges: Sequence[Pledge], quantities: Sequence[Quantity]) -> NDArray[np.int64]:
    """What each pledge adds to each quantity, shape (pledges, quantities); a pledge adds
    only to the quantities of its own capability, so only those are asked."""
    found = np.zeros((len(pledges), len(quantities)), dtype=np.int64)
    columns: dict[str | None, list[tuple[int, Quantity]]] = {}
    for column, quantity in enumerate(quantities):
        columns.setdefault(quantity.capability, []).append((column, quantity))
    anywhere = columns.get(None, [])
    for row, pledge in enumerate(pledges):
        for column, quantity in (*anywhere, *columns.get(pledge.capability, ())):
            found[row, column] = quantity.of(pledge)
    return found
