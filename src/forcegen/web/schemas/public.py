"""API bodies for the public-source tracker: positions with citations, imports, views."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from forcegen.model.pledge import Pledge
from forcegen.model.position import Position, QuantityUnit, Stance, Topic
from forcegen.model.source import Reliability, Source
from forcegen.service.public.record import CitedPosition, ImportReport, RowChange


class CitedPositionRead(BaseModel):
    """A position with its source and bookkeeping."""

    position: Position
    source: Source
    recorded_at: dt.datetime
    recorded_by: str
    superseded_by: str | None = None

    @classmethod
    def from_domain(cls, item: CitedPosition) -> CitedPositionRead:
        record = item.record
        return cls(
            position=record.position,
            source=item.source,
            recorded_at=record.recorded_at,
            recorded_by=record.recorded_by,
            superseded_by=record.superseded_by,
        )


class PositionCreate(BaseModel):
    """A new position, citing a stored source (`source_id`) or a new citation."""

    model_config = ConfigDict(extra="forbid")

    actor_code: str = Field(max_length=8)
    speaker: str = Field(default="", max_length=300)
    topic: Topic
    stance: Stance
    date: dt.date
    is_date_approximate: bool = False
    summary: str = Field(default="", max_length=4000)
    conditions: str = Field(default="", max_length=2000)
    quote: str = Field(default="", max_length=400)
    quantity: float | None = None
    quantity_low: float | None = None
    quantity_high: float | None = None
    quantity_unit: QuantityUnit | None = None
    source_id: str | None = Field(default=None, max_length=64)
    locator: str = Field(default="", max_length=2000)
    outlet: str = Field(default="", max_length=300)
    published: dt.date | None = None
    reliability: Reliability = Reliability.PRESS


class PositionCorrection(BaseModel):
    """Fields to change (position fields, or citation fields for a new citation)."""

    model_config = ConfigDict(extra="forbid")

    changes: dict[str, JsonValue]


class PublicDataBody(BaseModel):
    """The whole record, or a part of it to import."""

    model_config = ConfigDict(extra="forbid")

    sources: list[Source] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    pledges: list[Pledge] = Field(default_factory=list)


class TableReportRead(BaseModel):
    new: list[str]
    changed: list[RowChange]
    unchanged: list[str]


class ImportReportRead(BaseModel):
    """What an import changed, or would change (`is_dry_run`)."""

    is_dry_run: bool
    has_changes: bool
    tables: dict[str, TableReportRead]

    @classmethod
    def from_domain(cls, report: ImportReport) -> ImportReportRead:
        tables = {
            name: TableReportRead(
                new=list(table.new), changed=list(table.changed), unchanged=list(table.unchanged)
            )
            for name, table in report.tables()
        }
        return cls(is_dry_run=report.is_dry_run, has_changes=report.has_changes, tables=tables)


class CitedPledgeRead(BaseModel):
    pledge: Pledge
    sources: list[Source]
    date: dt.date | None


class CountryRead(BaseModel):
    code: str
    name: str
    positions: list[CitedPositionRead]
    pledges: list[CitedPledgeRead]


class TimelineLaneRead(BaseModel):
    topic: Topic
    positions: list[CitedPositionRead]


class MatrixCellRead(BaseModel):
    actor_code: str
    topic: Topic
    stance: Stance
    date: dt.date
    latest_position_id: str
    position_ids: list[str]
    source_ids: list[str]


class MatrixRead(BaseModel):
    actors: list[str]
    topics: list[Topic]
    cells: list[MatrixCellRead]
