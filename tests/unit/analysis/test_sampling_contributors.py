"""`contributors(capability)` when sampling: a participant counts once, and only in the
capability it is present in, however its pledges there are split between driver-only and
reciprocal ones, and however many participants other counted capabilities have."""

from __future__ import annotations

from collections.abc import Mapping

from factories import make_pledge, make_requirement, make_scenario
from forcegen.analysis.monte_carlo import monte_carlo_likelihood, sampling_model
from forcegen.analysis.odds import DriverOdds
from forcegen.model.pledge import Pledge


def met(*pledges: Pledge, odds: DriverOdds | None = None) -> Mapping[str, float]:
    """The likelihood at the greatest fixpoint that 40,000 personnel come (by default with
    nothing uncertain)."""
    model = sampling_model(
        list(pledges), [make_requirement()], make_scenario(), odds or DriverOdds({}), ladder=None
    )
    return monte_carlo_likelihood(model, samples=500, seed=5).greatest.met


def test_participants_present_in_another_counted_capability_do_not_count() -> None:
    found = met(
        make_pledge(id="gbr", contributor="GBR", personnel=20_000, capability="air.defence"),
        make_pledge(
            id="ita",
            contributor="ITA",
            personnel=1,
            capability="maritime.mcm",
            condition="contributors(air.defence) >= 1",
        ),
        make_pledge(
            id="deu",
            contributor="DEU",
            personnel=20_000,
            capability="maritime.mcm",
            condition="contributors(land.combat) >= 1",
        ),
    )

    # nobody is ever in land.combat, so DEU never comes and GBR and ITA stay at 20,001; GBR,
    # present in air.defence (counted for ITA), must not be counted in land.combat
    assert found == {"test": 0.0}


def test_a_participant_with_unconditional_and_reciprocal_pledges_there_counts_once() -> None:
    found = met(
        make_pledge(id="fra", personnel=10_000),
        make_pledge(id="fra2", personnel=10_000, condition="contributors(land.combat) >= 1"),
        make_pledge(
            id="deu",
            contributor="DEU",
            personnel=20_000,
            capability="maritime.mcm",
            condition="contributors(land.combat) >= 2",
        ),
    )

    # FRA's two pledges in land.combat make it one contributor there, not two, so DEU never
    # comes and 40,000 is never reached
    assert found == {"test": 0.0}


def test_a_participant_counts_where_any_of_its_driver_only_pledges_there_is_active() -> None:
    found = met(
        make_pledge(id="fra", personnel=10_000),
        make_pledge(id="fra2", personnel=10_000, condition="us.a"),
        make_pledge(
            id="deu",
            contributor="DEU",
            personnel=30_000,
            capability="maritime.mcm",
            condition="contributors(land.combat) >= 1",
        ),
        odds=DriverOdds({"us.a": 0.5}),
    )

    # FRA is in land.combat in every sample through its first pledge, so DEU always comes
    assert found == {"test": 1.0}
