"""What the sampling model keeps of each pledge: every person pledged, a participant's
presence through its settled pledges, only troop pledges as its troops, and only the chances
some condition depends on."""

from __future__ import annotations

from collections.abc import Mapping

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis.monte_carlo import monte_carlo_likelihood, sampling_model
from forcegen.analysis.odds import DriverOdds
from forcegen.model.odds import JointScenario
from forcegen.model.pledge import Pledge, PledgeKind


def met(*pledges: Pledge) -> Mapping[str, float]:
    """The likelihood at the greatest fixpoint that 40,000 personnel come (nothing uncertain)."""
    model = sampling_model(
        list(pledges), [make_requirement()], make_scenario(), DriverOdds({}), ladder=None
    )
    return monte_carlo_likelihood(model, samples=500, seed=6).greatest.met


def test_a_pledge_of_a_single_person_counts() -> None:
    found = met(
        make_pledge(id="fra", personnel=39_999),
        make_pledge(id="gbr", contributor="GBR", personnel=1, capability="air.defence"),
    )

    assert found == {"test": 1.0}


def test_a_participant_counts_in_a_capability_through_its_unconditional_pledge_there() -> None:
    found = met(
        make_pledge(id="gbr", contributor="GBR", personnel=20_000, capability="air.defence"),
        make_pledge(
            id="ita",
            contributor="ITA",
            personnel=20_000,
            capability="maritime.mcm",
            condition="contributors(air.defence) >= 1",
        ),
    )

    assert found == {"test": 1.0}


def test_only_troop_pledges_count_as_a_participants_troops() -> None:
    found = met(
        make_pledge(id="fra", kind=PledgeKind.ENABLER, personnel=500, capability="air.defence"),
        make_pledge(id="gbr", contributor="GBR", personnel=40_000, condition="troops(FRA) >= 1"),
    )

    # FRA pledges no troops, so GBR never comes
    assert found == {"test": 0.0}


def joint(key: str, driver: str) -> JointScenario:
    return JointScenario.model_validate(
        {
            "key": key,
            "outcomes": [
                {"drivers": {driver: True}, "probability": 0.3},
                {"drivers": {driver: False}, "probability": 0.7},
            ],
        }
    )


def test_only_the_chances_some_condition_depends_on_are_sampled() -> None:
    odds = DriverOdds(
        {"us.a": 0.5, "us.b": 0.5}, (joint("settlement", "ceasefire"), joint("other", "us.c"))
    )
    pledges = [make_pledge(id="fra", personnel=40_000, condition="us.a and ceasefire")]

    model = sampling_model(pledges, [make_requirement()], make_scenario(), odds, ladder=None)

    assert model.drivers == ("us.a", "ceasefire")


def test_troops_and_platforms_add_up_past_what_one_pledge_brings() -> None:
    line = make_line(key="kit", personnel=200, platforms=200)
    requirement = make_requirement(lines=(line,))
    pledges = [
        make_pledge(id="fra", personnel=100, platforms=100),
        make_pledge(id="fra2", personnel=100, platforms=100),
        make_pledge(id="gbr", contributor="GBR", personnel=40_000, condition="troops(FRA) >= 200"),
    ]

    model = sampling_model(pledges, [requirement], make_scenario(), DriverOdds({}), ladder=None)
    found = monte_carlo_likelihood(model, samples=500, seed=6).greatest

    # FRA's troops reach 200 only with both pledges, so GBR comes; the line needs both too
    assert found.met == {"test": 1.0}
    assert found.lines == {"test": {"kit": 1.0}}


def test_both_ends_of_a_range_are_drawn_about_equally_often() -> None:
    found = met(make_pledge(id="fra", personnel="39999-40000"))

    assert 0.4 < found["test"] < 0.6
