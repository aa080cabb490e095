"""Pledge sets made of cycles of waiting pledges, against the reference on every combination.

Each seed builds a few participants whose pledges wait for each other's troops and for the
number of participants in a capability, with thresholds on sums the pledges can reach and
drivers that open or close the cycles. The sweeps then run several rounds, rising and
falling, in groups of one and of several pledges, and only the exact fixpoints pass.
"""

from __future__ import annotations

import random

import pytest

from factories import make_pledge, make_requirement
from forcegen.model.pledge import Pledge
from kernel_check import CHUNKINGS, assert_kernel_matches_reference, chunked

DRIVERS = ["us.a", "us.b", "us.c", "us.d"]
PARTICIPANTS = ["FRA", "GBR", "DEU", "POL"]
CAPABILITIES = ["land.combat", "isr"]


def cyclic_pledges(seed: int) -> list[Pledge]:
    """Eight pledges, most waiting for another participant's troops or a capability's count."""
    rng = random.Random(seed)
    owners = [(rng.choice(PARTICIPANTS), rng.choice(CAPABILITIES)) for _ in range(8)]
    amounts = [rng.choice([10, 20, 30, 50]) for _ in owners]

    def reachable(participant: str) -> int:
        mine = [a for (x, _), a in zip(owners, amounts, strict=True) if x == participant]
        return sum(a for a in mine if rng.random() < 0.5) or rng.choice([1, 10])

    def waits() -> str:
        if rng.random() < 0.7:
            x = rng.choice(PARTICIPANTS)
            return f"troops({x}) {rng.choice(['>=', '>'])} {reachable(x)}"
        return f"contributors({rng.choice(CAPABILITIES)}) >= {rng.randint(1, 3)}"

    def condition() -> str:
        shape = rng.randrange(5)
        driver = rng.choice(DRIVERS)
        if shape == 0:
            return waits()
        if shape == 1:
            return f"{waits()} or {driver}"
        if shape == 2:
            return f"{waits()} and not {driver}"
        if shape == 3:
            return f"({waits()} or {waits()}) and {driver}"
        return f"{waits()} and {waits()}"

    return [
        make_pledge(contributor=x, capability=c, personnel=a, condition=condition())
        for (x, c), a in zip(owners, amounts, strict=True)
    ]


@pytest.mark.parametrize("seed", range(40))
def test_cycles_of_waiting_pledges_reach_the_exact_fixpoints(seed: int) -> None:
    pledges = cyclic_pledges(seed)
    total = sum(p.personnel.figure for p in pledges[::2])

    assert_kernel_matches_reference(pledges, make_requirement(total_personnel=total), DRIVERS)


@pytest.mark.parametrize("chunking", CHUNKINGS[1:])
@pytest.mark.parametrize("seed", range(40, 50))
def test_cycles_reach_the_same_fixpoints_in_chunks_and_threads(
    seed: int, chunking: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    chunked(monkeypatch, chunking)
    pledges = cyclic_pledges(seed)

    assert_kernel_matches_reference(pledges, make_requirement(total_personnel=100), DRIVERS)
