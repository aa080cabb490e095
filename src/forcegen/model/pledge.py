"""Pledges: one contribution each, with its level, condition, caveats and source."""

from __future__ import annotations

from enum import StrEnum
from typing import NewType, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

PledgeId = NewType("PledgeId", str)


class Level(StrEnum):
    """How firm a pledge is, from weakest to firmest."""

    REPORTED = "reported"  # reported in a public source
    STATED = "stated"  # answered in a questionnaire round
    OFFERED = "offered"  # formally offered
    COMMITTED = "committed"  # approved, e.g. by parliament
    ALLOCATED = "allocated"  # units named
    DEPLOYED = "deployed"

    @property
    def rank(self) -> int:
        return _LEVEL_ORDER.index(self)

    def at_least(self, floor: Level) -> bool:
        return self.rank >= floor.rank


_LEVEL_ORDER = list(Level)


class PledgeKind(StrEnum):
    TROOPS = "troops"  # personnel deployed in a capability (counts towards force totals)
    ENABLER = "enabler"  # platforms or systems (aircraft, ships, air defence batteries)
    EQUIPMENT = "equipment"  # equipment or maintenance for Ukraine's armed forces
    FUNDING = "funding"  # money, in EUR
    SANCTIONS_MEASURE = "sanctions_measure"
    RESPONSE_COMMITMENT = "response_commitment"  # what one would do if the force is attacked


class Pledge(BaseModel):
    """One contribution by one participant.

    A pledge is either `sustained` (kept up for the whole mission, rotated) or held for
    `duration_months` starting at `start_month` (0 = at deployment). `condition` is text in
    the condition language; the empty text means unconditional.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: PledgeId
    contributor: str = Field(min_length=2, max_length=8)
    kind: PledgeKind
    capability: str | None = None
    personnel: int = Field(default=0, ge=0, le=10_000_000)
    platforms: int = Field(default=0, ge=0, le=1_000_000)
    value_eur: float | None = Field(default=None, ge=0)
    quantity: int | None = Field(default=None, ge=0)  # items of equipment, for non-force pledges
    item: str = ""
    sustained: bool = True
    duration_months: int | None = Field(default=None, ge=1, le=600)
    start_month: int = Field(default=0, ge=0, le=600)
    caveats: frozenset[str] = frozenset()
    condition: str = ""
    level: Level = Level.STATED
    source_ids: tuple[str, ...] = ()
    note: str = ""

    @model_validator(mode="after")
    def _sustained_or_limited(self) -> Self:
        if self.sustained and self.duration_months is not None:
            raise ValueError("a pledge is either sustained or for duration_months, not both")
        if not self.sustained and self.duration_months is None:
            raise ValueError("a pledge that is not sustained needs duration_months")
        if self.kind in (PledgeKind.TROOPS, PledgeKind.ENABLER) and not self.capability:
            raise ValueError(f"a {self.kind} pledge needs a capability")
        return self
