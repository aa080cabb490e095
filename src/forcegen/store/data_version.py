"""Data versions: a counter per scope that every write changing what an assessment reads raises,
in that write's own transaction.

    scope          raised by
    round:<id>     a submission or a withdrawal in the round, a new invitation to it
    public         any new or changed source, position or reported pledge

A cached result keyed by (scope, version, ...) is therefore stale exactly when the counter
has moved on; every server process reads the counter per request, so a result cached by one
process is never served by another after a change. A scope never written reads 0.
"""

from __future__ import annotations

import functools

from sqlalchemy import Insert, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from forcegen.store.repository import SqlRepository
from forcegen.store.rows_core import DataVersionRow

PUBLIC_SCOPE = "public"


def round_scope(round_id: str) -> str:
    return f"round:{round_id}"


def bump(session: Session, scope: str) -> None:
    """Raise the counter of `scope` by one in the session's transaction (from 0 if missing)."""
    session.execute(_bump(session.get_bind().dialect.name), {"scope": scope})


@functools.cache
def _bump(dialect: str) -> Insert:
    """The upsert that raises a counter, built once per dialect (compiled once)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(DataVersionRow).values(scope=bindparam("scope"), version=1)
    return statement.on_conflict_do_update(
        index_elements=[DataVersionRow.scope],
        set_={"version": DataVersionRow.version + 1},
    )


_CURRENT = select(DataVersionRow.version).where(DataVersionRow.scope == bindparam("scope"))


class SqlDataVersionRepository(SqlRepository):
    """The DataVersionRepository port: read the counters (the repositories raise them)."""

    def of_round(self, round_id: str) -> int:
        return self._current(round_scope(round_id))

    def of_public_record(self) -> int:
        return self._current(PUBLIC_SCOPE)

    def _current(self, scope: str) -> int:
        return self._session.scalar(_CURRENT, {"scope": scope}) or 0
