"""Coverage at its edges: conditions handed in as trees, what a line is offered, which share of a
line is reported, and totals whose active pledges change between the ends of stated amounts."""

from __future__ import annotations

from typing import ClassVar

import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import Fixpoint, coverage_at, measure_coverage
from forcegen.conditions import DriverRef, Expr
from forcegen.model.amount import Count, Money, Stated

AIR_DEFENCE = make_line(
    key="ad", label="Air defence", capability="air.defence", personnel=1000, platforms=4
)


class TestConditionsHandedIn:
    """Callers that already hold parsed conditions pass them in; they replace the text."""

    PLEDGES = (make_pledge(id="fra", contributor="FRA", personnel=3000, condition="us.isr"),)
    SCENARIO = make_scenario({"us.isr": False, "ceasefire": True})
    TREES: ClassVar[dict[str, Expr]] = {"fra": DriverRef("ceasefire")}

    def test_both_fixpoints_use_the_trees_handed_in(self) -> None:
        assessment = measure_coverage(
            self.PLEDGES, make_requirement(), self.SCENARIO, conditions=self.TREES
        )

        assert assessment.least.active_pledge_ids == ("fra",)
        assert assessment.greatest.active_pledge_ids == ("fra",)

    def test_one_fixpoint_uses_the_trees_handed_in(self) -> None:
        coverage = coverage_at(
            self.PLEDGES,
            make_requirement(),
            self.SCENARIO,
            fixpoint=Fixpoint.LEAST,
            conditions=self.TREES,
        )

        assert coverage.total.personnel == 3000

    def test_without_trees_the_text_decides(self) -> None:
        assessment = measure_coverage(self.PLEDGES, make_requirement(), self.SCENARIO)

        assert assessment.greatest.active_pledge_ids == ()


def test_a_line_is_offered_only_the_force_of_its_own_capability() -> None:
    pledges = [
        make_pledge(id="sam", kind="enabler", capability="air.defence", personnel=200, platforms=2),
        make_pledge(id="inf", capability="land.combat", personnel=5000),
    ]

    line = measure_coverage(
        pledges, make_requirement(lines=(AIR_DEFENCE,)), make_scenario()
    ).greatest.lines[0]

    assert line.offered.pledge_ids == ("sam",)
    assert line.offered.personnel == 200


class TestShareOfALine:
    """A line is as covered as its least covered quantity, personnel or platforms."""

    def share(self, personnel: int | str, platforms: int | str) -> Money:
        pledge = make_pledge(
            kind="enabler", capability="air.defence", personnel=personnel, platforms=platforms
        )
        requirement = make_requirement(total_personnel=0, lines=(AIR_DEFENCE,))
        return measure_coverage([pledge], requirement, make_scenario()).least.lines[0].share_met

    def test_the_share_with_the_lower_low_end_is_reported(self) -> None:
        # personnel exactly 500 of 1,000; platforms 1 to 3 of 4
        assert self.share(500, "1-3") == Money(stated=Stated.RANGE, low=0.25, high=0.75)

    def test_with_equal_low_ends_the_narrower_share_is_reported(self) -> None:
        # personnel 500 to 800 of 1,000; platforms exactly 2 of 4
        assert self.share("500-800", 2) == 0.5

    @pytest.mark.parametrize("platforms", [2, "up to 2"], ids=["exact", "range-from-zero"])
    def test_no_personnel_at_all_is_a_share_of_zero_whatever_the_platforms(
        self, platforms: int | str
    ) -> None:
        # personnel 0 of 1,000; platforms 2 (or up to 2) of 4
        assert self.share(0, platforms) == 0.0


class TestTotalsBetweenTheEnds:
    """A condition met only at the high end of a stated amount adds its pledge there only."""

    def test_the_low_end_keeps_the_force_active_at_both_ends(self) -> None:
        pledges = [
            make_pledge(id="fra", contributor="FRA", personnel=6000),
            make_pledge(id="gbr", contributor="GBR", personnel="up to 7500"),
            make_pledge(
                id="bel", contributor="BEL", personnel=500, condition="troops(GBR) >= 5000"
            ),
        ]

        total = measure_coverage(pledges, make_requirement(), make_scenario()).greatest.total

        assert total.personnel == Count(stated=Stated.RANGE, low=6000, high=14_000)

    def test_an_open_amount_leaves_the_total_open_above_the_low_end(self) -> None:
        pledges = [
            make_pledge(id="pol", contributor="POL", personnel="at least 1000"),
            make_pledge(id="gbr", contributor="GBR", personnel="up to 7500"),
            make_pledge(
                id="bel", contributor="BEL", personnel=500, condition="troops(GBR) >= 5000"
            ),
        ]

        total = measure_coverage(pledges, make_requirement(), make_scenario()).greatest.total

        assert total.personnel == Count(stated=Stated.AT_LEAST, low=1000)
        assert total.personnel.text == "at least 1,000"
        assert total.pledge_ids == ("pol", "gbr", "bel")
