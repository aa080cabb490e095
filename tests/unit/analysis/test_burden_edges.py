"""Burden sharing at its edges: only force counts, ranges of active pledges carry through,
each row names the year of its figures, and small economies still get a fair share."""

from __future__ import annotations

from factories import make_participant, make_pledge
from forcegen.analysis import Active, burden_sharing
from forcegen.model.amount import Count, Stated

PARTICIPANTS = {
    "AAA": make_participant("AAA", gdp_usd_bn=2000),
    "BBB": make_participant("BBB", gdp_usd_bn=500),
}


def test_funding_is_not_force() -> None:
    pledges = [
        make_pledge(id="a", contributor="AAA", personnel=4000),
        make_pledge(id="m", contributor="AAA", kind="funding", capability=None, personnel=0),
    ]

    (aaa,) = burden_sharing(pledges, PARTICIPANTS, 10_000).contributors

    assert aaa.pledge_ids == ("a",)


def test_pledges_active_only_at_the_high_end_make_the_force_a_range() -> None:
    always = make_pledge(id="a", contributor="AAA", personnel=4000)
    sometimes = make_pledge(id="a2", contributor="AAA", personnel=1000)

    result = burden_sharing(Active((always,), (always, sometimes)), PARTICIPANTS, 10_000)

    (aaa,) = result.contributors
    assert aaa.personnel == Count(stated=Stated.RANGE, low=4000, high=5000)


def test_each_row_names_the_year_of_its_figures() -> None:
    pledges = [make_pledge(contributor="AAA"), make_pledge(contributor="XXX")]

    aaa, xxx = burden_sharing(pledges, PARTICIPANTS, 10_000).contributors

    assert (aaa.figures_year, xxx.figures_year) == (2024, None)


def test_economies_under_a_billion_still_share_the_requirement() -> None:
    tiny = {"TUV": make_participant("TUV", gdp_usd_bn=0.06)}

    (tuv,) = burden_sharing([make_pledge(contributor="TUV")], tiny, 1000).contributors

    assert tuv.fair_share_personnel == 1000


def test_a_government_that_only_funds_has_no_row() -> None:
    pledges = [
        make_pledge(contributor="AAA", personnel=4000),
        make_pledge(contributor="BBB", kind="funding", capability=None, personnel=0),
    ]

    result = burden_sharing(pledges, PARTICIPANTS, 10_000)

    assert [row.contributor for row in result.contributors] == ["AAA"]
