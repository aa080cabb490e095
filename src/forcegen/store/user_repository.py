"""Users in SQL: the UserRepository port over the `users` table."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as SqlIntegrityError

from forcegen.model.errors import NotFoundError
from forcegen.model.user import User, UserId, username_taken
from forcegen.store.mapping import copy_fields, from_row
from forcegen.store.repository import SqlRepository
from forcegen.store.rows_core import UserRow


class SqlUserRepository(SqlRepository):
    """Reads and writes `User` values through one session; never commits."""

    def add(self, user: User) -> None:
        """Insert the user; a taken username (say, by a concurrent request) is a rule violation."""
        self._session.add(_to_row(user))
        self._flush(user)

    def update(self, user: User) -> None:
        """Overwrite the stored fields of the user with the same id."""
        row = self._session.get(UserRow, user.id)
        if row is None:
            raise NotFoundError(f"No user with id {user.id!r}: it may have been deleted.")
        copy_fields(user, row)
        self._flush(user)

    def get_by_username(self, username: str) -> User | None:
        row = self._session.scalar(select(UserRow).where(UserRow.username == username))
        return from_row(User, row) if row else None

    def get(self, user_id: UserId) -> User | None:
        row = self._session.get(UserRow, user_id)
        return from_row(User, row) if row else None

    def list(self) -> list[User]:
        rows = self._session.scalars(select(UserRow).order_by(UserRow.username))
        return [from_row(User, row) for row in rows]

    def _flush(self, user: User) -> None:
        try:
            self._session.flush()
        except SqlIntegrityError as err:
            # The unit of work rolls the transaction back when the error leaves its block.
            raise username_taken(user.username) from err


def _to_row(user: User) -> UserRow:
    row = UserRow(id=user.id)
    copy_fields(user, row)
    return row
