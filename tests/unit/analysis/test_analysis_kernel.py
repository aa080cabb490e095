"""The fast kernel on hand-computed cases: totals, minimal sets, leverage, chunks, errors."""

from __future__ import annotations

import random

import numpy as np
import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import (
    TOTAL_PERSONNEL,
    Fixpoint,
    Measure,
    MetCriterion,
    Quantity,
    assess_combinations,
    compile_combinations,
    line_quantities,
    offered,
    reference_combinations,
)
from forcegen.model.errors import InvalidInputError


class TestTotals:
    def test_totals_follow_the_combination_bits_in_driver_order(self) -> None:
        pledges = [
            make_pledge(personnel=100, condition="us.a"),
            make_pledge(personnel=20, condition="us.b"),
            make_pledge(personnel=3, condition="us.a and us.b"),
        ]

        result = assess_combinations(pledges, make_requirement(), make_scenario(), ["us.a", "us.b"])

        assert result.total().tolist() == [0, 100, 20, 123]
        assert result.drivers_on(3) == ("us.a", "us.b")
        assert result.combination(["us.b"]) == 2

    def test_capabilities_and_lines_are_totalled_separately(self) -> None:
        line = make_line(
            key="ad",
            capability="air.defence",
            personnel=0,
            platforms=4,
            excluded_caveats=frozenset({"no_contact_line"}),
        )
        pledges = [
            make_pledge(
                kind="enabler",
                capability="air.defence",
                personnel=10,
                platforms=3,
                condition="us.a",
            ),
            make_pledge(
                kind="enabler",
                capability="air.defence",
                personnel=5,
                platforms=2,
                caveats=frozenset({"no_contact_line"}),
            ),
        ]
        requirement = make_requirement(total_personnel=0, lines=(line,))

        result = assess_combinations(pledges, requirement, make_scenario(), ["us.a"])

        employable = line_quantities(line)[1]
        assert result.total(offered(Measure.PLATFORMS, "air.defence")).tolist() == [2, 5]
        assert result.total(employable).tolist() == [0, 3]
        assert result.met.tolist() == [False, False]

    def test_an_unknown_quantity_is_refused_with_the_known_ones_listed(self) -> None:
        result = assess_combinations([make_pledge()], make_requirement(), make_scenario(), [])

        with pytest.raises(InvalidInputError, match="no quantity personnel:isr"):
            result.total(Quantity(Measure.PERSONNEL, "isr", "isr"))


class TestMinimalSets:
    def test_minimal_sets_are_met_with_no_met_proper_subset_even_when_not_is_used(self) -> None:
        pledges = [
            make_pledge(personnel=1000, condition="us.a and not us.b"),
            make_pledge(personnel=1000, condition="us.b and us.c"),
        ]
        requirement = make_requirement(total_personnel=1000)

        result = assess_combinations(
            pledges, requirement, make_scenario(), ["us.a", "us.b", "us.c"]
        )

        assert result.minimal_sets() == (("us.a",), ("us.b", "us.c"))

    def test_minimal_sets_come_smallest_first_then_by_their_names_in_alphabetical_order(
        self,
    ) -> None:
        drivers = ["us.z", "us.b", "us.m", "us.a"]
        pledges = [make_pledge(personnel=500, condition=d) for d in drivers]
        pledges.append(make_pledge(personnel=1000, condition="us.m and us.z and us.b"))
        requirement = make_requirement(total_personnel=1000)

        result = assess_combinations(pledges, requirement, make_scenario(), drivers)

        # each set lists its drivers in the order they were combined
        assert result.minimal_sets() == (
            ("us.b", "us.a"),
            ("us.m", "us.a"),
            ("us.z", "us.a"),
            ("us.b", "us.m"),
            ("us.z", "us.b"),
            ("us.z", "us.m"),
        )

    def test_the_empty_set_is_the_only_minimal_set_when_nothing_is_needed(self) -> None:
        result = assess_combinations(
            [make_pledge(personnel=50_000)], make_requirement(), make_scenario(), ["us.a"]
        )

        assert result.minimal_sets() == ((),)


