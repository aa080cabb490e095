"""Monte Carlo chunk by chunk: how a run is cut into chunks, each chunk drawing from its own
stream, both fixpoints tallied, `contributors(...)` counted per capability, and coalitions
assessed only without chance."""

from __future__ import annotations

import numpy as np
import pytest

from factories import make_line, make_pledge, make_requirement, make_scenario
from forcegen.analysis._sampling.chunk import (
    CHUNK_SAMPLES,
    chunk_sizes,
    coalitions_met,
    sample_chunk,
)
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.monte_carlo import SamplingModel, monte_carlo_likelihood, sampling_model
from forcegen.analysis.odds import DriverOdds
from forcegen.analysis.quantity import TOTAL_PERSONNEL, MetCriterion
from forcegen.model.amount import Bound
from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Pledge


def model_of(*pledges: Pledge, odds: DriverOdds | None = None) -> SamplingModel:
    return sampling_model(
        list(pledges),
        [make_requirement()],
        make_scenario(),
        odds or DriverOdds({"us.a": 0.5}),
        ladder=None,
    )


def test_a_run_is_cut_into_full_chunks_and_the_rest() -> None:
    assert chunk_sizes(CHUNK_SAMPLES) == [CHUNK_SAMPLES]
    assert chunk_sizes(2 * CHUNK_SAMPLES + 5) == [CHUNK_SAMPLES, CHUNK_SAMPLES, 5]
    assert chunk_sizes(5) == [5]


def test_each_chunk_of_a_run_draws_from_its_own_stream() -> None:
    model = model_of(make_pledge(id="fra", personnel=40_000, condition="us.a"))

    first, second = (sample_chunk(model, 3, 2 * CHUNK_SAMPLES, i) for i in range(2))

    assert first.weight == second.weight == CHUNK_SAMPLES
    assert first.met != second.met  # the same stream would draw the same samples


def test_pledges_waiting_for_each_other_count_only_at_the_greatest_fixpoint() -> None:
    model = model_of(
        make_pledge(id="fra", personnel=20_000, condition="us.a and troops(GBR) >= 1"),
        make_pledge(id="gbr", contributor="GBR", personnel=20_000, condition="troops(FRA) >= 1"),
    )

    found = monte_carlo_likelihood(model, samples=4000, seed=1)

    assert found.least.met == {"test": 0.0}
    assert found.greatest.met["test"] == pytest.approx(0.5, abs=0.05)
    assert found.least.force.mass.tolist() == [1.0]
    assert found.greatest.force.at_least(40_000) == pytest.approx(0.5, abs=0.05)


def test_coalitions_are_assessed_only_without_chance() -> None:
    uncertain = model_of(make_pledge(id="fra", personnel=40_000, condition="us.a"))
    certain = model_of(make_pledge(id="fra", personnel=40_000), odds=DriverOdds({}))
    coalitions = np.array([[False], [True]])
    tests = ((TOTAL_PERSONNEL, 40_000),)

    with pytest.raises(InvalidInputError) as raised:
        coalitions_met(uncertain, ("FRA",), coalitions, Fixpoint.GREATEST, tests)

    assert raised.value.message == (
        "Coalitions are assessed without chance: fix every driver and every amount."
    )
    assert coalitions_met(certain, ("FRA",), coalitions, Fixpoint.GREATEST, tests).tolist() == [
        False,
        True,
    ]


def test_contributors_counts_only_those_present_in_the_capability_named() -> None:
    land = "contributors(land.combat) >= 2"
    model = model_of(
        make_pledge(id="fra", personnel=10_000, condition="us.a"),
        make_pledge(id="gbr", contributor="GBR", personnel=10_000, capability="air.defence"),
        make_pledge(
            id="ita",
            contributor="ITA",
            personnel=1,
            capability="maritime.mcm",
            condition="contributors(air.defence) >= 1",
        ),
        make_pledge(
            id="deu", contributor="DEU", personnel=20_000, capability="air.defence", condition=land
        ),
    )

    found = monte_carlo_likelihood(model, samples=2000, seed=2)

    # only FRA is ever in land.combat, so DEU never comes and 40,000 is never reached, however
    # many contributors other capabilities have
    assert found.greatest.met == {"test": 0.0}


def test_amounts_are_fixed_at_the_bound_given_and_drawn_in_their_range_otherwise() -> None:
    ranged = [make_pledge(id="fra", personnel="30000-50000")]

    def met(bound: Bound | None) -> float:
        model = sampling_model(
            ranged, [make_requirement()], make_scenario(), DriverOdds({}), ladder=None, bound=bound
        )
        return monte_carlo_likelihood(model, samples=2000, seed=4).greatest.met["test"]

    assert (met(Bound.LOW), met(Bound.HIGH)) == (0.0, 1.0)
    assert met(None) == pytest.approx(0.5, abs=0.05)


def test_the_criterion_decides_whether_the_lines_count() -> None:
    line = make_line(key="sky", capability="air.defence", personnel=1_000)
    requirement = make_requirement(lines=(line,))
    pledges = [make_pledge(id="fra", personnel=40_000, condition="us.a")]

    def met(criterion: MetCriterion) -> float:
        model = sampling_model(
            pledges,
            [requirement],
            make_scenario(),
            DriverOdds({"us.a": 0.5}),
            ladder=None,
            criterion=criterion,
        )
        return monte_carlo_likelihood(model, samples=2000, seed=4).greatest.met["test"]

    assert met(MetCriterion.ALL_LINES) == 0.0  # nobody offers air defence
    assert met(MetCriterion.TOTAL_ONLY) == pytest.approx(0.5, abs=0.05)


def test_a_coalition_counts_only_the_pledges_of_its_members() -> None:
    model = model_of(
        make_pledge(id="fra", personnel=20_000),
        make_pledge(id="gbr", contributor="GBR", personnel=20_000),
        odds=DriverOdds({}),
    )
    coalitions = np.array([[False], [True]])
    tests = ((TOTAL_PERSONNEL, 20_000),)

    # GBR is in no coalition here: its pledge counts in none
    assert coalitions_met(model, ("FRA",), coalitions, Fixpoint.GREATEST, tests).tolist() == [
        False,
        True,
    ]
