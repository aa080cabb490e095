"""Sustainment at the edges: ranges of active pledges carry into each month, a month short
only at the low end counts as short, and a troop pledge without a capability has none."""

from __future__ import annotations

from factories import make_pledge, make_requirement
from forcegen.analysis import sustainment
from forcegen.analysis.total import Active

REQUIREMENT = make_requirement(total_personnel=6000, duration_months=3)


def test_pledges_active_only_at_the_high_end_count_only_at_the_high_end() -> None:
    fra = make_pledge(id="fra", contributor="FRA", personnel=4000)
    gbr = make_pledge(id="gbr", contributor="GBR", personnel=3000)

    result = sustainment(Active(low=(fra,), high=(fra, gbr)), REQUIREMENT)

    first = result.months[0].total.personnel
    assert (first.low, first.high) == (4000, 7000)
    assert result.first_short_month == 0


def test_a_month_short_at_the_low_end_of_a_range_is_short() -> None:
    ranged = make_pledge(id="fra", contributor="FRA", personnel="5000-7500")

    result = sustainment([ranged], REQUIREMENT)

    assert result.months[0].shortfall_personnel.low == 0
    assert result.months[0].shortfall_personnel.high == 1000
    assert result.first_short_month == 0


def test_a_troop_pledge_of_unknown_size_and_capability_needs_a_pool_of_unknown_size() -> None:
    unspecified = make_pledge(id="ita", contributor="ITA", personnel="unknown", capability=None)

    (need,) = sustainment([unspecified], REQUIREMENT).pool

    assert need.capability == ""
    assert not need.pool_personnel.is_quantified
