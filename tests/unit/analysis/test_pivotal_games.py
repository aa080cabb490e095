"""Which game pivotal contributors are computed in: the lines count unless only the total is
asked for, conditions handed in replace the texts, amounts are counted at the bound asked
for, the fixpoint decides mutual pledges, and sampling is reproducible and says its size."""

from __future__ import annotations

import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import Fixpoint, MetCriterion
from forcegen.analysis.pivotal import pivotal_contributors
from forcegen.analysis.power import PowerIndices
from forcegen.conditions import Const, DriverRef
from forcegen.model.amount import Bound
from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Level
from forcegen.model.requirement import RequirementLine

AIR = make_line(key="air", label="Air defence", capability="air.defence", personnel=0, platforms=1)
NEEDS_BOTH = make_requirement(total_personnel=1000, lines=(AIR,))
TROOPS = make_pledge(id="fra", contributor="FRA", personnel=1000)
RADAR = make_pledge(
    id="deu", contributor="DEU", kind="enabler", capability="air.defence", personnel=0, platforms=1
)


def close_to(found: PowerIndices, expected: dict[str, float]) -> bool:
    """Every sampled Shapley value within its interval of the expected one."""
    errors = dict(zip(found.players, found.shapley_error, strict=True))
    values = found.as_dicts()["shapley"]
    return values.keys() == expected.keys() and all(
        abs(values[p] - expected[p]) <= errors[p] for p in expected
    )


class TestWhatCounts:
    def test_by_default_the_lines_count_so_both_are_needed(self) -> None:
        found = pivotal_contributors([TROOPS, RADAR], NEEDS_BOTH, make_scenario())

        assert not found.is_exact
        assert close_to(found, {"DEU": 0.5, "FRA": 0.5})

    def test_total_only_leaves_the_lines_out(self) -> None:
        found = pivotal_contributors(
            [TROOPS, RADAR], NEEDS_BOTH, make_scenario(), criterion=MetCriterion.TOTAL_ONLY
        )

        assert found.is_exact
        assert found.as_dicts()["shapley"] == {"DEU": 0.0, "FRA": 1.0}

    def test_a_line_needing_a_single_platform_is_a_test(self) -> None:
        requirement = make_requirement(total_personnel=0, lines=(AIR,))

        found = pivotal_contributors([TROOPS, RADAR], requirement, make_scenario(), line="air")

        assert found.as_dicts()["shapley"] == {"DEU": 1.0, "FRA": 0.0}

    def test_funding_and_pledges_below_the_floor_make_no_player(self) -> None:
        pledges = [
            TROOPS,
            make_pledge(contributor="NOR", kind="funding", capability=None, personnel=0),
            make_pledge(contributor="POL", personnel=5000, level=Level.STATED),
        ]

        found = pivotal_contributors(
            pledges,
            make_requirement(total_personnel=1000),
            make_scenario(),
            level_floor=Level.COMMITTED,
        )

        assert found.players == ()

    def test_pledges_below_the_floor_add_no_force(self) -> None:
        pledges = [
            make_pledge(contributor="FRA", personnel=1000, level=Level.COMMITTED),
            make_pledge(contributor="FRA", personnel=5000, level=Level.STATED),
        ]

        found = pivotal_contributors(
            pledges,
            make_requirement(total_personnel=6000),
            make_scenario(),
            level_floor=Level.COMMITTED,
        )

        assert found.as_dicts()["shapley"] == {"FRA": 0.0}

    def test_pledges_below_the_floor_add_no_force_in_the_sampled_game_either(self) -> None:
        pledges = [
            make_pledge(contributor="FRA", personnel=1000, level=Level.COMMITTED),
            make_pledge(contributor="FRA", personnel=5000, level=Level.STATED),
            RADAR.model_copy(update={"level": Level.COMMITTED}),
        ]
        requirement = make_requirement(total_personnel=6000, lines=(AIR,))

        found = pivotal_contributors(
            pledges, requirement, make_scenario(), level_floor=Level.COMMITTED
        )

        assert not found.is_exact
        assert found.as_dicts()["shapley"] == {"DEU": 0.0, "FRA": 0.0}


class TestConditionsHandedIn:
    SCENARIO = make_scenario({"us.isr": False, "ceasefire": True})

    def test_in_the_weighted_game(self) -> None:
        waiting = make_pledge(id="fra", contributor="FRA", personnel=1000, condition="us.isr")

        found = pivotal_contributors(
            [waiting],
            make_requirement(total_personnel=1000),
            self.SCENARIO,
            conditions={"fra": Const(True)},
        )

        assert found.as_dicts()["shapley"] == {"FRA": 1.0}

    def test_in_the_sampled_game(self) -> None:
        waiting = RADAR.model_copy(update={"condition": "us.isr"})

        found = pivotal_contributors(
            [TROOPS, waiting],
            NEEDS_BOTH,
            self.SCENARIO,
            conditions={"deu": DriverRef("ceasefire")},
        )

        assert close_to(found, {"DEU": 0.5, "FRA": 0.5})


def test_amounts_are_counted_at_the_bound_asked_for() -> None:
    maybe = make_pledge(
        contributor="DEU",
        kind="enabler",
        capability="air.defence",
        personnel=0,
        platforms="up to 1",
    )
    pledges = [TROOPS, maybe]

    high = pivotal_contributors(pledges, NEEDS_BOTH, make_scenario())
    low = pivotal_contributors(pledges, NEEDS_BOTH, make_scenario(), bound=Bound.LOW)

    assert close_to(high, {"DEU": 0.5, "FRA": 0.5})
    assert low.as_dicts()["shapley"] == {"DEU": 0.0, "FRA": 0.0}


def test_mutual_pledges_are_pivotal_together_only_at_the_greatest_fixpoint() -> None:
    pledges = [
        make_pledge(id="fra", contributor="FRA", personnel=5000, condition="troops(GBR) >= 5000"),
        make_pledge(id="gbr", contributor="GBR", personnel=5000, condition="troops(FRA) >= 5000"),
    ]
    requirement = make_requirement(total_personnel=10_000)

    greatest = pivotal_contributors(pledges, requirement, make_scenario())
    least = pivotal_contributors(pledges, requirement, make_scenario(), fixpoint=Fixpoint.LEAST)

    assert close_to(greatest, {"FRA": 0.5, "GBR": 0.5})
    assert least.as_dicts()["shapley"] == {"FRA": 0.0, "GBR": 0.0}


def test_sampling_follows_its_seed_and_says_how_many_samples() -> None:
    def sampled(seed: int) -> PowerIndices:
        return pivotal_contributors(
            [TROOPS, RADAR], NEEDS_BOTH, make_scenario(), samples=500, seed=seed
        )

    first, again, other = sampled(7), sampled(7), sampled(8)

    assert first.samples == 500
    assert (first.shapley, first.banzhaf) == (again.shapley, again.banzhaf)
    assert (first.shapley, first.banzhaf) != (other.shapley, other.banzhaf)


@pytest.mark.parametrize(
    ("lines", "listed"),
    [((make_line(key="a"), make_line(key="b")), "a, b"), ((), "none")],
    ids=["two-lines", "no-lines"],
)
def test_an_unknown_line_lists_every_line(lines: tuple[RequirementLine, ...], listed: str) -> None:
    requirement = make_requirement(key="r", lines=lines)

    with pytest.raises(InvalidInputError) as raised:
        pivotal_contributors([TROOPS], requirement, make_scenario(), line="x")

    assert str(raised.value) == f"'r' has no line 'x'; its lines are: {listed}."
