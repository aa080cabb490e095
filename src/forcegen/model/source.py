"""Sources: where a fact comes from, so that every figure can be traced."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, NewType

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from forcegen.model.text import CleanText, check_record_id

SourceId = NewType("SourceId", str)


class Reliability(StrEnum):
    """How much a source is worth, from most to least reliable."""

    OFFICIAL = "official"  # a government's own statement, document or answer in a round
    WIRE = "wire"  # wire services and major outlets with their own reporting
    PRESS = "press"  # other press reporting or relaying
    AGGREGATOR = "aggregator"  # aggregators, mirrors and copies of other outlets
    STATE_CONTROLLED = "state_controlled"  # outlets controlled by a party to the conflict


class SourceKind(StrEnum):
    CITATION = "citation"  # a public document or article
    RESPONSE_VERSION = "response_version"  # one saved version of an answer in a round
    DATASET = "dataset"  # a statistical dataset (IMF, World Bank, SIPRI, ...)


class Source(BaseModel):
    """A citation or a pointer to a response version.

    A source carries no quote: one source backs several positions, and a quote belongs to
    the position it supports (`Position.quote`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Annotated[SourceId, AfterValidator(check_record_id)]
    kind: SourceKind = SourceKind.CITATION
    locator: CleanText = Field(
        min_length=1, description="URL, document name, or response version id"
    )
    outlet: CleanText = ""
    published: dt.date | None = None
    reliability: Reliability = Reliability.PRESS
