"""The enumerating reference, which the exact kernel and the sampler are tested against, on
cases small enough to work out by hand: joint scenarios, the least fixpoint, and platforms
stated as ranges or as none."""

from __future__ import annotations

import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.odds import DriverOdds
from forcegen.analysis.reference_likelihood import reference_met
from forcegen.model.odds import JointScenario

SETTLEMENT = JointScenario.model_validate(
    {
        "key": "settlement",
        "outcomes": [
            {"drivers": {"ceasefire": True, "peace_agreement": True}, "probability": 0.3},
            {"drivers": {"ceasefire": True, "peace_agreement": False}, "probability": 0.2},
            {"drivers": {"ceasefire": False, "peace_agreement": False}, "probability": 0.5},
        ],
    }
)


def test_a_joint_scenario_weighs_each_outcome_by_its_probability() -> None:
    pledges = [
        make_pledge(id="fra", personnel=20_000, condition="ceasefire"),
        make_pledge(id="gbr", contributor="GBR", personnel=20_000, condition="peace_agreement"),
        make_pledge(id="deu", contributor="DEU", personnel=20_000, condition="us.isr"),
    ]
    odds = DriverOdds({"us.isr": 0.5}, (SETTLEMENT,))

    met = reference_met(pledges, make_requirement(), make_scenario(), odds)

    # 40,000 needs two of the three: ceasefire and peace (0.3), or ceasefire alone and ISR
    # (0.2 x 0.5); ISR with nothing else never suffices
    assert met[Fixpoint.GREATEST] == pytest.approx(0.3 + 0.2 * 0.5)


def test_pledges_that_wait_for_each_other_count_only_at_the_greatest_fixpoint() -> None:
    pledges = [
        make_pledge(id="fra", personnel=20_000, condition="troops(GBR) >= 1"),
        make_pledge(
            id="gbr", contributor="GBR", personnel=20_000, condition="us.isr and troops(FRA) >= 1"
        ),
    ]

    met = reference_met(pledges, make_requirement(), make_scenario(), DriverOdds({"us.isr": 0.4}))

    assert met == {Fixpoint.LEAST: 0.0, Fixpoint.GREATEST: pytest.approx(0.4)}


def test_platforms_stated_as_a_range_are_each_number_in_it_equally_likely() -> None:
    line = make_line(key="sky", capability="air.defence", personnel=0, platforms=3)
    batteries = make_pledge(
        id="bat", kind="enabler", capability="air.defence", personnel=0, platforms="2-5"
    )

    met = reference_met(
        [batteries],
        make_requirement(total_personnel=0, lines=(line,)),
        make_scenario(),
        DriverOdds({}),
    )

    assert met[Fixpoint.GREATEST] == pytest.approx(3 / 4)  # 3, 4 or 5 of 2, 3, 4, 5


def test_a_pledge_of_no_platforms_never_brings_one() -> None:
    line = make_line(key="sky", capability="air.defence", personnel=0, platforms=1)
    crews = make_pledge(id="crew", kind="enabler", capability="air.defence", personnel=50)

    met = reference_met(
        [crews],
        make_requirement(total_personnel=0, lines=(line,)),
        make_scenario(),
        DriverOdds({}),
    )

    assert met[Fixpoint.GREATEST] == 0.0
