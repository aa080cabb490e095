"""The probability part of an assessment: how likely each profile is met, and who matters.

It bundles the likelihood (exact or Monte Carlo, both fixpoints) with the odds it was found
under and the pivotal contributors for the selected requirement, and gives them the shape
scripts read (`as_json`):

    {"method": "exact" | "monte_carlo",
     "met": {profile: P(met)},                      at the assessment's fixpoint
     "standard_error": {profile: se} | null,        Monte Carlo only
     "pivotal": {contributor: {"shapley": v, "banzhaf": v}},
     ...}                                           and the details (see `as_json`)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.force_distribution import ForceDistribution
from forcegen.analysis.likelihood import Likelihood, Method
from forcegen.analysis.power import PowerIndices
from forcegen.model.odds import JointScenario

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]


@dataclass(frozen=True)
class ProbabilityReport:
    """How likely the force meets each requirement profile, and the pivotal contributors."""

    likelihood: Likelihood
    fixpoint: Fixpoint  # the one the assessment reports
    requirement: str  # the selected profile: pivotal values are for it
    probabilities: Mapping[str, float]  # the uncertain independent drivers, as used
    joint: tuple[JointScenario, ...]
    pivotal: PowerIndices
    pivotal_line: str | None = None

    @property
    def method(self) -> Method:
        return self.likelihood.method

    @property
    def met(self) -> Mapping[str, float]:
        """P(met) per profile at the assessment's fixpoint."""
        return self.likelihood.at(self.fixpoint).met

    @property
    def force(self) -> ForceDistribution:
        """The distribution of the active force at the assessment's fixpoint."""
        return self.likelihood.at(self.fixpoint).force

    def standard_errors(self) -> dict[str, float] | None:
        """The standard error of each P(met) (None when exact)."""
        if self.likelihood.samples is None:
            return None
        return {k: self.likelihood.standard_error(p) for k, p in self.met.items()}

    def as_json(self) -> dict[str, JsonValue]:
        """The `probability` object of `forcegen assess --format json` (docs/assessment-json.md)."""
        likelihood = self.likelihood
        errors = self.standard_errors()
        return {
            "method": self.method.value,
            "met": _numbers(self.met),
            "standard_error": None if errors is None else _numbers(errors),
            "pivotal": {
                player: {"shapley": shapley, "banzhaf": banzhaf}
                for player, shapley, banzhaf in zip(
                    self.pivotal.players, self.pivotal.shapley, self.pivotal.banzhaf, strict=True
                )
            },
            "fixpoint": self.fixpoint.value,
            "requirement": self.requirement,
            "met_by_fixpoint": {f.value: _numbers(likelihood.at(f).met) for f in Fixpoint},
            "lines": {
                profile: _numbers(lines)
                for profile, lines in likelihood.at(self.fixpoint).lines.items()
            },
            "force": {f.value: _force(likelihood.at(f).force) for f in Fixpoint},
            "drivers": _numbers(self.probabilities),
            "joint": [group.key for group in self.joint],
            "honouring": "ladder" if likelihood.is_honouring else "off",
            "samples": likelihood.samples,
            "seed": likelihood.seed,
            "pivotal_method": "exact" if self.pivotal.is_exact else "sampled",
            "pivotal_line": self.pivotal_line,
            "pivotal_interval": None
            if self.pivotal.is_exact
            else {
                player: {"shapley": s, "banzhaf": b}
                for player, s, b in zip(
                    self.pivotal.players,
                    self.pivotal.shapley_error,
                    self.pivotal.banzhaf_error,
                    strict=True,
                )
            },
        }


def _numbers(values: Mapping[str, float]) -> dict[str, JsonValue]:
    return {key: float(value) for key, value in values.items()}


def _force(force: ForceDistribution) -> dict[str, JsonValue]:
    return {
        "mean": force.mean,
        "quantiles": {f"{q:g}": x for q, x in force.quantiles.items()},
        "at_least": [[x, p] for x, p in force.curve()],
    }
