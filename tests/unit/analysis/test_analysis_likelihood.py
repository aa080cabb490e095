"""How likely the requirement is met: exact over driver combinations, Monte Carlo with
honouring and ranges, and both against the enumerating reference."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis import exact_likelihood as exact_module
from forcegen.analysis.exact_likelihood import exact_likelihood, exact_problem
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.likelihood import Method
from forcegen.analysis.monte_carlo import monte_carlo_likelihood, sampling_model
from forcegen.analysis.odds import DriverOdds
from forcegen.analysis.reference_likelihood import reference_met
from forcegen.model.errors import InvalidInputError
from forcegen.model.odds import HonouringLadder
from forcegen.model.pledge import Level
from hypothesis_profiles import examples
from pledge_instances import Instance, instances

LADDER = HonouringLadder.model_validate(
    {
        "note": "test ladder",
        "rungs": [
            {"level": level, "probability": p, "reasoning": "test"}
            for level, p in zip(Level, (0.3, 0.5, 0.6, 0.8, 0.9, 1.0), strict=True)
        ],
    }
)
TWO_PLEDGES = [
    make_pledge(id="fra", personnel=30_000, condition="us.a"),
    make_pledge(id="deu", contributor="DEU", personnel=15_000, condition="us.b"),
]


class TestExact:
    def test_met_is_the_weight_of_the_combinations_that_meet(self) -> None:
        odds = DriverOdds({"us.a": 0.5, "us.b": 0.4})

        found = exact_likelihood(
            exact_problem(TWO_PLEDGES, [make_requirement()], make_scenario(), odds)
        )

        assert found.method is Method.EXACT
        assert found.greatest.met == {"test": pytest.approx(0.2)}
        assert found.standard_error(0.2) == 0.0

    def test_the_force_distribution_gives_quantiles_and_the_chance_of_each_total(self) -> None:
        odds = DriverOdds({"us.a": 0.5, "us.b": 0.4})

        force = exact_likelihood(
            exact_problem(TWO_PLEDGES, [make_requirement()], make_scenario(), odds)
        ).greatest.force

        assert force.at_least(15_000) == pytest.approx(0.7)
        assert force.at_least(45_000) == pytest.approx(0.2)
        assert force.quantile(0.5) == 15_000
        xs, chances = zip(*force.curve(), strict=True)
        assert xs == (0, 15_000, 30_000, 45_000)
        assert chances == pytest.approx((1.0, 0.7, 0.5, 0.2))

    def test_each_line_and_each_profile_has_its_probability(self) -> None:
        line = make_line(key="contact", personnel=20_000)
        profiles = [
            make_requirement(key="low", total_personnel=10_000, lines=(line,)),
            make_requirement(key="high", total_personnel=45_000),
        ]
        odds = DriverOdds({"us.a": 0.5, "us.b": 0.4})

        found = exact_likelihood(exact_problem(TWO_PLEDGES, profiles, make_scenario(), odds))

        assert found.greatest.met == {"low": pytest.approx(0.5), "high": pytest.approx(0.2)}
        assert found.greatest.lines == {"low": {"contact": pytest.approx(0.5)}, "high": {}}

    def test_force_that_needs_joint_commitment_shows_only_at_the_greatest_fixpoint(self) -> None:
        pledges = [
            make_pledge(id="fra", personnel=25_000, condition="troops(GBR) >= 1 and us.a"),
            make_pledge(
                id="gbr", contributor="GBR", personnel=25_000, condition="troops(FRA) >= 1"
            ),
        ]

        found = exact_likelihood(
            exact_problem(pledges, [make_requirement()], make_scenario(), DriverOdds({"us.a": 0.7}))
        )

        assert found.least.met["test"] == 0.0
        assert found.greatest.met["test"] == pytest.approx(0.7)

    def test_splitting_the_combinations_into_parts_changes_nothing(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        pledges = [
            make_pledge(id=f"p{i}", personnel=10_000 * (i + 1), condition=f"us.d{i} or us.d{i + 1}")
            for i in range(4)
        ]
        odds = DriverOdds({f"us.d{i}": 0.1 + 0.15 * i for i in range(5)})
        problem = (pledges, [make_requirement(total_personnel=60_000)], make_scenario(), odds)
        whole = exact_likelihood(exact_problem(*problem))

        monkeypatch.setattr(exact_module, "INNER_DRIVERS", 2)
        split = exact_problem(*problem)
        parts = exact_likelihood(split, runner=lambda f, items: [f(i) for i in reversed(items)])

        assert split.parts == 8
        assert parts.greatest.met == pytest.approx(whole.greatest.met)
        assert parts.least.force.mass == pytest.approx(whole.least.force.mass)

    def test_more_drivers_than_one_machine_sweeps_are_sent_elsewhere(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(exact_module, "MAX_DRIVERS", 1)
        problem = exact_problem(
            TWO_PLEDGES,
            [make_requirement()],
            make_scenario(),
            DriverOdds({"us.a": 0.5, "us.b": 0.4}),
        )

        with pytest.raises(InvalidInputError, match="--workers N or --scheduler ADDRESS"):
            exact_likelihood(problem)


class TestMonteCarlo:
    def test_a_seed_gives_the_same_estimate_whatever_order_the_chunks_run_in(self) -> None:
        model = sampling_model(
            TWO_PLEDGES,
            [make_requirement()],
            make_scenario(),
            DriverOdds({"us.a": 0.5, "us.b": 0.4}),
            ladder=LADDER,
        )

        here = monte_carlo_likelihood(model, samples=150_000, seed=4)
        reordered = monte_carlo_likelihood(
            model, samples=150_000, seed=4, runner=lambda f, items: [f(i) for i in reversed(items)]
        )

        assert here.greatest.met == reordered.greatest.met
        assert here.method is Method.MONTE_CARLO
        assert here.is_honouring

    def test_honouring_and_ranges_agree_with_the_enumerating_reference(self) -> None:
        pledges = [
            make_pledge(id="a", personnel="2-4", level=Level.REPORTED, condition="us.a"),
            make_pledge(id="b", contributor="GBR", personnel=3, level=Level.COMMITTED),
            make_pledge(id="c", contributor="DEU", personnel=2, condition="troops(FRA) >= 3"),
        ]
        requirement = make_requirement(total_personnel=6)
        odds = DriverOdds({"us.a": 0.6})
        samples = 40_000

        expected = reference_met(pledges, requirement, make_scenario(), odds, ladder=LADDER)
        found = monte_carlo_likelihood(
            sampling_model(pledges, [requirement], make_scenario(), odds, ladder=LADDER),
            samples=samples,
            seed=11,
        )

        for fixpoint in Fixpoint:
            p = expected[fixpoint]
            assert abs(found.at(fixpoint).met["test"] - p) <= 3 * found.standard_error(p)


def drawn_odds(instance: Instance, data: st.DataObject, low: float, high: float) -> DriverOdds:
    """Independent probabilities from `low` to `high` for the instance's combined drivers."""
    probabilities = data.draw(st.lists(st.floats(low, high), min_size=len(instance.drivers)))
    return DriverOdds(dict(zip(instance.drivers, probabilities, strict=False)))


