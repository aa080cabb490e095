"""Pivotal contributors: power in the game "does this coalition meet the requirement?"."""

from __future__ import annotations

import itertools
import math

import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import Fixpoint, MetCriterion, active_pledges
from forcegen.analysis.pivotal import pivotal_contributors
from forcegen.analysis.quantity import is_met, quantities_for
from forcegen.analysis.reference import totals
from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Pledge
from forcegen.model.requirement import Requirement

FORCE = [
    make_pledge(contributor="FRA", personnel=20_000),
    make_pledge(contributor="GBR", personnel=15_000),
    make_pledge(contributor="DEU", personnel=10_000),
    make_pledge(contributor="POL", personnel=100),
]


def enumerated_shapley(pledges: list[Pledge], requirement: Requirement) -> dict[str, float]:
    """Shapley values over every order of the contributors, each coalition assessed by the
    reference activation at the greatest fixpoint."""
    players = sorted({p.contributor for p in pledges})
    quantities = quantities_for(requirement, {p.capability or "" for p in pledges})

    def wins(coalition: set[str]) -> bool:
        members = [p for p in pledges if p.contributor in coalition]
        active = active_pledges(members, make_scenario(), fixpoint=Fixpoint.GREATEST)
        return is_met(totals(active, quantities), requirement, MetCriterion.ALL_LINES)

    values = dict.fromkeys(players, 0.0)
    for order in itertools.permutations(players):
        for k, player in enumerate(order):
            if wins(set(order[: k + 1])) and not wins(set(order[:k])):
                values[player] += 1 / math.factorial(len(players))
                break
    return values


class TestPivotalContributors:
    def test_without_linking_conditions_the_game_is_weighted_and_exact(self) -> None:
        found = pivotal_contributors(FORCE, make_requirement(), make_scenario())

        assert found.is_exact
        assert found.as_dicts()["shapley"] == pytest.approx(
            {"DEU": 1 / 3, "FRA": 1 / 3, "GBR": 1 / 3, "POL": 0.0}
        )

    def test_a_reciprocity_condition_is_sampled_within_its_intervals(self) -> None:
        pledges = [
            *FORCE,
            make_pledge(contributor="ITA", personnel=5_000, condition="troops(FRA) >= 20000"),
        ]

        found = pivotal_contributors(pledges, make_requirement(), make_scenario(), samples=20_000)

        assert not found.is_exact
        expected = enumerated_shapley(pledges, make_requirement())
        for player, value, error in zip(
            found.players, found.shapley, found.shapley_error, strict=True
        ):
            assert abs(value - expected[player]) <= error
        assert expected["ITA"] > 0.0  # Italy counts only with France

    def test_a_single_line_is_its_own_game(self) -> None:
        line = make_line(key="contact", personnel=30_000)
        requirement = make_requirement(total_personnel=0, lines=(line,))

        found = pivotal_contributors(FORCE, requirement, make_scenario(), line="contact")

        assert found.is_exact
        assert found.as_dicts()["banzhaf"]["FRA"] > found.as_dicts()["banzhaf"]["DEU"]

    def test_an_unknown_line_names_the_known_ones(self) -> None:
        requirement = make_requirement(lines=(make_line(key="contact"),))

        with pytest.raises(InvalidInputError, match="has no line 'air'; its lines are: contact"):
            pivotal_contributors(FORCE, requirement, make_scenario(), line="air")
