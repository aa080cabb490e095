"""Positions: non-quantified (or ranged) stances of actors on topics, with their sources."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, NewType, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from forcegen.model.text import CleanText, RecordId, check_record_id

PositionId = NewType("PositionId", str)

# Actor codes beyond participants: `ALL` marks coalition-wide statements and estimates.
COALITION_ACTOR = "ALL"


class Stance(StrEnum):
    YES = "yes"
    NO = "no"
    CONDITIONAL = "conditional"
    CONSIDERING = "considering"
    UNKNOWN = "unknown"


class Topic(StrEnum):
    TROOP_DEPLOYMENT = "troop_deployment"
    US_BACKSTOP_REQUIRED = "us_backstop_required"
    CEASEFIRE_FIRST = "ceasefire_first"
    RUSSIA_COORDINATION = "russia_coordination"
    NATO_MEMBERSHIP = "nato_membership"
    FORCE_SIZE_ESTIMATE = "force_size_estimate"
    TRAINING = "training"
    LOGISTICS = "logistics"
    MARITIME = "maritime"
    DEMINING = "demining"
    AIR_SUPPORT = "air_support"
    AIR_DEFENCE = "air_defence"
    ISR = "isr"
    FUNDING = "funding"
    SANCTIONS = "sanctions"
    OTHER = "other"


class QuantityUnit(StrEnum):
    PERSONNEL = "personnel"
    AIRCRAFT = "aircraft"
    SHIPS = "ships"
    EUR = "EUR"


class Position(BaseModel):
    """What an actor said on a topic, when, and where it was reported.

    `actor_code` is a participant code or `ALL`; `actor` names the speaker. `quote` is the
    source's own words behind this position (at most one sentence, in the source's language):
    it sits on the position, not on the source, because one source backs several positions.
    A correction creates a new position whose `supersedes` names the old one.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Annotated[PositionId, AfterValidator(check_record_id)]
    actor_code: str = Field(min_length=2, max_length=8)
    actor: CleanText = ""
    topic: Topic
    stance: Stance
    quantity: float | None = Field(default=None, ge=0)
    quantity_low: float | None = Field(default=None, ge=0)
    quantity_high: float | None = Field(default=None, ge=0)
    quantity_unit: QuantityUnit | None = None
    conditions: CleanText = ""
    date: dt.date
    is_date_approximate: bool = False
    source_id: RecordId
    summary: CleanText = ""
    quote: CleanText = Field(default="", max_length=400)
    supersedes: RecordId | None = None

    @field_validator("quote")
    @classmethod
    def _one_sentence(cls, quote: str) -> str:
        stripped = quote.strip()
        inner = stripped.rstrip(".!?\"'”’»")
        if any(mark in inner for mark in (". ", "! ", "? ")):
            raise ValueError("a quote is at most one sentence; shorten it to the key sentence")
        return stripped

    @model_validator(mode="after")
    def _quantities_consistent(self) -> Self:
        has_quantity = any(
            q is not None for q in (self.quantity, self.quantity_low, self.quantity_high)
        )
        if has_quantity and self.quantity_unit is None:
            raise ValueError("a quantity needs quantity_unit (personnel, aircraft, ships or EUR)")
        low, high = self.quantity_low, self.quantity_high
        if low is not None and high is not None and low > high:
            raise ValueError(f"quantity_low {low:g} is above quantity_high {high:g}")
        return self
