"""Exact probabilities at their edges: which drivers are combined, the most drivers allowed,
and a line whose personnel is met exactly."""

from __future__ import annotations

import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import exact_likelihood as exact_module
from forcegen.analysis.exact_likelihood import exact_likelihood, exact_problem
from forcegen.analysis.odds import DriverOdds
from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Level


def test_only_drivers_named_by_force_pledges_at_or_above_the_floor_are_combined() -> None:
    pledges = [
        make_pledge(id="fra", personnel=30_000, level=Level.COMMITTED, condition="us.a"),
        make_pledge(id="money", kind="funding", personnel=0, capability=None, condition="us.b"),
        make_pledge(id="weak", personnel=10_000, level=Level.STATED, condition="us.c"),
    ]
    odds = DriverOdds({"us.a": 0.5, "us.b": 0.5, "us.c": 0.5})

    problem = exact_problem(
        pledges, [make_requirement()], make_scenario(), odds, level_floor=Level.COMMITTED
    )

    assert problem.inner == ("us.a",)
    assert exact_likelihood(problem).drivers == ("us.a",)


def test_up_to_the_most_drivers_are_assessed_and_more_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(exact_module, "MOST_DRIVERS", 2)
    drivers = ("us.a", "us.b", "us.c")
    pledges = [make_pledge(id=d, personnel=10_000, condition=d) for d in drivers]
    odds = DriverOdds(dict.fromkeys(drivers, 0.5))

    two = exact_problem(pledges[:2], [make_requirement()], make_scenario(), odds)
    with pytest.raises(InvalidInputError) as raised:
        exact_problem(pledges, [make_requirement()], make_scenario(), odds)

    assert two.inner == ("us.a", "us.b")
    assert raised.value.message == (
        "3 uncertain drivers make 8 combinations, too many to assess exactly (at most 2); "
        "use Monte Carlo sampling."
    )


def test_a_line_whose_personnel_is_reached_exactly_is_met() -> None:
    line = make_line(key="contact", personnel=30_000)
    pledges = [make_pledge(id="fra", personnel=30_000, condition="us.a")]

    found = exact_likelihood(
        exact_problem(
            pledges,
            [make_requirement(total_personnel=30_000, lines=(line,))],
            make_scenario(),
            DriverOdds({"us.a": 0.25}),
        )
    )

    assert found.greatest.lines == {"test": {"contact": pytest.approx(0.25)}}
    assert found.greatest.met == {"test": pytest.approx(0.25)}


def test_up_to_the_drivers_one_machine_sweeps_run_here_and_more_are_sent_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(exact_module, "MAX_DRIVERS", 2)
    drivers = ("us.a", "us.b", "us.c")
    pledges = [make_pledge(id=d, personnel=10_000, condition=d) for d in drivers]
    odds = DriverOdds(dict.fromkeys(drivers, 0.5))

    two = exact_likelihood(exact_problem(pledges[:2], [make_requirement()], make_scenario(), odds))
    with pytest.raises(InvalidInputError) as raised:
        exact_likelihood(exact_problem(pledges, [make_requirement()], make_scenario(), odds))

    assert two.drivers == ("us.a", "us.b")
    assert raised.value.message == (
        "3 uncertain drivers make 8 combinations; at most 2 are assessed exactly on this "
        "machine. Run them on a cluster (--workers N or --scheduler ADDRESS) or use Monte "
        "Carlo sampling."
    )
