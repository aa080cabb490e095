"""Scenarios: values (or probabilities) for the drivers."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forcegen.model.odds import JointScenario, Probability


class DriverSetting(BaseModel):
    """Why a scenario sets a driver as it does: the public record's source ids (and position
    ids) behind the value, and a note; a setting for a driver the scenario leaves out of
    `drivers` says why it is left unset (an unset driver does not hold in the arithmetic)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sources: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    note: str = ""


class Scenario(BaseModel):
    """A named setting of the drivers; drivers not named are false.

    `probabilities` makes a driver uncertain (independent of the others), `joint` makes groups
    of drivers uncertain together (see `odds`); a driver is in at most one of them. Where a
    driver has a probability, its value in `drivers` is what a single-scenario assessment
    assumes.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str = ""
    drivers: dict[str, bool] = Field(default_factory=dict)
    probabilities: dict[str, Probability] = Field(default_factory=dict)
    joint: tuple[JointScenario, ...] = ()
    source: str = ""
    settings: dict[str, DriverSetting] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _each_driver_uncertain_once(self) -> Self:
        seen = dict.fromkeys(self.probabilities, "probabilities")
        for group in self.joint:
            for name in group.drivers:
                if name in seen:
                    raise ValueError(
                        f"{name!r} is uncertain twice (in {seen[name]} and in joint scenario "
                        f"{group.key!r}); give it one probability"
                    )
                seen[name] = f"joint scenario {group.key!r}"
        return self

    def with_overrides(self, overrides: dict[str, bool]) -> Scenario:
        """Return this scenario with some drivers set, e.g. from dashboard toggles."""
        return self.model_copy(update={"drivers": {**self.drivers, **overrides}})

    @property
    def unset(self) -> tuple[str, ...]:
        """Drivers the scenario explains but leaves unset (undecided in its sources)."""
        return tuple(sorted(d for d in self.settings if d not in self.drivers))

    def value(self, driver: str) -> bool:
        return self.drivers.get(driver, False)
