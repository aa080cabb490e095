"""Driver odds: the weight of every combination, joint scenarios, and random draws."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_scenario
from forcegen.analysis.odds import DriverOdds, combination_weights, odds_of, sample_drivers
from forcegen.model.errors import InvalidInputError
from forcegen.model.odds import JointScenario
from forcegen.model.scenario import Scenario
from hypothesis_profiles import examples

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


class TestCombinationWeights:
    def test_independent_drivers_multiply_in_combination_bit_order(self) -> None:
        odds = DriverOdds({"us.a": 0.2, "us.b": 0.5})

        weights = combination_weights(["us.a", "us.b"], odds)

        assert weights.tolist() == pytest.approx([0.4, 0.1, 0.4, 0.1])

    def test_a_joint_scenario_gives_its_outcomes_and_nothing_else(self) -> None:
        odds = DriverOdds({}, (SETTLEMENT,))

        weights = combination_weights(["ceasefire", "peace_agreement"], odds)

        # index: bit 0 ceasefire, bit 1 peace agreement; a peace without a ceasefire never
        assert weights.tolist() == pytest.approx([0.5, 0.2, 0.0, 0.3])

    def test_a_fixed_driver_contributes_the_probability_of_its_value(self) -> None:
        odds = DriverOdds({"us.a": 0.2}, (SETTLEMENT,))

        weights = combination_weights(["us.a"], odds, fixed={"ceasefire": True})

        # ceasefire true: outcomes 0.3 + 0.2 (peace agreement summed over)
        assert weights.tolist() == pytest.approx([0.8 * 0.5, 0.2 * 0.5])

    @settings(max_examples=examples(40), deadline=None)
    @given(st.lists(st.floats(0, 1), min_size=0, max_size=6), st.data())
    def test_weights_add_up_to_one_over_every_choice_of_the_fixed_drivers(
        self, probabilities: list[float], data: st.DataObject
    ) -> None:
        drivers = [f"d{i}" for i in range(len(probabilities))]
        odds = DriverOdds(dict(zip(drivers, probabilities, strict=True)), (SETTLEMENT,))
        combined = data.draw(st.lists(st.sampled_from(drivers), unique=True)) if drivers else []

        total = sum(
            combination_weights(combined, odds, fixed={"ceasefire": value}).sum()
            for value in (False, True)
        )

        assert total == pytest.approx(1.0)


class TestSampling:
    def test_draws_follow_the_probabilities_and_only_listed_joint_outcomes(self) -> None:
        odds = DriverOdds({"us.a": 0.25}, (SETTLEMENT,))

        draws = sample_drivers(odds, np.random.default_rng(3), 40_000)

        assert draws["us.a"].mean() == pytest.approx(0.25, abs=0.01)
        assert (draws["ceasefire"] & draws["peace_agreement"]).mean() == pytest.approx(
            0.3, abs=0.01
        )
        assert not (draws["peace_agreement"] & ~draws["ceasefire"]).any()

    def test_the_same_seed_draws_the_same(self) -> None:
        odds = DriverOdds({"us.a": 0.5, "us.b": 0.1})

        first, second = (sample_drivers(odds, np.random.default_rng(9), 100) for _ in range(2))

        assert all((first[d] == second[d]).all() for d in first)


class TestOddsOfAScenario:
    def test_overrides_replace_the_scenario_probabilities(self) -> None:
        scenario = make_scenario().model_copy(update={"probabilities": {"us.a": 0.3}})

        odds = odds_of(scenario, {"us.b": 0.9})

        assert odds.independent == {"us.a": 0.3, "us.b": 0.9}
        assert odds.uncertain == ("us.a", "us.b")

    def test_certain_drivers_are_fixed_not_combined(self) -> None:
        odds = DriverOdds({"us.a": 1.0, "us.b": 0.0, "us.c": 0.4})

        assert odds.uncertain == ("us.c",)
        assert odds.fixing(make_scenario()).drivers == {"us.a": True, "us.b": False}

    def test_a_probability_outside_zero_to_one_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"1\.5 is not a probability for us\.a"):
            odds_of(make_scenario(), {"us.a": 1.5})

    def test_a_driver_of_a_joint_scenario_cannot_be_overridden_alone(self) -> None:
        scenario = Scenario(key="s", name="S", joint=(SETTLEMENT,))

        with pytest.raises(InvalidInputError, match="joint scenario 'settlement'"):
            odds_of(scenario, {"ceasefire": 0.9})


class TestJointScenarios:
    def test_outcomes_must_add_up_to_one(self) -> None:
        with pytest.raises(ValueError, match=r"add up to 0\.8"):
            JointScenario.model_validate(
                {"key": "x", "outcomes": [{"drivers": {"a": True}, "probability": 0.8}]}
            )

    def test_every_outcome_sets_the_same_drivers(self) -> None:
        with pytest.raises(ValueError, match="must set the same drivers"):
            JointScenario.model_validate(
                {
                    "key": "x",
                    "outcomes": [
                        {"drivers": {"a": True}, "probability": 0.5},
                        {"drivers": {"b": True}, "probability": 0.5},
                    ],
                }
            )

    def test_a_driver_is_uncertain_in_one_place_only(self) -> None:
        with pytest.raises(ValueError, match="'ceasefire' is uncertain twice"):
            Scenario(key="s", name="S", probabilities={"ceasefire": 0.5}, joint=(SETTLEMENT,))