class TestLeverage:
    def test_leverage_averages_the_gain_over_the_other_drivers(self) -> None:
        pledges = [
            make_pledge(personnel=100, condition="us.a"),
            make_pledge(personnel=40, condition="us.a and us.b"),
        ]

        result = assess_combinations(pledges, make_requirement(), make_scenario(), ["us.a", "us.b"])

        assert result.leverage() == {"us.a": pytest.approx(120.0), "us.b": pytest.approx(20.0)}


class TestFixpoints:
    def test_both_fixpoints_at_once_equal_each_assessed_alone(self) -> None:
        pledges = [
            make_pledge(
                id="fra", contributor="FRA", personnel=500, condition="troops(GBR) >= 500 and us.a"
            ),
            make_pledge(id="gbr", contributor="GBR", personnel=500, condition="troops(FRA) >= 1"),
        ]
        kernel = compile_combinations(pledges, make_requirement(), make_scenario(), ["us.a"])

        least, greatest = kernel.assess_both()

        assert least.total().tolist() == kernel.assess(Fixpoint.LEAST).total().tolist() == [0, 0]
        assert greatest.total().tolist() == kernel.assess().total().tolist() == [0, 1000]


class TestChunks:
    def test_combinations_spanning_several_chunks_match_the_reference(self) -> None:
        drivers = [f"us.d{i:02d}" for i in range(19)]  # 2^19: two chunks of 2^18
        rng = random.Random(7)
        pledges = [
            make_pledge(
                id=f"p{i}",
                contributor=rng.choice(["FRA", "GBR", "DEU"]),
                personnel=rng.randint(1, 500),
                condition=" or ".join(rng.sample(drivers, 2))
                if i % 4
                else f"troops({rng.choice(['FRA', 'GBR'])}) >= {rng.randint(100, 2000)}",
            )
            for i in range(24)
        ]
        requirement = make_requirement(total_personnel=3000)
        kernel = compile_combinations(pledges, requirement, make_scenario(), drivers)
        sample = [*rng.sample(range(1 << 19), 40), 0, (1 << 19) - 1, 1 << 18, (1 << 18) - 1]

        for fixpoint, result in zip(Fixpoint, kernel.assess_both(), strict=True):
            rows = reference_combinations(
                pledges, requirement, make_scenario(), drivers, sample, fixpoint=fixpoint
            )
            totals = result.total()
            assert [int(totals[r.combination]) for r in rows] == [
                r.totals[TOTAL_PERSONNEL] for r in rows
            ]
            assert [bool(result.met[r.combination]) for r in rows] == [r.is_met for r in rows]


class TestErrors:
    def test_repeated_drivers_are_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"repeated: us\.a\. List each driver once"):
            compile_combinations([], make_requirement(), make_scenario(), ["us.a", "us.a"])

    def test_too_many_drivers_are_refused_before_any_work(self) -> None:
        drivers = [f"d{i}" for i in range(25)]

        with pytest.raises(InvalidInputError, match="at most 24 can be combined"):
            compile_combinations([], make_requirement(), make_scenario(), drivers)

    def test_a_combination_space_too_large_for_memory_is_refused_before_allocating(self) -> None:
        capabilities = [f"cap.c{i:02d}" for i in range(60)]
        pledges = [make_pledge(capability=c) for c in capabilities]
        drivers = [f"d{i}" for i in range(24)]

        with pytest.raises(InvalidInputError, match="Combine fewer drivers"):
            compile_combinations(pledges, make_requirement(), make_scenario(), drivers)

    def test_results_are_read_only(self) -> None:
        result = assess_combinations([make_pledge()], make_requirement(), make_scenario(), ["x"])

        with pytest.raises(ValueError, match="read-only"):
            result.met[0] = True
        assert isinstance(result.total(), np.ndarray)

    def test_an_empty_pledge_set_has_nothing_anywhere(self) -> None:
        result = assess_combinations(
            [], make_requirement(), make_scenario(), ["us.a"], criterion=MetCriterion.TOTAL_ONLY
        )

        assert result.total().tolist() == [0, 0]
        assert result.minimal_sets() == ()
