"""The kernel on pledges whose conditions test other pledges, against the reference.

`troops(X) >= n` and `contributors(c) >= n`, with thresholds put exactly on sums the pledges
can reach, at both fixpoints, in one chunk and in several (see `kernel_check.CHUNKINGS`).
"""

from __future__ import annotations

import itertools

import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from kernel_check import CHUNKINGS, assert_kernel_matches_reference, chunked

DRIVERS = ["us.a", "us.b", "us.c", "us.d", "us.e"]


@pytest.fixture(params=CHUNKINGS, autouse=True)
def chunking(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    chunked(monkeypatch, request.param)


class TestTroopsThresholds:
    def test_two_pledges_waiting_for_each_other_are_off_at_the_least_and_on_at_the_greatest(
        self,
    ) -> None:
        pledges = [
            make_pledge(contributor="FRA", personnel=500, condition="troops(GBR) >= 500 and us.a"),
            make_pledge(contributor="GBR", personnel=500, condition="troops(FRA) >= 500"),
        ]

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=1000), DRIVERS[:2]
        )

        assert least.total().tolist() == [0, 0, 0, 0]
        assert greatest.total().tolist() == [0, 1000, 0, 1000]
        assert greatest.minimal_sets() == (("us.a",),)

    def test_a_threshold_exactly_on_a_reachable_sum_is_reached_at_least_but_not_beyond(
        self,
    ) -> None:
        pledges = [
            make_pledge(contributor="GBR", personnel=300, condition="us.a"),
            make_pledge(contributor="GBR", personnel=400, condition="us.b"),
            make_pledge(contributor="GBR", personnel=250, condition="us.c"),
            make_pledge(contributor="FRA", personnel=5, condition="troops(GBR) >= 700"),
            make_pledge(contributor="FRA", personnel=7, condition="troops(GBR) > 700"),
            make_pledge(contributor="DEU", personnel=11, condition="troops(GBR) > 949"),
        ]

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=955), DRIVERS[:3]
        )

        assert least.total().tolist() == greatest.total().tolist()
        assert least.total().tolist() == [0, 300, 400, 705, 250, 550, 650, 973]

    def test_pledges_of_the_named_participant_that_wait_add_to_its_troops(self) -> None:
        pledges = [
            make_pledge(contributor="GBR", personnel=300, condition="us.a"),
            make_pledge(contributor="GBR", personnel=200, condition="troops(FRA) >= 100"),
            make_pledge(contributor="GBR", personnel=0, condition="troops(FRA) >= 100"),
            make_pledge(contributor="FRA", personnel=100, condition="troops(GBR) >= 500 or us.b"),
            make_pledge(contributor="POL", personnel=1, condition="troops(GBR) >= 500 and us.c"),
        ]

        assert_kernel_matches_reference(pledges, make_requirement(total_personnel=601), DRIVERS[:3])

    def test_several_participants_and_a_capability_named_each_have_their_own_row(self) -> None:
        pledges = [
            make_pledge(contributor="GBR", personnel=300, condition="us.a"),
            make_pledge(contributor="DEU", personnel=200, condition="us.b"),
            make_pledge(contributor="NLD", capability="isr", personnel=5, condition="us.c"),
            make_pledge(contributor="FRA", personnel=100, condition="troops(GBR) >= 300"),
            make_pledge(contributor="POL", personnel=50, condition="troops(DEU) > 199"),
            make_pledge(contributor="ITA", personnel=10, condition="contributors(isr) >= 1"),
            make_pledge(
                contributor="ESP", capability="isr", personnel=7, condition="contributors(isr) > 1"
            ),
        ]

        least, _ = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=665), DRIVERS[:3]
        )

        assert least.total().tolist() == [0, 400, 250, 650, 15, 415, 265, 665]

    def test_each_participant_named_counts_only_its_own_troops_not_its_whole_capability(
        self,
    ) -> None:
        # DEU and GBR both offer driver-only troops in land.combat: each has a troops row of
        # its own, apart from the capability's row, which holds both
        pledges = [
            make_pledge(contributor="DEU", personnel=300, condition="us.a"),
            make_pledge(contributor="GBR", personnel=300, condition="us.b"),
            make_pledge(contributor="FRA", personnel=100, condition="troops(GBR) >= 300"),
            make_pledge(contributor="POL", personnel=50, condition="troops(DEU) >= 300"),
        ]

        least, _ = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=750), DRIVERS[:2]
        )

        assert least.total().tolist() == [0, 350, 400, 750]

    def test_a_participant_with_no_driver_only_troops_starts_from_zero(self) -> None:
        pledges = [
            make_pledge(contributor="FRA", personnel=100, condition="troops(GBR) >= 0"),
            make_pledge(contributor="DEU", personnel=10, condition="troops(GBR) > 0 or us.a"),
            make_pledge(contributor="GBR", personnel=50, condition="troops(DEU) >= 10 and us.b"),
            make_pledge(contributor="POL", personnel=1, condition="troops(ITA) >= 0 and us.c"),
        ]

        assert_kernel_matches_reference(pledges, make_requirement(total_personnel=110), DRIVERS[:3])

    def test_a_pledge_that_waits_for_its_own_participant_holds_only_at_the_greatest(
        self,
    ) -> None:
        pledges = [
            make_pledge(contributor="FRA", personnel=500, condition="troops(FRA) >= 500 and us.a"),
            make_pledge(contributor="FRA", personnel=200, condition="us.b"),
        ]

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=700), DRIVERS[:2]
        )

        assert least.total().tolist() == [0, 0, 200, 200]
        assert greatest.total().tolist() == [0, 500, 200, 700]

    def test_a_chain_of_waiting_pledges_swept_against_its_order_settles(self) -> None:
        # each waits for the next; the last one for a driver: one change must travel the chain
        names = ["FRA", "GBR", "DEU", "POL", "ITA", "ESP"]
        pledges = [
            make_pledge(contributor=x, personnel=10 * (i + 1), condition=f"troops({y}) >= 10")
            for i, (x, y) in enumerate(itertools.pairwise(names))
        ]
        pledges.append(make_pledge(contributor="ESP", personnel=10, condition="us.a or us.b"))
        pledges.append(
            make_pledge(contributor="NLD", personnel=5, condition="troops(FRA) >= 10 and us.c")
        )

        least, _ = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=160), DRIVERS[:3]
        )

        assert least.total().tolist() == [0, 160, 160, 160, 0, 165, 165, 165]

    def test_a_cycle_that_only_some_combinations_open_settles_in_each(self) -> None:
        pledges = [
            make_pledge(contributor="FRA", personnel=500, condition="troops(GBR) >= 500"),
            make_pledge(
                contributor="GBR", personnel=500, condition="troops(FRA) >= 500 and us.a and us.b"
            ),
            make_pledge(contributor="GBR", personnel=300, condition="us.c and not us.d"),
            make_pledge(contributor="DEU", personnel=50, condition="troops(GBR) > 300 or us.e"),
            make_pledge(contributor="POL", personnel=50, condition="troops(DEU) >= 50"),
        ]

        assert_kernel_matches_reference(pledges, make_requirement(total_personnel=1100), DRIVERS)

    def test_thresholds_over_fixed_drivers_follow_the_base_scenario(self) -> None:
        pledges = [
            make_pledge(contributor="FRA", personnel=100, condition="troops(GBR) >= 100"),
            make_pledge(
                contributor="GBR", personnel=100, condition="ceasefire or troops(FRA) > 99"
            ),
            make_pledge(contributor="DEU", personnel=7, condition="not ceasefire and us.a"),
        ]

        for truth in (False, True):
            assert_kernel_matches_reference(
                pledges,
                make_requirement(total_personnel=200),
                DRIVERS[:2],
                base=make_scenario({"ceasefire": truth}),
            )


