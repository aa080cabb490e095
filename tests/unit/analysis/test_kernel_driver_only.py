"""The kernel on pledges whose conditions test only drivers (the cube), against the reference.

Each case runs in one chunk, in chunks of 8 combinations one after another, and in chunks of
4 in two threads, so that a handful of drivers already spans several high patterns.
"""

from __future__ import annotations

import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import MetCriterion, compile_combinations
from forcegen.model.pledge import Level
from kernel_check import CHUNKINGS, assert_kernel_matches_reference, chunked

DRIVERS = ["us.a", "us.b", "us.c", "us.d", "us.e"]


@pytest.fixture(params=CHUNKINGS)
def chunking(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    chunked(monkeypatch, request.param)


@pytest.mark.usefixtures("chunking")
class TestDriverOnlyPledges:
    def test_each_pledge_counts_where_its_condition_holds_including_not_on_drivers(
        self,
    ) -> None:
        pledges = [
            make_pledge(personnel=100, condition="us.a"),
            make_pledge(personnel=20, condition="us.b and not us.c"),
            make_pledge(personnel=3, condition="not us.a or us.e"),
            make_pledge(personnel=4000, condition="not (us.d or us.b)"),
        ]

        assert_kernel_matches_reference(pledges, make_requirement(total_personnel=4100), DRIVERS)

    def test_unconditional_pledges_count_in_every_combination(self) -> None:
        pledges = [
            make_pledge(personnel=700),
            make_pledge(personnel=300, condition="us.c"),
            make_pledge(personnel=5, condition="true"),
        ]

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=1005), DRIVERS[:3]
        )

        assert greatest.total().tolist() == [705, 705, 705, 705, 1005, 1005, 1005, 1005]
        assert least.minimal_sets() == (("us.c",),)

    def test_a_total_exactly_on_the_minimum_is_met(self) -> None:
        pledges = [
            make_pledge(personnel=300, condition="us.a"),
            make_pledge(personnel=400, condition="us.b"),
            make_pledge(personnel=250, condition="us.c"),
        ]

        _, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=700), DRIVERS[:3]
        )

        assert greatest.met.tolist() == [False, False, False, True, False, False, False, True]

    def test_large_amounts_with_negative_mobius_terms_sum_exactly(self) -> None:
        # coefficients of "a or b" are +1, +1, -1: partial sums overflow narrow types
        pledges = [
            make_pledge(personnel=90_000, condition="us.a or us.b"),
            make_pledge(personnel=70_000, condition="us.b or us.c or us.d"),
            make_pledge(personnel=120, condition="us.a or us.b or us.c"),
            make_pledge(personnel=10_000_000, condition="us.e and not us.a"),
        ]

        assert_kernel_matches_reference(pledges, make_requirement(total_personnel=160_000), DRIVERS)

    def test_sums_that_fit_eight_bits_only_at_the_end_are_exact(self) -> None:
        # 100 * (a + b - ab) + 27 * (c + d - cd): partial sums reach 254 in an int8 column
        pledges = [
            make_pledge(personnel=100, condition="us.a or us.b"),
            make_pledge(personnel=27, condition="us.c or us.d"),
        ]

        _, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=127), DRIVERS[:4]
        )

        assert greatest.total().max() == 127

    def test_a_condition_over_more_than_six_drivers_goes_through_the_wide_transform(
        self,
    ) -> None:
        drivers = [f"us.w{i}" for i in range(8)]
        wide = "(us.w0 and us.w1) or (us.w2 and not us.w3) or (us.w4 and us.w5 and us.w6) or us.w7"
        pledges = [
            make_pledge(personnel=1000, condition=wide),
            make_pledge(personnel=10, condition=" and ".join(drivers[:7])),
            make_pledge(personnel=1, condition="us.w0"),
        ]

        assert_kernel_matches_reference(pledges, make_requirement(total_personnel=1010), drivers)

    def test_drivers_not_combined_keep_their_value_in_the_base_scenario(self) -> None:
        pledges = [
            make_pledge(personnel=100, condition="ceasefire and us.a"),
            make_pledge(personnel=10, condition="not ceasefire and us.b"),
            make_pledge(personnel=1, condition="ceasefire"),
        ]

        for truth in (False, True):
            least, _ = assert_kernel_matches_reference(
                pledges,
                make_requirement(total_personnel=100),
                DRIVERS[:2],
                base=make_scenario({"ceasefire": truth}),
            )
            assert least.total().tolist() == ([1, 101, 1, 101] if truth else [0, 0, 10, 10])

    def test_pledges_false_under_the_base_scenario_are_not_listed(self) -> None:
        pledges = [
            make_pledge(id="kept", condition="us.a"),
            make_pledge(id="never", condition="ceasefire and us.a"),
            make_pledge(id="money", kind="funding", capability=None, personnel=0, value_eur=5),
        ]

        least, _ = assert_kernel_matches_reference(pledges, make_requirement(), DRIVERS[:1])

        assert least.pledge_ids == ("kept",)

    def test_the_level_floor_leaves_out_weaker_pledges(self) -> None:
        pledges = [
            make_pledge(personnel=100, condition="us.a", level=Level.REPORTED),
            make_pledge(personnel=10, condition="us.b", level=Level.COMMITTED),
            make_pledge(personnel=1, condition="us.a", level=Level.STATED),
        ]

        for floor in (Level.REPORTED, Level.STATED, Level.COMMITTED):
            assert_kernel_matches_reference(
                pledges, make_requirement(total_personnel=11), DRIVERS[:2], level_floor=floor
            )

    def test_no_drivers_at_all_is_one_combination(self) -> None:
        pledges = [make_pledge(personnel=5), make_pledge(personnel=7, condition="ceasefire")]

        least, _ = assert_kernel_matches_reference(pledges, make_requirement(total_personnel=5), [])

        assert least.total().tolist() == [5]
        assert least.minimal_sets() == ((),)


