"""What every SQL repository shares: the caller's session, and inserts that a concurrent writer
can win.

A repository reads and writes inside the unit of work's transaction and never commits. An
insert that another writer can win (a response, a version, a verdict, an invitation) runs in
a SAVEPOINT, so that losing the race to a unique constraint raises the caller's error and
leaves the unit of work usable for reading what won.
"""

from __future__ import annotations

from sqlalchemy import exc
from sqlalchemy.orm import Session


class SqlRepository:
    """A repository over the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _insert_or_raise(self, row: object, lost: Exception) -> None:
        """Insert `row` now, in a SAVEPOINT; raise `lost` when the database refuses it."""
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except exc.IntegrityError as err:
            raise lost from err
