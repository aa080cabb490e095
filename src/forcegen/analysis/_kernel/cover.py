"""The cover rows: quantities that draw on exactly the same pledges share one row of the cube.

A requirement line often asks for what a capability already offers (its personnel, with no
caveat excluded), so many quantities add up the same pledges with the same weights; the cube
sums each distinct column of the pledge x quantity weight matrix once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis._kernel.pledge_plan import PledgePlan
from forcegen.analysis.quantity import Quantity


def cover(
    plan: PledgePlan, quantities: Sequence[Quantity]
) -> tuple[NDArray[np.int64], dict[Quantity, int]]:
    """The distinct weight columns over the plan's live pledges, shape (pledges, rows), in
    ascending order (as `np.unique(..., axis=1)` sorts them), and each quantity's row."""
    if not plan.live or not quantities:  # one row of nothing; e.g. only troop pledges of
        # unknown size, in no capability, against a requirement without lines
        return np.zeros((len(plan.live), 1), np.int64), dict.fromkeys(quantities, 0)
    # plain tuples: sorting a few columns in Python beats np.unique's structured view
    columns = [plan.column(q) for q in quantities]
    distinct = sorted(set(columns))
    rows = {column: row for row, column in enumerate(distinct)}
    unique = np.ascontiguousarray(np.array(distinct, dtype=np.int64).T)
    return unique, {q: rows[column] for q, column in zip(quantities, columns, strict=True)}