class TestSweeps:
    """Cycles long enough that a change needs several sweeps to go round, and a different
    number of sweeps in different combinations."""

    CYCLE = ("FRA", "GBR", "DEU", "POL", "ITA", "ESP")

    def test_a_cycle_of_pledges_each_waiting_for_the_next_or_a_driver_climbs_all_the_way(
        self,
    ) -> None:
        names = self.CYCLE
        pledges = [
            make_pledge(
                contributor=x,
                personnel=10 + i,
                condition=f"troops({names[(i + 1) % 6]}) >= {10 + (i + 1) % 6}"
                + (f" or {DRIVERS[i]}" if i < 5 else ""),
            )
            for i, x in enumerate(names)
        ]

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=75), DRIVERS
        )

        assert least.total().tolist() == [0] + [75] * 31
        assert greatest.total().tolist() == [75] * 32

    def test_a_cycle_entered_at_one_pledge_goes_round_against_the_sweep_order(self) -> None:
        names = self.CYCLE
        pledges = [
            make_pledge(
                contributor=x,
                personnel=100,
                condition=f"troops({names[(i + 1) % 6]}) >= 100" + (" or us.a" if i == 2 else ""),
            )
            for i, x in enumerate(names)
        ]
        pledges.append(make_pledge(contributor="NLD", personnel=1, condition="us.b"))

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=600), DRIVERS[:3]
        )

        assert least.total().tolist() == [0, 600, 1, 601] * 2
        assert greatest.total().tolist() == [600, 600, 601, 601] * 2

    def test_a_cycle_left_at_one_pledge_falls_round_against_the_sweep_order(self) -> None:
        names = self.CYCLE
        pledges = [
            make_pledge(
                contributor=x,
                personnel=100,
                condition=f"troops({names[(i + 1) % 6]}) >= 100"
                + (" and not us.a" if i == 2 else ""),
            )
            for i, x in enumerate(names)
        ]
        pledges.append(make_pledge(contributor="NLD", personnel=1, condition="us.b"))

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=600), DRIVERS[:3]
        )

        assert least.total().tolist() == [0, 0, 1, 1] * 2
        assert greatest.total().tolist() == [600, 0, 601, 1] * 2

    def test_a_cycle_of_pledges_each_needing_the_next_and_a_driver_falls_all_the_way(
        self,
    ) -> None:
        names = self.CYCLE
        pledges = [
            make_pledge(
                contributor=x,
                personnel=10,
                condition=f"troops({names[(i + 1) % 6]}) > 9"
                + (f" and not {DRIVERS[i]}" if i < 5 else ""),
            )
            for i, x in enumerate(names)
        ]
        pledges.append(
            make_pledge(contributor="NLD", personnel=1, condition="troops(POL) >= 10 or us.a")
        )

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=61), DRIVERS
        )

        assert not least.met.any()
        assert greatest.met.tolist() == [True] + [False] * 31
        assert greatest.total().tolist() == [61] + [1, 0] * 15 + [1]


