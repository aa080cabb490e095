"""Overriding a scenario's odds: 0 and 1 are probabilities (they settle a driver, which is
then never drawn), a joint scenario's drivers move only together, and the scenario's joint
scenarios are kept."""

from __future__ import annotations

import numpy as np
import pytest

from factories import make_scenario
from forcegen.analysis.odds import DriverOdds, odds_of, sample_drivers
from forcegen.model.errors import InvalidInputError
from forcegen.model.odds import JointScenario
from forcegen.model.scenario import Scenario

SETTLEMENT = JointScenario.model_validate(
    {
        "key": "settlement",
        "outcomes": [
            {"drivers": {"ceasefire": True}, "probability": 0.4},
            {"drivers": {"ceasefire": False}, "probability": 0.6},
        ],
    }
)


def test_a_probability_of_zero_or_one_settles_the_driver() -> None:
    odds = odds_of(make_scenario(), {"us.isr": 0.0, "us.air": 1.0, "us.lift": 0.5})

    assert odds.uncertain == ("us.lift",)
    assert odds.fixing(make_scenario()).drivers == {"us.isr": False, "us.air": True}


def test_overriding_one_driver_keeps_the_scenarios_joint_odds() -> None:
    scenario = Scenario(key="s", name="S", joint=(SETTLEMENT,))

    odds = odds_of(scenario, {"us.isr": 0.5})

    assert odds.joint == (SETTLEMENT,)
    assert odds.uncertain == ("us.isr", "ceasefire")


def test_overriding_a_driver_of_a_joint_scenario_says_where_to_change_it() -> None:
    scenario = Scenario(key="s", name="S", joint=(SETTLEMENT,))

    with pytest.raises(InvalidInputError) as raised:
        odds_of(scenario, {"ceasefire": 0.9})

    assert raised.value.message == (
        "ceasefire moves with others in the joint scenario 'settlement'; change the "
        "probabilities of its outcomes in the scenario file instead."
    )


def test_only_uncertain_drivers_are_drawn() -> None:
    odds = DriverOdds({"us.never": 0.0, "us.always": 1.0, "us.maybe": 0.5})

    draws = sample_drivers(odds, np.random.default_rng(1), 10)

    assert set(draws) == {"us.maybe"}


def test_each_joint_outcome_is_drawn_as_often_as_its_probability() -> None:
    three = JointScenario.model_validate(
        {
            "key": "three",
            "outcomes": [
                {"drivers": {"a": True, "b": True}, "probability": 0.2},
                {"drivers": {"a": True, "b": False}, "probability": 0.3},
                {"drivers": {"a": False, "b": False}, "probability": 0.5},
            ],
        }
    )

    draws = sample_drivers(DriverOdds({}, (three,)), np.random.default_rng(2), 40_000)

    assert (draws["a"] & draws["b"]).mean() == pytest.approx(0.2, abs=0.01)
    assert (draws["a"] & ~draws["b"]).mean() == pytest.approx(0.3, abs=0.01)
    assert (~draws["a"] & ~draws["b"]).mean() == pytest.approx(0.5, abs=0.01)
