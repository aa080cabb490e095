"""Where browser sessions live: the database by default, Redis when FORCEGEN_REDIS_URL is set.

Either way every server process reads and writes the same store, so a session opened on one
is honoured (and, once ended, refused) by all of them. Each call is its own short transaction;
sessions are not part of a use case's unit of work.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from forcegen.model.web_session import WebSession


class SessionStore(Protocol):
    """Server-side sessions by the sha256 of their cookie id."""

    def add(self, session: WebSession) -> None:
        """Store a new session."""
        ...

    def get(self, id_hash: str) -> WebSession | None:
        """Return the session, or None if it was never stored, was ended or has expired."""
        ...

    def touch(self, id_hash: str, at: dt.datetime) -> None:
        """Record activity at `at` (postpones the idle timeout)."""
        ...

    def delete(self, id_hash: str) -> None:
        """End the session at once (logout, leaving, a new login in the same browser)."""
        ...

    def purge(self, now: dt.datetime) -> int:
        """Delete up to PURGE_BATCH ended sessions (past their absolute end or idle for longer
        than IDLE_TIMEOUT); return how many."""
        ...
