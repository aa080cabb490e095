"""What it takes, beyond the defaults: condition trees handed in, the level floor and the
fixpoint in every part of the answer, the criterion in the pivotal contributors, the listing
limit, the order of leverage, and the summary's other wordings."""

from __future__ import annotations

import itertools

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import Fixpoint, MetCriterion, what_it_takes
from forcegen.conditions import DriverRef, parse
from forcegen.model.pledge import Level

ISR = "us.isr"


def test_condition_trees_handed_in_replace_the_texts_everywhere() -> None:
    # every text is unconditional; the trees make GBR wait for ISR and DEU for a ceasefire
    pledges = [
        make_pledge(id="fra", contributor="FRA", personnel=20_000),
        make_pledge(id="gbr", contributor="GBR", personnel=20_000),
        make_pledge(id="deu", contributor="DEU", personnel=20_000),
    ]
    trees = {"fra": parse(""), "gbr": DriverRef(ISR), "deu": DriverRef("ceasefire")}

    result = what_it_takes(
        pledges, make_requirement(total_personnel=40_000), make_scenario(), conditions=trees
    )

    assert result.drivers == (ISR,)
    assert result.baseline.personnel == 20_000
    assert result.everything.personnel == 40_000
    assert result.minimal_sets == ((ISR,),)
    assert result.pivotal_contributors == ("FRA", "GBR")


def test_pledges_below_the_level_floor_take_no_part_anywhere() -> None:
    pledges = [
        make_pledge(id="fra", contributor="FRA", personnel=20_000, level=Level.STATED),
        make_pledge(
            id="gbr", contributor="GBR", personnel=20_000, level=Level.COMMITTED, condition=ISR
        ),
        make_pledge(id="deu", contributor="DEU", personnel=20_000, level=Level.COMMITTED),
    ]

    result = what_it_takes(
        pledges,
        make_requirement(total_personnel=40_000),
        make_scenario(),
        level_floor=Level.COMMITTED,
    )

    assert result.baseline.personnel == 20_000
    assert result.minimal_sets == ((ISR,),)
    assert result.pivotal_contributors == ("DEU", "GBR")


def test_the_least_fixpoint_is_used_for_the_packages_the_forces_and_the_pivotal_ones() -> None:
    # GBR and DEU wait for each other: at the least fixpoint only FRA's pledge starts the chain
    pledges = [
        make_pledge(id="fra", contributor="FRA", personnel=10_000),
        make_pledge(
            id="gbr",
            contributor="GBR",
            personnel=10_000,
            condition="troops(DEU) >= 10000 or troops(FRA) >= 10000",
        ),
        make_pledge(
            id="deu", contributor="DEU", personnel=10_000, condition="troops(GBR) >= 10000"
        ),
        make_pledge(
            id="ita", contributor="ITA", personnel=5_000, condition=f"{ISR} and troops(ESP) >= 1"
        ),
        make_pledge(id="esp", contributor="ESP", personnel=5_000, condition="troops(ITA) >= 1"),
    ]
    requirement = make_requirement(total_personnel=20_000)

    least = what_it_takes(pledges, requirement, make_scenario(), fixpoint=Fixpoint.LEAST)
    greatest = what_it_takes(pledges, requirement, make_scenario(), fixpoint=Fixpoint.GREATEST)

    assert least.everything.personnel == 30_000  # ITA and ESP wait for each other
    assert greatest.everything.personnel == 40_000
    assert least.minimal_sets == greatest.minimal_sets == ((),)
    # without FRA nothing starts at the least fixpoint; at the greatest GBR and DEU hold
    assert least.pivotal_contributors == ("FRA", "GBR")
    assert greatest.pivotal_contributors == ()


def test_the_least_fixpoint_can_leave_no_package_where_the_greatest_finds_one() -> None:
    pledges = [
        make_pledge(id="fra", contributor="FRA", personnel=10_000, condition="troops(GBR) >= 1"),
        make_pledge(
            id="gbr", contributor="GBR", personnel=10_000, condition=f"{ISR} and troops(FRA) >= 1"
        ),
    ]
    requirement = make_requirement(total_personnel=20_000)

    least = what_it_takes(pledges, requirement, make_scenario(), fixpoint=Fixpoint.LEAST)
    greatest = what_it_takes(pledges, requirement, make_scenario())

    assert least.minimal_sets == ()
    assert least.alternatives == 0
    assert greatest.minimal_sets == ((ISR,),)


def test_the_criterion_decides_who_is_pivotal_for_the_lines_too() -> None:
    pledges = [
        make_pledge(id="fra", contributor="FRA", personnel=10_000),
        make_pledge(id="ita", contributor="ITA", personnel=10_000),
        make_pledge(id="gbr", contributor="GBR", personnel=20_000, capability="air.defence"),
    ]
    requirement = make_requirement(
        total_personnel=30_000, lines=(make_line(capability="land.combat", personnel=15_000),)
    )

    all_lines = what_it_takes(pledges, requirement, make_scenario())
    total_only = what_it_takes(
        pledges, requirement, make_scenario(), criterion=MetCriterion.TOTAL_ONLY
    )

    assert all_lines.pivotal_contributors == ("FRA", "GBR", "ITA")
    assert total_only.pivotal_contributors == ("GBR",)


