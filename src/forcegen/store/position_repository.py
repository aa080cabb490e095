"""The SQL repository of positions and their correction history (the `positions` table).

A position is never edited: a correction is a new row, and the old one is marked
`superseded_by` with a compare-and-set, so two concurrent corrections cannot both claim it.
Every write raises the public record's data version (see data_version.py).
"""

from __future__ import annotations

import builtins
import datetime as dt

from sqlalchemy import ColumnElement, Select, and_, or_, select, update

from forcegen.model.errors import ConflictError, NotFoundError
from forcegen.model.position import Position, PositionId
from forcegen.service.public.ports import PositionQuery, PositionRecord
from forcegen.store.data_version import PUBLIC_SCOPE, bump
from forcegen.store.mapping import copy_fields, from_row
from forcegen.store.repository import SqlRepository
from forcegen.store.rows_public import PositionRow, SourceRow


class SqlPositionRepository(SqlRepository):
    """Positions and their correction history in the `positions` table."""

    def add(self, position: Position, *, recorded_at: dt.datetime, recorded_by: str) -> None:
        row = _position_to_row(position)
        row.recorded_at = recorded_at
        row.recorded_by = recorded_by
        self._session.add(row)
        self._session.flush()
        bump(self._session, PUBLIC_SCOPE)

    def mark_superseded(self, position_id: str, *, by: PositionId) -> None:
        if self._session.get(PositionRow, position_id) is None:
            raise NotFoundError(f"No position {position_id!r}: check the id and try again.")
        # Compare-and-set, so that two concurrent corrections cannot both claim the old row.
        result = self._session.execute(
            update(PositionRow)
            .where(PositionRow.id == position_id, PositionRow.superseded_by.is_(None))
            .values(superseded_by=by)
            .execution_options(synchronize_session="fetch")
        )
        if getattr(result, "rowcount", 0) != 1:
            raise ConflictError(
                f"Position {position_id!r} has already been corrected by someone else: "
                "reload it and correct the latest version."
            )

    def get(self, position_id: str) -> PositionRecord | None:
        row = self._session.get(PositionRow, position_id)
        return None if row is None else _position_record(row)

    def search(self, query: PositionQuery) -> builtins.list[PositionRecord]:
        statement = _position_select(query).order_by(PositionRow.date, PositionRow.id)
        return [_position_record(row) for row in self._session.scalars(statement)]


def _position_to_row(position: Position) -> PositionRow:
    row = PositionRow(superseded_by=None)
    copy_fields(position, row, skip=())
    return row


def _position_record(row: PositionRow) -> PositionRecord:
    return PositionRecord(
        position=from_row(Position, row),
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
        superseded_by=None if row.superseded_by is None else PositionId(row.superseded_by),
    )


def _position_select(query: PositionQuery) -> Select[PositionRow]:
    conditions: builtins.list[ColumnElement[bool]] = []
    if not query.is_history_included:
        conditions.append(PositionRow.superseded_by.is_(None))
    if query.topics:
        conditions.append(PositionRow.topic.in_([topic.value for topic in query.topics]))
    if query.actor_codes:
        conditions.append(PositionRow.actor_code.in_(builtins.list(query.actor_codes)))
    if query.stances:
        conditions.append(PositionRow.stance.in_([stance.value for stance in query.stances]))
    if query.source_ids:
        conditions.append(PositionRow.source_id.in_(builtins.list(query.source_ids)))
    if query.date_from is not None:
        conditions.append(PositionRow.date >= query.date_from)
    if query.date_to is not None:
        conditions.append(PositionRow.date <= query.date_to)
    if query.text.strip():
        conditions.append(_text_matches(query.text.strip()))
    statement = select(PositionRow)
    if query.reliabilities:
        grades = [grade.value for grade in query.reliabilities]
        statement = statement.join(SourceRow, SourceRow.id == PositionRow.source_id)
        conditions.append(SourceRow.reliability.in_(grades))
    return statement.where(and_(*conditions)) if conditions else statement


def _text_matches(text: str) -> ColumnElement[bool]:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    columns = (PositionRow.actor, PositionRow.actor_code, PositionRow.summary)
    return or_(
        *(column.ilike(pattern, escape="\\") for column in columns),
        PositionRow.conditions.ilike(pattern, escape="\\"),
    )
