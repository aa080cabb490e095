"""What it takes: the smallest US packages, leverage, pivotal contributors, the summary."""

from __future__ import annotations

import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import MetCriterion, what_it_takes

AD, ISR, LOG = "us.air_defence", "us.isr", "us.logistics"

# Force with each combination of (air defence, ISR, logistics), by hand:
#   none 20,000   isr 30,000   log 30,000   isr+log 30,000
#   ad 25,000     ad+isr 45,000   ad+log 35,000   all 45,000
PLEDGES = [
    make_pledge(id="fra", contributor="FRA", personnel=20_000),
    make_pledge(id="gbr", contributor="GBR", personnel=10_000, condition=f"{AD} and {ISR}"),
    make_pledge(id="deu", contributor="DEU", personnel=10_000, condition=f"{LOG} or {ISR}"),
    make_pledge(
        id="pol", contributor="POL", personnel=5_000, condition=f"troops(FRA) >= 20000 and {AD}"
    ),
]


class TestPackages:
    def test_the_smallest_packages_are_the_minimal_sets_that_meet_the_requirement(self) -> None:
        result = what_it_takes(PLEDGES, make_requirement(total_personnel=35_000), make_scenario())

        assert result.drivers == (AD, ISR, LOG)
        assert result.minimal_sets == ((AD, ISR), (AD, LOG))
        assert result.alternatives == 1
        assert result.met_combinations == 3
        assert result.baseline.personnel == 20_000
        assert result.baseline.pledge_ids == ("fra",)
        assert result.smallest_package is not None
        assert result.smallest_package.personnel == 45_000
        assert result.everything.personnel == 45_000

    def test_leverage_is_the_force_a_driver_unlocks_averaged_over_the_others(self) -> None:
        result = what_it_takes(PLEDGES, make_requirement(total_personnel=35_000), make_scenario())

        assert [x.driver for x in result.leverage] == [AD, ISR, LOG]
        assert [x.personnel for x in result.leverage] == pytest.approx([10_000, 10_000, 5_000])

    def test_a_contributor_without_whom_nothing_suffices_is_pivotal(self) -> None:
        result = what_it_takes(PLEDGES, make_requirement(total_personnel=35_000), make_scenario())

        assert result.pivotal_contributors == ("FRA",)

    def test_the_summary_reads_as_one_sentence_for_the_room(self) -> None:
        result = what_it_takes(PLEDGES, make_requirement(total_personnel=35_000), make_scenario())

        assert result.summary == (
            "With no US support the pledged force reaches 20,000 of 35,000; the smallest US "
            "package that closes the gap is us.air_defence + us.isr (1 other of the same size); "
            "without FRA no package suffices."
        )


class TestOutOfReach:
    def test_the_summary_says_when_no_combination_closes_the_gap(self) -> None:
        result = what_it_takes(PLEDGES, make_requirement(total_personnel=100_000), make_scenario())

        assert result.minimal_sets == ()
        assert result.pivotal_contributors == ()
        assert result.summary == (
            "With no US support the pledged force reaches 20,000 of 100,000; no combination of "
            "the US enablers closes the gap (all of them together reach 45,000)."
        )

    def test_the_summary_says_when_the_force_needs_no_support(self) -> None:
        result = what_it_takes(PLEDGES, make_requirement(total_personnel=10_000), make_scenario())

        assert result.minimal_sets == ((),)
        assert "that already meets the requirement" in result.summary


class TestOptions:
    def test_drivers_outside_the_combination_keep_their_scenario_value(self) -> None:
        pledges = [make_pledge(id="a", personnel=40_000, condition=f"ceasefire and {ISR}")]

        with_ceasefire = what_it_takes(
            pledges, make_requirement(), make_scenario({"ceasefire": True})
        )
        without = what_it_takes(pledges, make_requirement(), make_scenario({"ceasefire": False}))

        assert with_ceasefire.minimal_sets == ((ISR,),)
        assert without.minimal_sets == ()

    def test_chosen_drivers_replace_the_us_enablers(self) -> None:
        pledges = [make_pledge(id="a", personnel=40_000, condition="ceasefire")]

        result = what_it_takes(pledges, make_requirement(), make_scenario(), drivers=["ceasefire"])

        assert result.minimal_sets == (("ceasefire",),)
        assert result.summary.startswith("With none of the chosen drivers")

    def test_the_all_lines_criterion_names_the_lines_short_at_the_baseline(self) -> None:
        line = make_line(
            key="contact",
            label="Contact line",
            personnel=30_000,
            excluded_caveats=frozenset({"no_contact_line"}),
        )
        pledges = [
            make_pledge(id="a", personnel=20_000),
            make_pledge(id="b", personnel=20_000, caveats=frozenset({"no_contact_line"})),
            make_pledge(id="c", personnel=10_000, condition=ISR),
        ]
        requirement = make_requirement(lines=(line,))

        strict = what_it_takes(pledges, requirement, make_scenario())
        total_only = what_it_takes(
            pledges, requirement, make_scenario(), criterion=MetCriterion.TOTAL_ONLY
        )

        assert strict.minimal_sets == ((ISR,),)
        assert "(short on Contact line 20,000 of 30,000)" in strict.summary
        assert total_only.minimal_sets == ((),)
