"""Burden sharing: force per GDP, per capita, per soldier, and against a fair share."""

from __future__ import annotations

import pytest

from factories import make_participant, make_pledge
from forcegen.analysis import burden_sharing

# Test-only figures for two fake economies: not real data.
PARTICIPANTS = {
    "AAA": make_participant("AAA", gdp_usd_bn=2000, population_m=50, active_military_k=200),
    "BBB": make_participant("BBB", gdp_usd_bn=500, population_m=10, active_military_k=50),
    "CCC": make_participant("CCC", gdp_usd_bn=None),
}


class TestRatios:
    def test_each_contributor_gets_its_ratios_and_gdp_share_of_the_requirement(self) -> None:
        pledges = [
            make_pledge(id="a1", contributor="AAA", personnel=3000),
            make_pledge(id="a2", contributor="AAA", personnel=1000),
            make_pledge(id="b1", contributor="BBB", personnel=1000),
        ]

        result = burden_sharing(pledges, PARTICIPANTS, 10_000)

        aaa, bbb = result.contributors
        assert (aaa.contributor, aaa.personnel, aaa.pledge_ids) == ("AAA", 4000, ("a1", "a2"))
        assert aaa.personnel_per_gdp_bn == pytest.approx(2.0)
        assert aaa.personnel_per_million == pytest.approx(80.0)
        assert aaa.personnel_per_thousand_active == pytest.approx(20.0)
        assert aaa.fair_share_personnel == pytest.approx(8000.0)
        assert aaa.ratio_to_fair_share == pytest.approx(0.5)
        assert bbb.personnel_per_million == pytest.approx(100.0)
        assert bbb.fair_share_personnel == pytest.approx(2000.0)
        assert bbb.ratio_to_fair_share == pytest.approx(0.5)
        assert result.basis == ("AAA", "BBB")
        assert result.basis_gdp_usd_bn == pytest.approx(2500.0)
        assert aaa.figure_sources == {"gdp_usd_bn": "test figures"}


class TestMissingFigures:
    def test_a_contributor_without_figures_is_listed_and_never_estimated(self) -> None:
        pledges = [
            make_pledge(id="a", contributor="AAA", personnel=4000),
            make_pledge(id="c", contributor="CCC", personnel=500),
            make_pledge(id="x", contributor="XXX", personnel=100),
        ]

        result = burden_sharing(pledges, PARTICIPANTS, 10_000)

        assert result.without_figures == ("CCC", "XXX")
        ccc = next(r for r in result.contributors if r.contributor == "CCC")
        assert ccc.personnel == 500
        assert ccc.personnel_per_gdp_bn is None
        assert ccc.fair_share_personnel is None
        assert result.basis == ("AAA",)

    def test_a_missing_active_military_figure_leaves_only_that_ratio_empty(self) -> None:
        participants = {"DDD": make_participant("DDD", active_military_k=None)}

        result = burden_sharing([make_pledge(contributor="DDD")], participants, 1000)

        assert result.contributors[0].personnel_per_thousand_active is None
        assert result.contributors[0].personnel_per_gdp_bn is not None


class TestFairShareBasis:
    def test_the_fair_share_can_be_split_among_a_chosen_set_including_non_contributors(
        self,
    ) -> None:
        pledges = [make_pledge(id="a", contributor="AAA", personnel=4000)]

        result = burden_sharing(pledges, PARTICIPANTS, 10_000, among=["AAA", "BBB"])

        aaa, bbb = result.contributors
        assert aaa.fair_share_personnel == pytest.approx(8000.0)
        assert bbb.personnel == 0
        assert bbb.fair_share_personnel == pytest.approx(2000.0)
        assert bbb.ratio_to_fair_share == 0.0

    def test_contributors_outside_the_chosen_set_get_no_fair_share(self) -> None:
        pledges = [
            make_pledge(contributor="AAA", personnel=4000),
            make_pledge(contributor="BBB", personnel=1000),
        ]

        result = burden_sharing(pledges, PARTICIPANTS, 10_000, among=["AAA"])

        bbb = next(r for r in result.contributors if r.contributor == "BBB")
        assert bbb.fair_share_personnel is None
        assert result.contributors[0].fair_share_personnel == pytest.approx(10_000.0)
