"""The JSON API of the public-source tracker, for analysts' scripts and other tools.

The same use cases as the pages (`forcegen.service.public.record`), with an analyst's or a
coordinator's API token. `GET /api/public-data` returns the shape that
`POST /api/public-data/import` and `forcegen positions import` accept.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Query

from forcegen.model.position import Position, Stance, Topic
from forcegen.model.source import Reliability
from forcegen.service.public import record as public_record
from forcegen.service.public.record import PositionSort
from forcegen.web.accounts.analyst_auth import AnalystApi
from forcegen.web.accounts.auth import actor_of
from forcegen.web.api_router import api_router
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import CodePath, PositionIdPath
from forcegen.web.schemas.public import (
    CitedPledgeRead,
    CitedPositionRead,
    CountryRead,
    ImportReportRead,
    MatrixCellRead,
    MatrixRead,
    PositionCorrection,
    PositionCreate,
    PublicDataBody,
    TimelineLaneRead,
)

router = api_router("/api", "public sources")


@router.get("/positions")
def list_positions(
    services: ServicesDep,
    _: AnalystApi,
    topic: Topic | None = None,
    country: str | None = None,
    stance: Stance | None = None,
    reliability: Reliability | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    q: Annotated[str, Query(max_length=200)] = "",
    sort: PositionSort = PositionSort.DATE,
    is_descending: bool = False,
    is_history_included: bool = False,
) -> list[CitedPositionRead]:
    """Positions with their sources, filtered and sorted like the positions table."""
    found = public_record.list_positions(
        uow=services.uow(),
        topic=topic,
        actor_code=country,
        stance=stance,
        reliability=reliability,
        date_from=date_from,
        date_to=date_to,
        text=q,
        sort=sort,
        is_descending=is_descending,
        is_history_included=is_history_included,
    )
    return [CitedPositionRead.from_domain(item) for item in found]


@router.post("/positions", status_code=201)
def create_position(body: PositionCreate, services: ServicesDep, user: AnalystApi) -> Position:
    """Record a position with its citation."""
    values = body.model_dump()
    return public_record.record_position(uow=services.uow(), actor=actor_of(user), **values)


@router.get("/positions/{position_id}/history")
def position_history(
    position_id: PositionIdPath, services: ServicesDep, _: AnalystApi
) -> list[CitedPositionRead]:
    """Every version of a position, oldest first."""
    versions = public_record.position_history(uow=services.uow(), position_id=position_id)
    return [CitedPositionRead.from_domain(item) for item in versions]


@router.post("/positions/{position_id}/corrections", status_code=201)
def correct_position(
    position_id: PositionIdPath, body: PositionCorrection, services: ServicesDep, user: AnalystApi
) -> Position:
    """Store a corrected version; the old one stays in the history (409 if already corrected)."""
    return public_record.correct_position(
        uow=services.uow(), position_id=position_id, changes=body.changes, actor=actor_of(user)
    )


@router.get("/countries/{code}")
def country(code: CodePath, services: ServicesDep, _: AnalystApi) -> CountryRead:
    """A country's positions and reported pledges over time, with their sources."""
    record = public_record.country_record(uow=services.uow(), code=code)
    return CountryRead(
        code=record.code,
        name=record.name,
        positions=[CitedPositionRead.from_domain(item) for item in record.positions],
        pledges=[
            CitedPledgeRead(pledge=item.pledge, sources=list(item.sources), date=item.date)
            for item in record.pledges
        ],
    )


@router.get("/timeline")
def timeline(
    services: ServicesDep, _: AnalystApi, topic: Topic | None = None
) -> list[TimelineLaneRead]:
    """Positions by topic, oldest first."""
    lanes = public_record.timeline(uow=services.uow(), topic=topic)
    return [
        TimelineLaneRead(
            topic=lane.topic, positions=[CitedPositionRead.from_domain(e) for e in lane.entries]
        )
        for lane in lanes
    ]


@router.get("/matrix")
def matrix(services: ServicesDep, _: AnalystApi) -> MatrixRead:
    """The latest stance of each actor on each topic, with the sources behind it."""
    result = public_record.stance_matrix(uow=services.uow())
    cells = [
        MatrixCellRead(
            actor_code=actor,
            topic=topic,
            stance=cell.stance,
            date=cell.latest.position.date,
            latest_position_id=cell.latest.position.id,
            position_ids=list(cell.position_ids),
            source_ids=list(cell.source_ids),
        )
        for (actor, topic), cell in sorted(result.cells.items())
    ]
    return MatrixRead(actors=list(result.actors), topics=list(result.topics), cells=cells)


@router.get("/public-data")
def export_public_data(services: ServicesDep, _: AnalystApi) -> PublicDataBody:
    """Every source, position (with history) and reported pledge."""
    data = public_record.export_public_data(uow=services.uow())
    return PublicDataBody(sources=data.sources, positions=data.positions, pledges=data.pledges)


@router.post("/public-data/import")
def import_public_data(
    body: PublicDataBody, services: ServicesDep, user: AnalystApi, dry_run: bool = False
) -> ImportReportRead:
    """Check everything, then import what is new or changed (nothing with `dry_run`).

    A bad item gives 422 with every problem in `problems` (`positions[3].source_id`: ...).
    """
    report = public_record.import_public_data(
        uow=services.uow(),
        catalog=services.catalog,
        sources=body.sources,
        positions=body.positions,
        pledges=body.pledges,
        actor=actor_of(user),
        dry_run=dry_run,
    )
    return ImportReportRead.from_domain(report)