@settings(max_examples=examples(25), deadline=None, derandomize=True)
@given(instances(), st.data())
def test_exact_and_monte_carlo_agree_within_three_standard_errors(
    instance: Instance, data: st.DataObject
) -> None:
    arguments = (instance.pledges, [instance.requirement], instance.base)
    options: dict[str, Any] = {"level_floor": instance.floor, "conditions": instance.conditions}
    odds = drawn_odds(instance, data, 0.05, 0.95)

    exact = exact_likelihood(exact_problem(*arguments, odds, **options))
    sampled = monte_carlo_likelihood(
        sampling_model(*arguments, odds, ladder=None, **options), samples=20_000, seed=7
    )

    for fixpoint in Fixpoint:
        p = exact.at(fixpoint).met["r"]
        assert abs(sampled.at(fixpoint).met["r"] - p) <= 3 * sampled.standard_error(p) + 1e-12


@settings(max_examples=examples(20), deadline=None, derandomize=True)
@given(instances(), st.data())
def test_exact_agrees_with_the_enumerating_reference(
    instance: Instance, data: st.DataObject
) -> None:
    odds = drawn_odds(instance, data, 0, 1)
    options: dict[str, Any] = {"level_floor": instance.floor, "conditions": instance.conditions}

    exact = exact_likelihood(
        exact_problem(instance.pledges, [instance.requirement], instance.base, odds, **options)
    )
    expected = reference_met(instance.pledges, instance.requirement, instance.base, odds, **options)

    for fixpoint in Fixpoint:
        assert exact.at(fixpoint).met["r"] == pytest.approx(expected[fixpoint], abs=1e-9)
