"""Coverage of a requirement in one scenario: lines, caveats, shortfalls, the coordination gap."""

from __future__ import annotations

import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import measure_coverage
from forcegen.model.pledge import Level

CONTACT = make_line(
    key="contact",
    label="Contact line",
    capability="land.combat",
    personnel=4000,
    excluded_caveats=frozenset({"no_contact_line", "training_only"}),
)


class TestCaveats:
    def test_the_contact_line_counts_only_contributions_without_excluded_caveats(self) -> None:
        pledges = [
            make_pledge(id="fra", contributor="FRA", personnel=3000),
            make_pledge(
                id="deu", contributor="DEU", personnel=2000, caveats=frozenset({"no_contact_line"})
            ),
            make_pledge(
                id="pol", contributor="POL", personnel=500, caveats=frozenset({"training_only"})
            ),
        ]
        requirement = make_requirement(total_personnel=5000, lines=(CONTACT,))

        line = measure_coverage(pledges, requirement, make_scenario()).greatest.lines[0]

        assert (line.offered.personnel, line.offered.pledge_ids) == (5500, ("fra", "deu", "pol"))
        assert (line.employable.personnel, line.employable.pledge_ids) == (3000, ("fra",))
        assert line.shortfall_personnel == 1000
        assert line.share_met == pytest.approx(0.75)
        assert not line.is_met


class TestTotals:
    def test_the_total_is_met_when_personnel_reach_the_requirement(self) -> None:
        pledges = [make_pledge(id="a", personnel=30_000), make_pledge(id="b", personnel=10_000)]

        coverage = measure_coverage(pledges, make_requirement(), make_scenario()).least

        assert coverage.total.personnel == 40_000
        assert coverage.shortfall_personnel == 0
        assert coverage.share_met == 1.0
        assert coverage.is_met

    def test_platform_minimums_are_checked_per_line(self) -> None:
        pledges = [
            make_pledge(
                id="sam", kind="enabler", capability="air.defence", personnel=200, platforms=3
            ),
        ]
        line = make_line(
            key="ad", label="Air defence", capability="air.defence", personnel=0, platforms=4
        )
        requirement = make_requirement(total_personnel=0, lines=(line,))

        coverage = measure_coverage(pledges, requirement, make_scenario()).least

        assert coverage.lines[0].shortfall_platforms == 1
        assert coverage.lines[0].share_met == pytest.approx(0.75)
        assert not coverage.is_met

    def test_capability_totals_list_every_capability_of_pledges_and_lines(self) -> None:
        pledges = [
            make_pledge(id="isr", kind="enabler", capability="isr", platforms=2, personnel=50)
        ]
        requirement = make_requirement(lines=(CONTACT,))

        coverage = measure_coverage(pledges, requirement, make_scenario()).least

        assert [(c.capability, c.total.platforms) for c in coverage.capabilities] == [
            ("isr", 2),
            ("land.combat", 0),
        ]

    def test_pledges_below_the_level_floor_are_ignored(self) -> None:
        pledges = [
            make_pledge(id="stated", level=Level.STATED),
            make_pledge(id="committed", level=Level.COMMITTED),
        ]

        coverage = measure_coverage(
            pledges, make_requirement(), make_scenario(), level_floor=Level.COMMITTED
        ).greatest

        assert coverage.total.pledge_ids == ("committed",)


class TestCoordinationGap:
    def test_the_gap_is_the_force_that_exists_only_if_all_commit_together(self) -> None:
        pledges = [
            make_pledge(
                id="fra", contributor="FRA", personnel=5000, condition="troops(GBR) >= 5000"
            ),
            make_pledge(
                id="gbr", contributor="GBR", personnel=5000, condition="troops(FRA) >= 5000"
            ),
            make_pledge(id="deu", contributor="DEU", personnel=2000),
        ]

        assessment = measure_coverage(pledges, make_requirement(), make_scenario())

        assert assessment.least.total.personnel == 2000
        assert assessment.greatest.total.personnel == 12_000
        assert assessment.gap.total.personnel == 10_000
        assert set(assessment.gap.total.pledge_ids) == {"fra", "gbr"}
        assert assessment.gap.capabilities[0].total.personnel == 10_000


class TestRangesAndUnknowns:
    def test_an_upper_bound_is_a_range_never_a_point(self) -> None:
        pledges = [
            make_pledge(id="gbr", contributor="GBR", personnel="up to 7500"),
            make_pledge(id="fra", contributor="FRA", personnel=6000),
        ]

        coverage = measure_coverage(pledges, make_requirement(), make_scenario())

        total = coverage.greatest.total.personnel
        assert (total.text, total.low, total.central, total.high) == (
            "6,000–13,500",
            6000,
            None,
            13500,
        )
        assert coverage.greatest.shortfall_personnel.text == "26,500–34,000"

    def test_a_pledge_without_a_number_is_unquantified_not_zero(self) -> None:
        pledges = [
            make_pledge(id="bel", contributor="BEL", personnel="unknown"),
            make_pledge(id="fra", contributor="FRA", personnel=6000),
        ]

        total = measure_coverage(pledges, make_requirement(), make_scenario()).greatest.total

        assert total.personnel == 6000
        assert total.pledge_ids == ("bel", "fra")
        assert total.unquantified == ("bel",)

    def test_a_threshold_met_only_at_the_high_end_of_a_range_widens_the_range(self) -> None:
        pledges = [
            make_pledge(id="gbr", contributor="GBR", personnel="up to 7500"),
            make_pledge(
                id="bel", contributor="BEL", personnel=500, condition="troops(GBR) >= 5000"
            ),
        ]

        total = measure_coverage(pledges, make_requirement(), make_scenario()).greatest.total

        assert total.personnel.text == "0–8,000"
