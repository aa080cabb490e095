"""The statements of the responses' save and read paths, built once per process.

Each is built with bound parameters, so SQLAlchemy compiles it once and every save or read
only binds values: on a deadline day a save runs thousands of times a minute, and building
the same UPDATE, INSERT or joined SELECT again each time cost more than running it.
"""

from __future__ import annotations

import functools
from typing import cast

from sqlalchemy import Integer, Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased
from sqlalchemy.sql.dml import ReturningInsert, ReturningUpdate

from forcegen.store.rows_rounds import ResponseRow, ResponseVersionRow

_RESPONSES = cast(Table, ResponseRow.__table__)
_VERSIONS = cast(Table, ResponseVersionRow.__table__)


@functools.cache
def move_pointer(is_submitted: bool, is_withdrawn: bool) -> ReturningUpdate[str]:
    """UPDATE the pointer of `:response_id` from `:number - 1` to `:number`, RETURNING
    round_id (no row: the response is not at the version this one follows). Built once per
    kind of version, with bound parameters, so SQLAlchemy compiles it once."""
    number = bindparam("number", type_=Integer)
    table = _RESPONSES
    return (
        update(table)
        .where(table.c.id == bindparam("response_id"), table.c.version_count == number - 1)
        .values(
            version_count=number,
            submitted_count=table.c.submitted_count + (1 if is_submitted else 0),
            last_submitted_number=number if is_submitted else table.c.last_submitted_number,
            last_withdrawn_number=number if is_withdrawn else table.c.last_withdrawn_number,
        )
        .returning(table.c.round_id)
    )


_LATEST = aliased(ResponseVersionRow, name="latest")
_SUBMITTED = aliased(ResponseVersionRow, name="submitted")
_HEADS = (
    select(ResponseRow, _LATEST, _SUBMITTED)
    .outerjoin(
        _LATEST,
        (_LATEST.response_id == ResponseRow.id) & (_LATEST.number == ResponseRow.version_count),
    )
    .outerjoin(
        _SUBMITTED,
        (_SUBMITTED.response_id == ResponseRow.id)
        & (_SUBMITTED.number == ResponseRow.last_submitted_number),
    )
)
"""Pointer rows with the latest version and the newest submission (each through the unique
(response_id, number) index), whatever the length of the history."""
HEAD = _HEADS.where(
    ResponseRow.round_id == bindparam("round_id"),
    ResponseRow.participant_code == bindparam("code"),
)
ROUND_HEADS = _HEADS.where(ResponseRow.round_id == bindparam("round_id")).order_by(
    ResponseRow.participant_code
)


SUBMITTED_KEYS = (
    select(
        *ResponseRow.__table__.columns,
        _SUBMITTED.id.label("submitted_id"),
        _SUBMITTED.saved_at.label("submitted_at"),
    )
    .join(
        _SUBMITTED,
        (_SUBMITTED.response_id == ResponseRow.id)
        & (_SUBMITTED.number == ResponseRow.last_submitted_number),
    )
    .where(ResponseRow.round_id == bindparam("round_id"))
    .order_by(ResponseRow.participant_code)
)
"""Pointer rows with the key of their newest submission (its row, not its answers), as plain
rows: read after every submission, for some 200 responses, where ORM objects cost more than
the query."""
VERSIONS_BY_ID = select(ResponseVersionRow).where(
    ResponseVersionRow.id.in_(bindparam("ids", expanding=True))
)


@functools.cache
def insert_version(dialect: str) -> ReturningInsert[int]:
    """INSERT a version (its values as parameters) unless its number is taken, RETURNING its
    id (no row: taken)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = _VERSIONS
    return (
        insert(table)
        .on_conflict_do_nothing(index_elements=[table.c.response_id, table.c.number])
        .returning(table.c.id)
    )