def test_at_most_twenty_minimal_sets_are_listed_and_all_are_counted() -> None:
    drivers = [f"us.d{i}" for i in range(7)]
    any_two = " or ".join(f"({a} and {b})" for a, b in itertools.combinations(drivers, 2))
    pledges = [make_pledge(id="a", personnel=40_000, condition=any_two)]

    result = what_it_takes(pledges, make_requirement(), make_scenario())

    assert result.minimal_set_count == 21
    assert len(result.minimal_sets) == 20
    assert result.alternatives == 20
    assert "is us.d0 + us.d1 (20 others of the same size);" in result.summary


def test_leverage_is_largest_first_and_ties_go_by_driver_name() -> None:
    pledges = [
        make_pledge(id="z", contributor="FRA", personnel=30_000, condition="us.z"),
        make_pledge(id="b", contributor="GBR", personnel=10_000, condition="us.b"),
        make_pledge(id="a", contributor="DEU", personnel=10_000, condition="us.a"),
    ]

    result = what_it_takes(
        pledges, make_requirement(), make_scenario(), drivers=["us.z", "us.b", "us.a"]
    )

    assert [x.driver for x in result.leverage] == ["us.z", "us.a", "us.b"]


class TestSummaryWordings:
    def test_chosen_drivers_are_a_combination_of_drivers_not_a_us_package(self) -> None:
        pledges = [
            make_pledge(id="fra", contributor="FRA", personnel=20_000),
            make_pledge(id="gbr", contributor="GBR", personnel=20_000, condition="ceasefire"),
        ]

        result = what_it_takes(pledges, make_requirement(), make_scenario(), drivers=["ceasefire"])

        assert result.summary == (
            "With none of the chosen drivers the pledged force reaches 20,000 of 40,000; the "
            "smallest combination of drivers that closes the gap is ceasefire; without any one "
            "of FRA, GBR no package suffices."
        )

    def test_out_of_reach_with_chosen_drivers_names_the_chosen_drivers(self) -> None:
        pledges = [make_pledge(id="gbr", personnel=20_000, condition="ceasefire")]

        result = what_it_takes(pledges, make_requirement(), make_scenario(), drivers=["ceasefire"])

        assert result.summary == (
            "With none of the chosen drivers the pledged force reaches 0 of 40,000; no "
            "combination of the chosen drivers closes the gap (all of them together reach "
            "20,000)."
        )

    def test_a_force_that_already_meets_it_says_so_and_lists_each_short_line(self) -> None:
        lines = (
            make_line(key="a", label="Line A", personnel=30_000),
            make_line(key="b", label="Line B", capability="air.defence", personnel=5_000),
        )
        pledges = [make_pledge(id="fra", personnel=50_000)]

        strict = what_it_takes(pledges, make_requirement(lines=lines), make_scenario())
        total_only = what_it_takes(
            pledges,
            make_requirement(lines=lines),
            make_scenario(),
            criterion=MetCriterion.TOTAL_ONLY,
        )

        assert strict.summary == (
            "With none of the chosen drivers the pledged force reaches 50,000 of 40,000 "
            "(short on Line B 0 of 5,000); no combination of the chosen drivers closes the gap "
            "(all of them together reach 50,000)."
        )
        assert total_only.summary == (
            "With none of the chosen drivers the pledged force reaches 50,000 of 40,000; that "
            "already meets the requirement; without FRA no package suffices."
        )


def test_two_other_packages_and_two_short_lines_are_listed_in_the_summary() -> None:
    lines = (
        make_line(key="a", label="Line A", personnel=30_000),
        make_line(key="b", label="Line B", capability="air.defence", personnel=5_000),
    )
    pledges = [
        make_pledge(id="fra", contributor="FRA", personnel=20_000),
        make_pledge(
            id="gbr",
            contributor="GBR",
            personnel=20_000,
            condition="us.a or us.b or us.c",
        ),
        make_pledge(
            id="ita",
            contributor="ITA",
            kind="enabler",
            capability="air.defence",
            personnel=5_000,
            condition="us.a or us.b or us.c",
        ),
    ]

    result = what_it_takes(pledges, make_requirement(lines=lines), make_scenario())

    assert result.summary == (
        "With no US support the pledged force reaches 20,000 of 40,000 (short on Line A "
        "20,000 of 30,000, Line B 0 of 5,000); the smallest US package that closes the gap is "
        "us.a (2 others of the same size); without any one of FRA, GBR, ITA no package suffices."
    )
