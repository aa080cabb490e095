"""Scenarios: values (or probabilities) for the drivers."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Scenario(BaseModel):
    """A named setting of the drivers; drivers not named are false."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str = ""
    drivers: dict[str, bool] = Field(default_factory=dict)
    probabilities: dict[str, float] = Field(default_factory=dict)
    source: str = ""

    def with_overrides(self, overrides: dict[str, bool]) -> Scenario:
        """Return this scenario with some drivers set, e.g. from dashboard toggles."""
        return self.model_copy(update={"drivers": {**self.drivers, **overrides}})

    def value(self, driver: str) -> bool:
        return self.drivers.get(driver, False)
