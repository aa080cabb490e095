"""Odds: drivers that move together, and how likely a pledge at each level is to be honoured.

A scenario gives each uncertain driver a probability, independent of the others by default.
Drivers that move together (a ceasefire and a peace agreement, say) are given instead as a
joint scenario: every outcome the group can take, with its probability.

    key: settlement
    outcomes:
      - drivers: {ceasefire: true, peace_agreement: true}
        probability: 0.3
      - drivers: {ceasefire: true, peace_agreement: false}
        probability: 0.2
      - drivers: {ceasefire: false, peace_agreement: false}
        probability: 0.5

Outcomes not listed have probability zero; the listed ones add up to one.

The honouring ladder says how likely a pledge at each level (`reported` .. `deployed`) is to
be delivered as pledged. Nobody has measured this for coalition pledges: the packaged ladder
is a planning assumption, with its reasoning, for users to edit.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forcegen.model.pledge import Level

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
TOLERANCE = 1e-9


class JointOutcome(BaseModel):
    """One outcome of a group of drivers that move together, and its probability."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    drivers: dict[str, bool] = Field(min_length=1)
    probability: Probability


class JointScenario(BaseModel):
    """Drivers that move together: each listed outcome with its probability (adding up to 1)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(min_length=1)
    name: str = ""
    description: str = ""
    outcomes: tuple[JointOutcome, ...] = Field(min_length=1)
    source: str = ""

    @property
    def drivers(self) -> tuple[str, ...]:
        """The drivers of the group, sorted."""
        return tuple(sorted(self.outcomes[0].drivers))

    @model_validator(mode="after")
    def _complete(self) -> Self:
        names = set(self.outcomes[0].drivers)
        for outcome in self.outcomes:
            if set(outcome.drivers) != names:
                raise ValueError(
                    f"every outcome of {self.key!r} must set the same drivers "
                    f"({', '.join(sorted(names))}); one sets {', '.join(sorted(outcome.drivers))}"
                )
        seen = [tuple(sorted(o.drivers.items())) for o in self.outcomes]
        if len(set(seen)) != len(seen):
            raise ValueError(f"an outcome of {self.key!r} is listed twice; list each once")
        total = sum(o.probability for o in self.outcomes)
        if abs(total - 1.0) > TOLERANCE:
            raise ValueError(
                f"the outcomes of {self.key!r} add up to {total:g}; their probabilities "
                "must add up to 1"
            )
        return self


class Rung(BaseModel):
    """One level of the honouring ladder, with the reasoning behind its probability."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: Level
    probability: Probability
    reasoning: str = Field(min_length=1)


class HonouringLadder(BaseModel):
    """How likely a pledge at each level is to be honoured (a planning assumption)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rungs: tuple[Rung, ...]
    note: str = Field(min_length=1)

    @model_validator(mode="after")
    def _every_level_once_and_rising(self) -> Self:
        levels = [rung.level for rung in self.rungs]
        if sorted(levels, key=lambda level: level.rank) != list(Level):
            raise ValueError(
                f"the ladder must list every level once, from weakest to firmest: "
                f"{', '.join(Level)}"
            )
        for lower, higher in zip(self.rungs, self.rungs[1:], strict=False):
            if higher.probability < lower.probability:
                raise ValueError(
                    f"{higher.level} ({higher.probability:g}) is firmer than {lower.level} "
                    f"({lower.probability:g}) but less likely to be honoured; a firmer level "
                    "cannot be less likely"
                )
        return self

    def probability(self, level: Level) -> float:
        """The probability that a pledge at `level` is honoured."""
        return next(rung.probability for rung in self.rungs if rung.level == level)
