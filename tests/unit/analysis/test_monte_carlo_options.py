"""Monte Carlo as reported: the seed used (0 unless given), the drivers sampled, whether
honouring was drawn, and the number of samples allowed."""

from __future__ import annotations

import pytest

from factories import make_pledge, make_requirement, make_scenario
from forcegen.analysis import monte_carlo as monte_carlo_module
from forcegen.analysis.monte_carlo import SamplingModel, monte_carlo_likelihood, sampling_model
from forcegen.analysis.odds import DriverOdds
from forcegen.model.errors import InvalidInputError

PLEDGES = [
    make_pledge(id="fra", personnel=30_000, condition="us.a"),
    make_pledge(id="deu", contributor="DEU", personnel=15_000, condition="us.b"),
]


def model() -> SamplingModel:
    """Built inside each test, so that mutation testing sees the test build it."""
    return sampling_model(
        PLEDGES,
        [make_requirement()],
        make_scenario(),
        DriverOdds({"us.a": 0.5, "us.b": 0.4}),
        ladder=None,
    )


def test_without_a_seed_the_run_uses_and_reports_seed_zero() -> None:
    default = monte_carlo_likelihood(model(), samples=2000)
    zero = monte_carlo_likelihood(model(), samples=2000, seed=0)

    assert default.seed == 0
    assert default.greatest.met == zero.greatest.met


def test_the_report_names_the_samples_the_seed_and_the_drivers_sampled() -> None:
    found = monte_carlo_likelihood(model(), samples=1000, seed=5)

    assert (found.samples, found.seed) == (1000, 5)
    assert set(found.drivers) == {"us.a", "us.b"}
    assert not found.is_honouring  # no honouring ladder: every pledge is honoured


def test_from_one_sample_to_the_most_allowed() -> None:
    assert monte_carlo_likelihood(model(), samples=1).samples == 1

    with pytest.raises(InvalidInputError) as raised:
        monte_carlo_likelihood(model(), samples=0)

    assert raised.value.message == (
        "0 samples: use from 1 to 1,000,000,000 (the standard error falls with the square "
        "root of the number of samples)."
    )


def test_the_most_samples_allowed_are_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(monte_carlo_module, "MOST_SAMPLES", 500)

    assert monte_carlo_likelihood(model(), samples=500).samples == 500
    with pytest.raises(InvalidInputError, match="501 samples: use from 1 to 500 "):
        monte_carlo_likelihood(model(), samples=501)
