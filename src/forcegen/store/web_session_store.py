"""Browser sessions in SQL: the SessionStore port over the `web_sessions` table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, Row, bindparam, delete, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from forcegen.model.web_session import IDLE_TIMEOUT, PURGE_BATCH, WebSession
from forcegen.store.mapping import from_row
from forcegen.store.rows_core import WebSessionRow

_BY_ID = select(WebSessionRow.__table__).where(WebSessionRow.id_hash == bindparam("id_hash"))


class SqlSessionStore:
    """Each call is one short transaction of its own. Looking a session up (every request)
    goes through `reader`, a read-only engine when given: on SQLite it then runs beside the
    writer instead of taking the write lock (see store/engine.py). On PostgreSQL the lookup,
    a single SELECT, runs in autocommit: no BEGIN and ROLLBACK round trips around it."""

    def __init__(self, engine: Engine, *, reader: Engine | None = None) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        lookup = reader or engine
        if lookup.dialect.name == "postgresql":
            lookup = lookup.execution_options(isolation_level="AUTOCOMMIT")
        self._lookup = lookup

    def add(self, session: WebSession) -> None:
        with self._sessions.begin() as db:
            db.add(
                WebSessionRow(
                    id_hash=session.id_hash,
                    csrf=session.csrf,
                    user_id=session.user_id,
                    password_stamp=session.password_stamp,
                    invitation_token_hash=session.invitation_token_hash,
                    created_at=session.created_at,
                    last_seen_at=session.last_seen_at,
                    expires_at=session.expires_at,
                )
            )

    def get(self, id_hash: str) -> WebSession | None:
        with self._lookup.connect() as connection:  # Core, not the ORM: every request asks
            row = connection.execute(_BY_ID, {"id_hash": id_hash}).first()
        return _to_domain(row) if row is not None else None

    def touch(self, id_hash: str, at: dt.datetime) -> None:
        with self._sessions.begin() as db:
            db.execute(
                update(WebSessionRow)
                .where(WebSessionRow.id_hash == id_hash)
                .values(last_seen_at=at)
            )

    def delete(self, id_hash: str) -> None:
        with self._sessions.begin() as db:
            db.execute(delete(WebSessionRow).where(WebSessionRow.id_hash == id_hash))

    def purge(self, now: dt.datetime) -> int:
        with self._sessions.begin() as db:
            return _delete_expired(db, now)


def _delete_expired(db: Session, now: dt.datetime) -> int:
    """Delete at most PURGE_BATCH ended sessions (past their end, or idle too long), so a
    purge on the way of a request costs little however many have piled up."""
    ended = or_(WebSessionRow.expires_at <= now, WebSessionRow.last_seen_at <= now - IDLE_TIMEOUT)
    ids = list(db.scalars(select(WebSessionRow.id_hash).where(ended).limit(PURGE_BATCH)))
    if ids:
        db.execute(delete(WebSessionRow).where(WebSessionRow.id_hash.in_(ids)))
    return len(ids)


def _to_domain(row: Row[Any]) -> WebSession:
    return from_row(WebSession, row, user_id=row.user_id or None)
