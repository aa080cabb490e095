"""Requirements: what the force must be, per capability, with rotation and duration."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forcegen.model.uniqueness import check_unique


class RequirementLine(BaseModel):
    """A minimum for one capability; contributions with an excluded caveat cannot fill it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(min_length=1)
    label: str = Field(min_length=1)
    capability: str = Field(min_length=1)
    personnel: int = Field(default=0, ge=0)
    platforms: int = Field(default=0, ge=0)
    excluded_caveats: frozenset[str] = frozenset()
    is_planning_assumption: bool = True


class Requirement(BaseModel):
    """A force requirement profile: total personnel deployed, lines, rotation and duration.

    `rotation_ratio` r means r soldiers are needed in the pool for each one deployed
    (one deployed, one preparing, one recovering for r = 3); `tour_months` is how long one
    contingent stays deployed, so a pledge held longer than a tour needs a pool as well.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(min_length=1)
    name: str = Field(min_length=1)
    total_personnel: int = Field(ge=0)
    lines: tuple[RequirementLine, ...] = ()
    rotation_ratio: float = Field(default=3.0, ge=1.0, le=10.0)
    tour_months: int = Field(default=6, ge=1, le=60)
    duration_months: int = Field(default=24, ge=1, le=600)
    source: str = Field(min_length=1)
    source_ids: tuple[str, ...] = ()
    note: str = ""

    @model_validator(mode="after")
    def _unique_lines(self) -> Self:
        check_unique((line.key for line in self.lines), "requirement line keys")
        return self
