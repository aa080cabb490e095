"""What is missing and what share is met, for totals stated exactly, as ranges and open above.

A shortfall runs from what is missing at the high end of the force to what is missing at its
low end; a share runs from the low end's share to the high end's, never above 1.0.
"""

from __future__ import annotations

import pytest

from forcegen.analysis.coverage import share, shortfall
from forcegen.model.amount import Count, Money, Stated

EXACT = Count.exact(30_000)
RANGE = Count(stated=Stated.RANGE, low=30_000, high=60_000)
OPEN = Count(stated=Stated.AT_LEAST, low=5000)


@pytest.mark.parametrize(
    ("have", "missing"),
    [
        (EXACT, Count.exact(10_000)),
        (RANGE, Count(stated=Stated.RANGE, low=0, high=10_000)),
        (OPEN, Count(stated=Stated.RANGE, low=0, high=35_000)),
    ],
    ids=["exact", "range-reaching-past-the-need", "open-above"],
)
def test_the_shortfall_runs_from_the_high_end_to_the_low_end(have: Count, missing: Count) -> None:
    assert shortfall(40_000, have) == missing


@pytest.mark.parametrize(
    ("have", "met"),
    [
        (EXACT, Money.exact(0.75)),
        (RANGE, Money(stated=Stated.RANGE, low=0.75, high=1.0)),
        (OPEN, Money(stated=Stated.RANGE, low=0.125, high=1.0)),
    ],
    ids=["exact", "range-capped-at-one", "open-above-could-be-enough"],
)
def test_the_share_runs_from_the_low_end_to_at_most_one(have: Count, met: Money) -> None:
    assert share(have, 40_000) == met


def test_nothing_needed_is_fully_met() -> None:
    assert share(Count.exact(0), 0) == Money.exact(1.0)


def test_one_needed_and_none_there_is_a_share_of_zero() -> None:
    assert share(Count.exact(0), 1) == Money.exact(0.0)
