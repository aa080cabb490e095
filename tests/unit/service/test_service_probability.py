"""The probability use case: probabilities as written, what may not be combined, and the
scenario file's independent and joint odds."""

from __future__ import annotations

import dataclasses

import pytest

from factories import make_pledge, make_scenario
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.catalog import load_catalog
from forcegen.model.errors import InvalidInputError
from forcegen.model.odds import JointOutcome, JointScenario
from forcegen.service.assessment import assessing
from forcegen.service.assessment.pledge_set import PledgeSet
from forcegen.service.assessment.probability import (
    ProbabilityOptions,
    assess_probability,
    parse_probability,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("us.isr=0.4", ("us.isr", 0.4)), ("us.isr=40%", ("us.isr", 0.4)), (" a = 1 ", ("a", 1.0))],
    ids=["fraction", "percentage", "spaces"],
)
def test_a_probability_is_read_as_a_fraction_or_a_percentage(
    text: str, expected: tuple[str, float]
) -> None:
    assert parse_probability(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["us.isr", "us.isr=x", "us.isr=1.5", "=0.5", "us.isr=-1%"])
def test_anything_else_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(InvalidInputError, match=r"write DRIVER=P with P from 0 to 1"):
        parse_probability(text)


def test_a_driver_both_set_and_given_a_probability_is_refused() -> None:
    catalog = load_catalog()
    selection = assessing.select(catalog, overrides={"us.isr": True}, fixpoint=Fixpoint.LEAST)
    empty = PledgeSet(origin=assessing.Origin.PUBLIC, title="empty", pledges=(), sources={})

    with pytest.raises(InvalidInputError, match=r"us\.isr is both set"):
        assess_probability(
            pledge_set=empty,
            selection=selection,
            catalog=catalog,
            options=ProbabilityOptions(probabilities={"us.isr": 0.5}),
        )


SETTLEMENT = JointScenario(
    key="settlement",
    outcomes=(
        JointOutcome(drivers={"ceasefire": True, "peace_agreement": True}, probability=0.3),
        JointOutcome(drivers={"ceasefire": True, "peace_agreement": False}, probability=0.2),
        JointOutcome(drivers={"ceasefire": False, "peace_agreement": False}, probability=0.5),
    ),
)


def two_ways_to_the_combat_line() -> tuple[PledgeSet, assessing.Selection]:
    """30,000 land combat troops on a US backstop, 30,000 more on a settlement (ceasefire and
    peace agreement); the scenario gives the backstop 40% and the settlement joint odds."""
    pledges = (
        make_pledge(contributor="FRA", personnel=30_000, condition="us.backstop"),
        make_pledge(contributor="GBR", personnel=30_000, condition="ceasefire and peace_agreement"),
    )
    scenario = make_scenario().model_copy(
        update={"probabilities": {"us.backstop": 0.4}, "joint": (SETTLEMENT,)}
    )
    selection = dataclasses.replace(assessing.select(load_catalog()), scenario=scenario)
    pledge_set = PledgeSet(origin=assessing.Origin.PUBLIC, title="two", pledges=pledges, sources={})
    return pledge_set, selection


class TestScenarioOdds:
    def test_the_scenario_files_probabilities_and_joint_odds_are_combined_exactly(self) -> None:
        pledge_set, selection = two_ways_to_the_combat_line()

        report = assess_probability(
            pledge_set=pledge_set,
            selection=selection,
            catalog=load_catalog(),
            options=ProbabilityOptions(),
        )

        greatest = report.likelihood.at(Fixpoint.GREATEST)
        assert report.method.value == "exact"
        assert greatest.lines["kyiv_40k"]["combat"] == pytest.approx(1 - 0.6 * 0.7)
        assert greatest.force.at_least(60_000) == pytest.approx(0.4 * 0.3)
        assert [group.key for group in report.joint] == ["settlement"]

    def test_a_probability_given_as_an_option_replaces_the_scenarios(self) -> None:
        pledge_set, selection = two_ways_to_the_combat_line()

        report = assess_probability(
            pledge_set=pledge_set,
            selection=selection,
            catalog=load_catalog(),
            options=ProbabilityOptions(probabilities={"us.backstop": 0.9}),
        )

        combat = report.likelihood.at(Fixpoint.LEAST).lines["kyiv_40k"]["combat"]
        assert combat == pytest.approx(1 - 0.1 * 0.7)
        assert report.probabilities == {"us.backstop": 0.9}
