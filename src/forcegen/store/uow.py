"""The SQL unit of work: one session, one transaction, every repository bound to it."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from forcegen.service.ports import Clock
from forcegen.store.api_token_repository import SqlApiTokenRepository
from forcegen.store.audit import SqlAuditLog
from forcegen.store.data_version import SqlDataVersionRepository
from forcegen.store.position_repository import SqlPositionRepository
from forcegen.store.public_repository import SqlPledgeRepository, SqlSourceRepository
from forcegen.store.response_repository import SqlResponseRepository
from forcegen.store.round_repository import (
    SqlEndorsementRepository,
    SqlInvitationRepository,
    SqlRoundRepository,
)
from forcegen.store.user_repository import SqlUserRepository


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for units of work; values stay readable after commit (no expiry)."""
    return sessionmaker(engine, expire_on_commit=False)


class SqlUnitOfWork:
    """The UnitOfWork port over SQLAlchemy sessions.

    Each `with` block opens a new session; leaving it rolls back whatever was not
    committed and closes the session. One instance can serve several blocks in turn,
    but not nested ones. A block opened by `reading()` uses `reading_session_factory`
    (a read-only transaction that takes no write lock), when one is given.
    To add a repository, add one line to `__enter__`.
    """

    def __init__(
        self,
        session_factory: Callable[[], Session],
        clock: Clock,
        *,
        reading_session_factory: Callable[[], Session] | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._reading_session_factory = reading_session_factory or session_factory
        self._session: Session | None = None
        self._is_reading = False
        self.clock = clock

    def reading(self) -> Self:
        """This unit of work, for a `with` block that only reads: it never blocks a writer
        nor waits for one, and a write in it fails."""
        self._is_reading = True
        return self

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError(
                "This unit of work is already open: finish the outer `with` block before "
                "starting another, or use a separate unit of work."
            )
        factory = self._reading_session_factory if self._is_reading else self._session_factory
        self._is_reading = False
        session = self._session = factory()
        self.users = SqlUserRepository(session)
        self.audit = SqlAuditLog(session, self.clock)
        self.api_tokens = SqlApiTokenRepository(session)
        self.rounds = SqlRoundRepository(session)
        self.invitations = SqlInvitationRepository(session)
        self.responses = SqlResponseRepository(session)
        self.endorsements = SqlEndorsementRepository(session)
        self.data_versions = SqlDataVersionRepository(session)
        self.sources = SqlSourceRepository(session)
        self.positions = SqlPositionRepository(session)
        self.pledges = SqlPledgeRepository(session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session, self._session = self._active(), None
        try:
            session.rollback()
        finally:
            session.close()

    def commit(self) -> None:
        self._active().commit()

    def rollback(self) -> None:
        self._active().rollback()

    def _active(self) -> Session:
        if self._session is None:
            raise RuntimeError("Use the unit of work inside a `with` block.")
        return self._session
