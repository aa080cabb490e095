"""The probability part of an assessment as scripts read it (`forcegen assess --format json`,
docs/assessment-json.md): every key, for an exact and for a sampled report."""

from __future__ import annotations

import math

import numpy as np

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.likelihood import Method, Tally, likelihood_of
from forcegen.analysis.power import PowerIndices
from forcegen.analysis.probability_report import ProbabilityReport
from forcegen.model.odds import JointScenario

LEAST, GREATEST = Fixpoint.LEAST, Fixpoint.GREATEST
SETTLEMENT = JointScenario.model_validate(
    {
        "key": "settlement",
        "outcomes": [
            {"drivers": {"ceasefire": True}, "probability": 0.4},
            {"drivers": {"ceasefire": False}, "probability": 0.6},
        ],
    }
)
# P(met) 0.25 at the least fixpoint, 0.5 at the greatest; the force is 0 or 2 personnel
TALLY = Tally(
    weight=1.0,
    met={(LEAST, "kyiv"): 0.25, (GREATEST, "kyiv"): 0.5},
    lines={(LEAST, "kyiv", "contact"): 0.5, (GREATEST, "kyiv", "contact"): 0.75},
    histogram={LEAST: np.array([0.75, 0.0, 0.25]), GREATEST: np.array([0.5, 0.0, 0.5])},
)
PROFILES = {"kyiv": ("contact",)}
FORCE = {
    "least": {
        "mean": 0.5,
        "quantiles": {"0.05": 0, "0.25": 0, "0.5": 0, "0.75": 0, "0.95": 2},
        "at_least": [[0, 1.0], [2, 0.25]],
    },
    "greatest": {
        "mean": 1.0,
        "quantiles": {"0.05": 0, "0.25": 0, "0.5": 0, "0.75": 2, "0.95": 2},
        "at_least": [[0, 1.0], [2, 0.5]],
    },
}


def test_an_exact_report_has_no_errors_no_samples_and_exact_pivotal_values() -> None:
    likelihood = likelihood_of(TALLY, method=Method.EXACT, drivers=("us.isr",), profiles=PROFILES)
    pivotal = PowerIndices(("FRA", "GBR"), shapley=(0.75, 0.25), banzhaf=(0.6, 0.4))
    report = ProbabilityReport(
        likelihood, GREATEST, "kyiv", {"us.isr": 0.5}, (SETTLEMENT,), pivotal
    )

    assert report.method is Method.EXACT
    assert report.met == {"kyiv": 0.5}
    assert report.force.mean == 1.0
    assert report.standard_errors() is None
    assert report.as_json() == {
        "method": "exact",
        "met": {"kyiv": 0.5},
        "standard_error": None,
        "pivotal": {
            "FRA": {"shapley": 0.75, "banzhaf": 0.6},
            "GBR": {"shapley": 0.25, "banzhaf": 0.4},
        },
        "fixpoint": "greatest",
        "requirement": "kyiv",
        "met_by_fixpoint": {"least": {"kyiv": 0.25}, "greatest": {"kyiv": 0.5}},
        "lines": {"kyiv": {"contact": 0.75}},
        "force": FORCE,
        "drivers": {"us.isr": 0.5},
        "joint": ["settlement"],
        "honouring": "off",
        "samples": None,
        "seed": None,
        "pivotal_method": "exact",
        "pivotal_line": None,
        "pivotal_interval": None,
    }


def test_a_sampled_report_gives_standard_errors_its_seed_and_the_pivotal_intervals() -> None:
    likelihood = likelihood_of(
        TALLY,
        method=Method.MONTE_CARLO,
        drivers=("us.isr",),
        profiles=PROFILES,
        samples=100,
        seed=7,
        is_honouring=True,
    )
    pivotal = PowerIndices(
        ("FRA", "GBR"),
        shapley=(0.75, 0.25),
        banzhaf=(0.6, 0.4),
        samples=1000,
        shapley_error=(0.03, 0.02),
        banzhaf_error=(0.05, 0.04),
    )
    report = ProbabilityReport(
        likelihood, LEAST, "kyiv", {"us.isr": 0.5}, (), pivotal, pivotal_line="contact"
    )

    found = report.as_json()

    error = math.sqrt(0.25 * 0.75 / 100)
    assert report.standard_errors() == {"kyiv": error}
    assert found["method"] == "monte_carlo"
    assert found["met"] == {"kyiv": 0.25}
    assert found["standard_error"] == {"kyiv": error}
    assert found["fixpoint"] == "least"
    assert found["lines"] == {"kyiv": {"contact": 0.5}}
    assert found["force"] == FORCE
    assert found["joint"] == []
    assert found["honouring"] == "ladder"
    assert (found["samples"], found["seed"]) == (100, 7)
    assert found["pivotal_method"] == "sampled"
    assert found["pivotal_line"] == "contact"
    assert found["pivotal_interval"] == {
        "FRA": {"shapley": 0.03, "banzhaf": 0.05},
        "GBR": {"shapley": 0.02, "banzhaf": 0.04},
    }