class TestContributorsThresholds:
    def test_participants_are_counted_once_however_many_of_their_pledges_are_active(
        self,
    ) -> None:
        pledges = [
            make_pledge(
                contributor="FRA", capability="air.defence", personnel=10, condition="us.a"
            ),
            make_pledge(
                contributor="FRA", capability="air.defence", personnel=20, condition="us.b"
            ),
            make_pledge(
                contributor="GBR", capability="air.defence", personnel=30, condition="us.c"
            ),
            make_pledge(
                contributor="POL", personnel=1000, condition="contributors(air.defence) >= 2"
            ),
            make_pledge(contributor="DEU", personnel=1, condition="contributors(air.defence) > 1"),
            make_pledge(contributor="ITA", personnel=3, condition="contributors(air.defence) > 0"),
        ]

        least, _ = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=1000), DRIVERS[:3]
        )

        assert least.total().tolist() == [0, 13, 23, 33, 33, 1044, 1054, 1064]

    def test_groups_of_one_and_of_several_waiting_pledges_count_each_participant_once(
        self,
    ) -> None:
        pledges = [
            # FRA: two waiting pledges (a group of several) and no driver-only one
            make_pledge(
                contributor="FRA",
                capability="isr",
                personnel=10,
                condition="contributors(isr) >= 2 and us.a",
            ),
            make_pledge(
                contributor="FRA",
                capability="isr",
                personnel=20,
                condition="contributors(isr) >= 2 and us.b",
            ),
            # GBR: one waiting pledge (a group of one) and a driver-only one
            make_pledge(
                contributor="GBR", capability="isr", personnel=30, condition="contributors(isr) > 0"
            ),
            make_pledge(contributor="GBR", capability="isr", personnel=40, condition="us.c"),
            # DEU: one waiting pledge only
            make_pledge(
                contributor="DEU",
                capability="isr",
                personnel=50,
                condition="contributors(isr) >= 3 and us.d",
            ),
            make_pledge(contributor="POL", personnel=1, condition="contributors(isr) >= 3"),
        ]

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=100), DRIVERS[:4]
        )

        assert least.total().tolist() != greatest.total().tolist()

    def test_two_capabilities_named_each_count_their_own_participants(self) -> None:
        # a chain across both counts: NLD (isr) lets ITA (land.combat) in, which lets ESP
        # (isr) in; GBR (land.combat) lets ESP in directly
        pledges = [
            make_pledge(contributor="NLD", capability="isr", personnel=5, condition="us.a"),
            make_pledge(contributor="GBR", personnel=300, condition="us.b"),
            make_pledge(contributor="ITA", personnel=10, condition="contributors(isr) >= 1"),
            make_pledge(
                contributor="ESP",
                capability="isr",
                personnel=7,
                condition="contributors(land.combat) >= 1",
            ),
        ]

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=322), DRIVERS[:2]
        )

        assert least.total().tolist() == [0, 22, 317, 322]
        assert greatest.total().tolist() == [17, 22, 317, 322]

    def test_an_unconditional_pledge_makes_its_participant_count_everywhere(self) -> None:
        pledges = [
            make_pledge(contributor="FRA", capability="isr", personnel=10),
            make_pledge(contributor="FRA", capability="isr", personnel=20, condition="us.a"),
            make_pledge(
                contributor="FRA", capability="isr", personnel=5, condition="contributors(isr) >= 2"
            ),
            make_pledge(contributor="GBR", capability="isr", personnel=30, condition="us.b"),
            make_pledge(
                contributor="GBR",
                capability="isr",
                personnel=7,
                condition="contributors(isr) >= 1 and us.c",
            ),
            make_pledge(contributor="DEU", personnel=100, condition="contributors(isr) > 1"),
        ]

        least, _ = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=145), DRIVERS[:3]
        )

        assert least.total().tolist() == [10, 30, 145, 165, 122, 142, 152, 172]

    def test_a_participant_counts_when_any_of_its_settled_waiting_pledges_is_active(
        self,
    ) -> None:
        pledges = [
            # FRA's two waiting pledges are settled: the first always holds, the second never
            make_pledge(capability="isr", personnel=10, condition="troops(DEU) >= 0"),
            make_pledge(capability="isr", personnel=20, condition="troops(DEU) >= 1"),
            make_pledge(
                contributor="GBR",
                personnel=100,
                condition="contributors(isr) >= 1 and troops(POL) >= 1 and us.a",
            ),
            make_pledge(contributor="POL", personnel=100, condition="troops(GBR) >= 1"),
        ]

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=210), DRIVERS[:1]
        )

        assert least.total().tolist() == [10, 10]
        assert greatest.total().tolist() == [10, 210]

    def test_participants_waiting_for_each_others_count_hold_only_at_the_greatest(
        self,
    ) -> None:
        pledges = [
            make_pledge(
                contributor=x,
                capability="air.defence",
                personnel=100,
                condition=f"contributors(air.defence) >= 3 and {d}",
            )
            for x, d in (("FRA", "us.a"), ("GBR", "us.b"), ("DEU", "us.c"))
        ]
        pledges.append(
            make_pledge(
                contributor="DEU",
                capability="air.defence",
                personnel=1,
                condition="contributors(air.defence) >= 3 and us.d",
            )
        )
        pledges.append(
            make_pledge(contributor="POL", capability="air.defence", personnel=2, condition="us.e")
        )

        least, greatest = assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=300), DRIVERS
        )

        assert greatest.minimal_sets() == (("us.a", "us.b", "us.c"),)
        assert not least.met.any()

    def test_troops_and_contributors_thresholds_together_with_lines(self) -> None:
        lines = (
            make_line(key="contact", personnel=600, excluded_caveats=frozenset({"no_combat"})),
            make_line(key="ad", capability="air.defence", personnel=0, platforms=2),
        )
        pledges = [
            make_pledge(contributor="FRA", personnel=300, condition="us.a"),
            make_pledge(
                contributor="GBR",
                personnel=300,
                condition="troops(FRA) >= 300 and contributors(air.defence) >= 1",
                caveats=frozenset({"no_combat"}),
            ),
            make_pledge(
                contributor="DEU",
                kind="enabler",
                capability="air.defence",
                personnel=20,
                platforms=1,
                condition="troops(GBR) >= 300 or us.b",
            ),
            make_pledge(
                contributor="POL",
                kind="enabler",
                capability="air.defence",
                personnel=20,
                platforms=1,
                condition="contributors(air.defence) >= 1 and not us.c",
            ),
            make_pledge(contributor="ITA", personnel=300, condition="troops(GBR) > 299"),
        ]

        assert_kernel_matches_reference(
            pledges, make_requirement(total_personnel=640, lines=lines), DRIVERS[:3]
        )
