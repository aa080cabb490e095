"""What compiling refuses before any work: repeated or too many drivers, and combination
spaces whose arrays would not fit the memory allowed (estimated before allocating)."""

from __future__ import annotations

import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import (
    TOTAL_PERSONNEL,
    Fixpoint,
    MetCriterion,
    assess_combinations,
    compile_combinations,
    line_quantities,
)
from forcegen.analysis._kernel import combinations
from forcegen.conditions import parse
from forcegen.model.amount import Bound
from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Level

DRIVERS = [f"us.d{i:02d}" for i in range(24)]


def test_twenty_four_drivers_are_allowed() -> None:
    kernel = compile_combinations([], make_requirement(), make_scenario(), DRIVERS)

    assert kernel.cube.k == 24


def test_every_repeated_driver_is_named_once() -> None:
    with pytest.raises(InvalidInputError, match=r"repeated: us\.a, us\.b\. List each driver once"):
        compile_combinations(
            [], make_requirement(), make_scenario(), ["us.b", "us.a", "us.b", "us.c", "us.a"]
        )


def test_too_many_drivers_are_refused_with_their_number_of_combinations() -> None:
    with pytest.raises(InvalidInputError) as caught:
        compile_combinations([], make_requirement(), make_scenario(), [*DRIVERS, "us.x"])

    assert str(caught.value) == (
        "25 drivers make 33,554,432 combinations; at most 24 can be combined at once. "
        "Fix some drivers in the scenario instead."
    )


@pytest.mark.parametrize(
    ("conditions", "mebibytes"),
    [
        # both fixpoints: a personnel row (int16), a platforms row (int8), the total (int16),
        # met and minimal: 2 * 7 bytes * 2^24 = 224 MiB; two chunks in flight, each a
        # block of the two cube rows and a copy: 2 * 6 bytes * 2^18 = 3 MiB
        (["us.d00"], 227),
        # one reciprocal pledge adds 8 bytes per combination of each chunk in flight
        (["us.d00", "troops(GBR) >= 1"], 231),
    ],
)
def test_memory_is_estimated_for_both_fixpoints_and_the_chunks_in_flight(
    monkeypatch: pytest.MonkeyPatch, conditions: list[str], mebibytes: int
) -> None:
    pledges = [make_pledge(personnel=1000 - 500 * i, condition=c) for i, c in enumerate(conditions)]

    def compile_within(budget: int) -> None:
        monkeypatch.setattr(combinations, "MEMORY_BUDGET_BYTES", budget)
        compile_combinations(pledges, make_requirement(), make_scenario(), DRIVERS)

    compile_within(mebibytes << 20)
    with pytest.raises(InvalidInputError) as caught:
        compile_within((mebibytes << 20) - 1)
    assert str(caught.value) == (
        f"Combining 24 drivers over 3 totals needs about {mebibytes} MiB, more than the "
        f"{mebibytes - 1} MiB allowed. Combine fewer drivers and fix the others in the scenario."
    )


def test_assessing_at_once_takes_every_option_that_compiling_and_assessing_take() -> None:
    pledges = [
        make_pledge(id="fra", personnel=300, condition="troops(GBR) >= 200 and us.a"),
        make_pledge(id="gbr", contributor="GBR", personnel=200, condition="troops(FRA) >= 300"),
        make_pledge(id="weak", personnel=50, condition="us.b", level=Level.REPORTED),
        make_pledge(id="line", capability="isr", personnel=5, condition="us.b"),
    ]
    requirement = make_requirement(
        total_personnel=500, lines=(make_line(capability="isr", personnel=10),)
    )
    conditions = {"weak": parse("us.a")}
    employable_personnel = line_quantities(requirement.lines[0])[0]

    result = assess_combinations(
        pledges,
        requirement,
        make_scenario(),
        ["us.a", "us.b"],
        level_floor=Level.STATED,
        fixpoint=Fixpoint.LEAST,
        criterion=MetCriterion.TOTAL_ONLY,
        conditions=conditions,
    )

    assert result.fixpoint is Fixpoint.LEAST
    assert result.criterion is MetCriterion.TOTAL_ONLY
    assert result.tests == ((TOTAL_PERSONNEL, 500),)
    assert result.pledge_ids == ("line", "fra", "gbr")  # "weak" is below the floor
    assert result.total().tolist() == [0, 0, 5, 5]  # the least fixpoint: nobody moves first
    greatest = assess_combinations(
        pledges, requirement, make_scenario(), ["us.a", "us.b"], conditions=conditions
    )
    assert greatest.total().tolist() == [0, 550, 5, 555]  # "weak" now waits for us.a
    assert greatest.tests == ((TOTAL_PERSONNEL, 500), (employable_personnel, 10))


def test_troop_pledges_of_unknown_size_in_no_capability_count_nothing_and_break_nothing() -> None:
    # amounts are fixed at a bound before the kernel sees them; "unknown" then counts 0
    unspecified = make_pledge(capability=None, personnel="unknown", condition="us.a").fixed(
        Bound.HIGH
    )
    pledges = [unspecified, make_pledge(personnel=5, condition="us.b")]

    alone = assess_combinations([unspecified], make_requirement(), make_scenario(), ["us.a"])
    mixed = assess_combinations(pledges, make_requirement(), make_scenario(), ["us.a", "us.b"])

    assert alone.total().tolist() == [0, 0]
    assert alone.pledge_ids == (unspecified.id,)
    assert mixed.total().tolist() == [0, 0, 5, 5]
