"""Activation: the least and greatest fixpoints of pledge conditions (reference engine)."""

from __future__ import annotations

import pytest

from factories import make_pledge, make_scenario
from forcegen.analysis import Fixpoint, active_pledges
from forcegen.conditions import Comparison, Function, Not, Threshold
from forcegen.model.errors import ConditionError, InvalidInputError
from forcegen.model.pledge import Level


def ids(pledges: tuple[object, ...]) -> set[str]:
    return {p.id for p in pledges}  # type: ignore[attr-defined]


class TestReciprocity:
    def test_a_mutual_condition_activates_nothing_at_the_least_and_all_at_the_greatest(
        self,
    ) -> None:
        pledges = [
            make_pledge(
                id="fra", contributor="FRA", personnel=5000, condition="troops(GBR) >= 5000"
            ),
            make_pledge(
                id="gbr", contributor="GBR", personnel=5000, condition="troops(FRA) >= 5000"
            ),
        ]
        scenario = make_scenario()

        least = active_pledges(pledges, scenario, fixpoint=Fixpoint.LEAST)
        greatest = active_pledges(pledges, scenario, fixpoint=Fixpoint.GREATEST)

        assert ids(least) == set()
        assert ids(greatest) == {"fra", "gbr"}

    def test_a_threshold_met_by_unconditional_pledges_activates_at_both_fixpoints(self) -> None:
        pledges = [
            make_pledge(id="gbr", contributor="GBR", personnel=6000),
            make_pledge(id="fra", contributor="FRA", condition="troops(GBR) >= 5000"),
        ]

        for fixpoint in Fixpoint:
            assert ids(active_pledges(pledges, make_scenario(), fixpoint=fixpoint)) == {
                "gbr",
                "fra",
            }

    def test_a_chain_of_conditions_activates_from_the_bottom_up(self) -> None:
        pledges = [
            make_pledge(id="c", contributor="POL", condition="troops(GBR) >= 1"),
            make_pledge(id="b", contributor="GBR", condition="troops(FRA) >= 1"),
            make_pledge(id="a", contributor="FRA", condition="us.isr"),
        ]

        least = active_pledges(pledges, make_scenario({"us.isr": True}), fixpoint=Fixpoint.LEAST)

        assert ids(least) == {"a", "b", "c"}


class TestContributorsThreshold:
    def test_a_pledge_waiting_for_three_contributors_joins_when_three_others_go(self) -> None:
        pledges = [
            make_pledge(id=code, contributor=code, personnel=1000) for code in ("FRA", "GBR", "DEU")
        ]
        pledges.append(
            make_pledge(id="pol", contributor="POL", condition="contributors(land.combat) >= 3")
        )

        for fixpoint in Fixpoint:
            assert "pol" in ids(active_pledges(pledges, make_scenario(), fixpoint=fixpoint))

    def test_the_greatest_fixpoint_counts_the_waiting_contributor_itself(self) -> None:
        pledges = [
            make_pledge(id="fra", contributor="FRA"),
            make_pledge(id="gbr", contributor="GBR"),
            make_pledge(id="pol", contributor="POL", condition="contributors(land.combat) >= 3"),
        ]

        least = active_pledges(pledges, make_scenario(), fixpoint=Fixpoint.LEAST)
        greatest = active_pledges(pledges, make_scenario(), fixpoint=Fixpoint.GREATEST)

        assert "pol" not in ids(least)
        assert "pol" in ids(greatest)

    def test_enablers_count_as_contributors_but_equipment_does_not(self) -> None:
        pledges = [
            make_pledge(id="fra", contributor="FRA", kind="enabler", platforms=2, personnel=0),
            make_pledge(id="gbr", contributor="GBR", kind="equipment", capability="land.combat"),
            make_pledge(id="pol", contributor="POL", condition="contributors(land.combat) >= 2"),
        ]

        least = active_pledges(pledges, make_scenario(), fixpoint=Fixpoint.LEAST)

        assert "pol" not in ids(least)


class TestLevelFloor:
    def test_pledges_below_the_floor_are_never_active_and_count_in_no_threshold(self) -> None:
        pledges = [
            make_pledge(id="gbr", contributor="GBR", personnel=6000, level=Level.STATED),
            make_pledge(
                id="fra", contributor="FRA", level=Level.COMMITTED, condition="troops(GBR) >= 5000"
            ),
        ]

        active = active_pledges(
            pledges, make_scenario(), fixpoint=Fixpoint.GREATEST, level_floor=Level.COMMITTED
        )

        assert ids(active) == set()


class TestBadConditions:
    def test_not_over_a_pledge_reference_is_rejected_with_the_pledge_named(self) -> None:
        pledge = make_pledge(id="fra")
        negated = Not(Threshold(Function.TROOPS, "GBR", Comparison.AT_LEAST, 1))

        with pytest.raises(ConditionError, match=r"'fra' of FRA.*applies 'not' to a pledge"):
            active_pledges(
                [pledge], make_scenario(), fixpoint=Fixpoint.LEAST, conditions={"fra": negated}
            )

    def test_a_condition_that_does_not_parse_names_the_pledge(self) -> None:
        pledge = make_pledge(id="fra", condition="us.isr and")

        with pytest.raises(ConditionError, match=r"^Pledge 'fra' of FRA: "):
            active_pledges([pledge], make_scenario(), fixpoint=Fixpoint.LEAST)

    def test_two_pledges_with_one_id_are_rejected(self) -> None:
        pledges = [make_pledge(id="same"), make_pledge(id="same")]

        with pytest.raises(InvalidInputError, match="Two pledges share the id 'same'"):
            active_pledges(pledges, make_scenario(), fixpoint=Fixpoint.LEAST)
