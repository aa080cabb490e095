"""Chunks run on a Dask LocalCluster give exactly what they give in one process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from factories import make_pledge, make_requirement, make_scenario
from forcegen.analysis import exact_likelihood as exact_module
from forcegen.analysis.exact_likelihood import exact_likelihood, exact_problem
from forcegen.analysis.monte_carlo import monte_carlo_likelihood, sampling_model
from forcegen.analysis.odds import DriverOdds
from forcegen.catalog.catalog import load_catalog
from forcegen.cluster import DaskRunner
from forcegen.model.amount import Bound
from forcegen.model.errors import InvalidInputError

PLEDGES = [
    make_pledge(
        id=f"p{i}", personnel=f"{5_000 * i}-{6_000 * i}", condition=f"us.d{i} or us.d{i + 1}"
    )
    for i in range(1, 5)
] + [make_pledge(id="r", contributor="GBR", personnel=4_000, condition="troops(FRA) >= 12000")]
ODDS = DriverOdds({f"us.d{i}": 0.2 * i for i in range(1, 5)})


@pytest.fixture(scope="module")
def runner() -> Iterator[DaskRunner]:
    with DaskRunner(workers=2) as started:
        yield started


def test_monte_carlo_on_the_cluster_equals_the_run_in_one_process(runner: DaskRunner) -> None:
    model = sampling_model(
        PLEDGES, [make_requirement()], make_scenario(), ODDS, ladder=load_catalog().honouring
    )

    here = monte_carlo_likelihood(model, samples=200_000, seed=3)
    there = monte_carlo_likelihood(model, samples=200_000, seed=3, runner=runner.map)

    assert there.greatest.met == here.greatest.met
    assert there.least.met == here.least.met
    assert (there.greatest.force.mass == here.greatest.force.mass).all()


def test_an_exact_sweep_split_into_parts_runs_on_the_cluster(
    runner: DaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixed = [p.fixed(Bound.HIGH) for p in PLEDGES]  # exact sweeps count one end of a range
    monkeypatch.setattr(exact_module, "INNER_DRIVERS", 2)
    problem = exact_problem(fixed, [make_requirement()], make_scenario(), ODDS)

    here = exact_likelihood(problem)
    there = exact_likelihood(problem, runner=runner.map)

    assert problem.parts == 4
    assert there.greatest.met == here.greatest.met


def test_a_scheduler_that_cannot_be_reached_is_one_clear_error() -> None:
    with (
        pytest.raises(
            InvalidInputError, match=r"Cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1"
        ),
        DaskRunner(scheduler="tcp://127.0.0.1:1", connect_seconds=0.5),
    ):
        pass
