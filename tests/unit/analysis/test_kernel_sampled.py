"""The reciprocal fixpoints when amounts are sampled: a waiting pledge whose personnel is a
range adds its drawn value, and the top it descends from holds its largest draw."""

from __future__ import annotations

import pytest

from factories import make_pledge, make_requirement, make_scenario
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.monte_carlo import monte_carlo_likelihood, sampling_model
from forcegen.analysis.odds import DriverOdds
from forcegen.analysis.reference_likelihood import reference_met


def test_a_ranged_waiting_pledge_counts_its_draw_at_both_fixpoints() -> None:
    # FRA's 2-4 waits for GBR; GBR's 3 waits for FRA's 4: both hold together only when FRA
    # draws 4, and only at the greatest fixpoint (where the top must count FRA's largest draw)
    pledges = [
        make_pledge(id="fra", personnel="2-4", condition="troops(GBR) >= 1"),
        make_pledge(id="gbr", contributor="GBR", personnel=3, condition="troops(FRA) >= 4 or us.a"),
        make_pledge(id="deu", contributor="DEU", personnel=1, condition="troops(FRA) > 2"),
    ]
    requirement = make_requirement(total_personnel=7)
    odds = DriverOdds({"us.a": 0.5})

    expected = reference_met(pledges, requirement, make_scenario(), odds)
    found = monte_carlo_likelihood(
        sampling_model(pledges, [requirement], make_scenario(), odds, ladder=None),
        samples=20_000,
        seed=3,
    )

    assert expected[Fixpoint.GREATEST] > expected[Fixpoint.LEAST] > 0
    for fixpoint in Fixpoint:
        p = expected[fixpoint]
        assert abs(found.at(fixpoint).met["test"] - p) <= 3 * found.standard_error(p)


def test_a_ranged_waiting_pledge_counts_its_own_draw_where_a_rare_driver_opens_its_cycle() -> None:
    # FRA and GBR wait for each other only where us.a holds (a fifth of the samples), so the
    # sweeps run on those samples alone and must take FRA's draws at them; GBR holds where
    # FRA draws 3 or 4, or us.b holds
    pledges = [
        make_pledge(id="fra", personnel="2-4", condition="troops(GBR) >= 1 and us.a"),
        make_pledge(
            id="gbr",
            contributor="GBR",
            personnel=3,
            condition="troops(FRA) >= 3 and us.a or us.b",
        ),
    ]
    requirement = make_requirement(total_personnel=5)
    odds = DriverOdds({"us.a": 0.2, "us.b": 0.5})

    expected = reference_met(pledges, requirement, make_scenario(), odds)
    found = monte_carlo_likelihood(
        sampling_model(pledges, [requirement], make_scenario(), odds, ladder=None),
        samples=20_000,
        seed=5,
    )

    assert expected[Fixpoint.LEAST] == pytest.approx(0.2 * 0.5)
    assert expected[Fixpoint.GREATEST] == pytest.approx(0.2 * (0.5 + 0.5 * 2 / 3))
    for fixpoint in Fixpoint:
        p = expected[fixpoint]
        assert abs(found.at(fixpoint).met["test"] - p) <= 3 * found.standard_error(p)
