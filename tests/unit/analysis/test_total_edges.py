"""Totals of platforms: ranges when pledges switch on between the ends of stated amounts, and
unknown numbers of platforms named rather than counted as zero."""

from __future__ import annotations

from factories import make_pledge, make_requirement, make_scenario
from forcegen.analysis import Total, measure_coverage
from forcegen.model.amount import Count, Stated


def test_platforms_that_switch_on_only_at_the_high_end_make_a_range() -> None:
    pledges = [
        make_pledge(id="gbr", contributor="GBR", personnel="up to 7500"),
        make_pledge(
            id="bel",
            contributor="BEL",
            kind="enabler",
            capability="air.defence",
            personnel=100,
            platforms=3,
            condition="troops(GBR) >= 5000",
        ),
        make_pledge(
            id="pol", contributor="POL", kind="enabler", capability="air.defence", platforms=2
        ),
    ]

    total = measure_coverage(pledges, make_requirement(), make_scenario()).greatest.total

    assert total.platforms == Count(stated=Stated.RANGE, low=2, high=5)


def test_pledges_of_unknown_platforms_are_named_not_counted() -> None:
    pledges = [
        make_pledge(id="sam", kind="enabler", capability="air.defence", platforms="unknown"),
        make_pledge(id="jet", kind="enabler", capability="air.defence", platforms=4),
    ]

    total = Total.of(pledges)

    assert total.unquantified_platforms == ("sam",)
    assert total.platforms == 4
    assert total.contributors_unquantified == 1
