"""What compiling refuses before any work: repeated or too many drivers, and combination
spaces whose arrays would not fit the memory allowed (estimated before allocating)."""

from __future__ import annotations

import pytest

from factories import make_pledge, make_requirement, make_scenario
from forcegen.analysis import compile_combinations
from forcegen.analysis._kernel import combinations
from forcegen.model.errors import InvalidInputError

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
