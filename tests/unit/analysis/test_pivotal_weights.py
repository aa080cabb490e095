"""The weighted game of pivotal contributors: a contributor weighs all its active pledges and
nothing more, and where nothing is required nobody is pivotal."""

from __future__ import annotations

from factories import make_pledge, make_requirement, make_scenario
from forcegen.analysis.pivotal import pivotal_contributors
from forcegen.model.pledge import Pledge


def shapley(pledges: list[Pledge], required: int) -> dict[str, float]:
    found = pivotal_contributors(
        pledges, make_requirement(total_personnel=required), make_scenario()
    )
    assert found.is_exact
    return found.as_dicts()["shapley"]


def test_a_contributors_pledges_add_up() -> None:
    pledges = [
        make_pledge(contributor="FRA", personnel=2000),
        make_pledge(contributor="FRA", personnel=2000),
        make_pledge(contributor="BEL", personnel=1000),
    ]

    assert shapley(pledges, 4000) == {"BEL": 0.0, "FRA": 1.0}


def test_a_requirement_the_force_cannot_meet_leaves_nobody_pivotal() -> None:
    pledges = [
        make_pledge(contributor="FRA", personnel=3000),
        make_pledge(contributor="BEL", personnel=999),
    ]

    assert shapley(pledges, 4000) == {"BEL": 0.0, "FRA": 0.0}


def test_a_contributor_whose_condition_fails_weighs_nothing() -> None:
    pledges = [
        make_pledge(contributor="FRA", personnel=3000),
        make_pledge(contributor="BEL", personnel=1000),
        make_pledge(contributor="POL", personnel=5000, condition="us.isr"),
    ]

    assert shapley(pledges, 4000) == {"BEL": 0.5, "FRA": 0.5, "POL": 0.0}


def test_when_nothing_is_required_nobody_is_pivotal() -> None:
    pledges = [make_pledge(contributor="FRA"), make_pledge(contributor="BEL")]

    assert shapley(pledges, 0) == {"BEL": 0.0, "FRA": 0.0}