@pytest.mark.usefixtures("chunking")
class TestRequirementLines:
    def test_lines_count_only_pledges_without_their_excluded_caveats(self) -> None:
        lines = (
            make_line(key="contact", personnel=1500, excluded_caveats=frozenset({"no_combat"})),
            make_line(key="rear", personnel=500),
            make_line(
                key="ad",
                capability="air.defence",
                personnel=0,
                platforms=3,
                excluded_caveats=frozenset({"no_contact_line", "training_only"}),
            ),
        )
        pledges = [
            make_pledge(personnel=1000, condition="us.a"),
            make_pledge(personnel=500, condition="us.b", caveats=frozenset({"no_combat"})),
            make_pledge(personnel=500, condition="us.c"),
            make_pledge(
                kind="enabler",
                capability="air.defence",
                personnel=40,
                platforms=2,
                condition="us.a or us.d",
            ),
            make_pledge(
                kind="enabler",
                capability="air.defence",
                personnel=30,
                platforms=1,
                condition="us.d",
                caveats=frozenset({"training_only"}),
            ),
            make_pledge(
                kind="enabler", capability="air.defence", personnel=0, platforms=1, condition="us.e"
            ),
        ]
        requirement = make_requirement(total_personnel=1540, lines=lines)

        for criterion in MetCriterion:
            assert_kernel_matches_reference(pledges, requirement, DRIVERS, criterion=criterion)

    def test_quantities_drawing_on_the_same_pledges_share_a_row_yet_answer_separately(
        self,
    ) -> None:
        lines = (make_line(key="one", personnel=100), make_line(key="two", personnel=200))
        pledges = [
            make_pledge(personnel=100, condition="us.a"),
            make_pledge(personnel=100, condition="us.b"),
            make_pledge(capability="isr", personnel=7, condition="us.c"),
        ]

        _, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=0, lines=lines), DRIVERS[:3]
        )

        assert greatest.met.tolist() == [False, False, False, True] * 2


def test_a_pledge_with_nothing_to_add_anywhere_adds_nothing() -> None:
    pledges = [
        make_pledge(personnel=0, condition="us.a"),
        make_pledge(personnel=3, condition="us.b"),
    ]

    kernel = compile_combinations(pledges, make_requirement(), make_scenario(), ["us.a", "us.b"])

    assert kernel.assess().total().tolist() == [0, 0, 3, 3]
