"""Ports: what the use cases need from the outside world, as Protocols.

Adapters implement them without inheriting from them; store/ is the one adapter, and the
tests run the use cases on it, over SQLite and PostgreSQL (no fake stands in for the
database, whose locking and constraints are part of what is tested):

    UnitOfWork            one transaction; `with uow: ...; uow.commit()`
    ├── clock: Clock      the time of the changes made in it
    ├── users: UserRepository
    └── audit: AuditLog   tamper-evident record of every change, in the same transaction

To add a repository: declare a Protocol for it here, add one read-only property to
UnitOfWork, and one line to `SqlUnitOfWork.__enter__`.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Mapping
from types import TracebackType
from typing import Protocol, Self

from forcegen.model.api_token import ApiToken, ApiTokenId
from forcegen.model.audit import AuditEntry, AuditReport
from forcegen.model.user import User, UserId
from forcegen.service.public.ports import PledgeRepository, PositionRepository, SourceRepository
from forcegen.service.rounds.ports import (
    DataVersionRepository,
    EndorsementRepository,
    InvitationRepository,
    ResponseRepository,
    RoundRepository,
)


class Clock(Protocol):
    """The current time; fixed in tests so that audit entries and timestamps are predictable."""

    def now(self) -> dt.datetime:
        """Return the current time as a timezone-aware datetime (UTC preferred)."""
        ...


class UserRepository(Protocol):
    """Stored user accounts, looked up by username or by the hash of an API token."""

    def add(self, user: User) -> None:
        """Store a new user.

        Raises:
            RuleViolationError: the username (or the token hash) is already in use.
        """
        ...

    def update(self, user: User) -> None:
        """Replace the stored fields of an existing user (matched by id).

        Raises:
            NotFoundError: no user with that id.
        """
        ...

    def get_by_username(self, username: str) -> User | None:
        """Return the user with this (normalised, lower-case) username, or None."""
        ...

    def get(self, user_id: UserId) -> User | None:
        """Return the user with this id, or None."""
        ...

    def list(self) -> builtins.list[User]:
        """Return all users, ordered by username."""
        ...


class ApiTokenRepository(Protocol):
    """Issued API tokens, looked up by the sha256 of the secret."""

    def add(self, token: ApiToken) -> None:
        """Store a new token."""
        ...

    def update(self, token: ApiToken) -> None:
        """Replace the stored fields of an existing token (matched by id).

        Raises:
            NotFoundError: no token with that id.
        """
        ...

    def get(self, token_id: ApiTokenId) -> ApiToken | None:
        """Return the token with this id, or None."""
        ...

    def get_by_hash(self, token_hash: str) -> ApiToken | None:
        """Return the token whose secret hashes to `token_hash`, or None."""
        ...

    def for_user(self, user_id: UserId | None = None) -> builtins.list[ApiToken]:
        """Return the tokens of one user (or of everyone), newest first."""
        ...


class AuditLog(Protocol):
    """The append-only, hash-chained record of changes.

    `record` must join the unit of work's transaction: the entry is committed with the
    change it describes, or rolled back with it. Two units of work recording at the
    same time must not fork the chain (the SQL adapter serialises appends).
    """

    def record(
        self,
        *,
        actor: str,
        action: str,
        entity: str,
        entity_id: str,
        payload: Mapping[str, object] | None = None,
    ) -> AuditEntry:
        """Append an entry timestamped by the unit of work's clock and return it.

        `actor` is a username (or e.g. `invitation:<id>`), `action` a verb such as
        `user.create`, `entity`/`entity_id` what changed. `payload` is plain JSON
        (strings, numbers, booleans, None, lists, dicts): never put secrets in it.

        Raises:
            InvalidInputError: the payload is not plain JSON.
        """
        ...

    def verify(self) -> AuditReport:
        """Recompute the whole chain and report the first entry missing, altered or moved."""
        ...

    def entries(
        self, *, entity: str | None = None, entity_id: str | None = None, limit: int | None = 100
    ) -> builtins.list[AuditEntry]:
        """Return the newest entries first, optionally only those about one entity
        (`limit=None`: all of them)."""
        ...

    def get(self, seq: int) -> AuditEntry | None:
        """Return the entry numbered `seq`, or None if the log holds none."""
        ...


class UnitOfWork(Protocol):
    """One transaction over all repositories.

    Use it as a context manager: changes are kept only if `commit()` is called inside
    the `with` block; leaving the block otherwise (normally or by an exception) rolls
    everything back. Repositories are available only inside the block.

    A use case that only reads opens `with uow.reading():` instead: its transaction takes no
    write lock (on SQLite it runs beside the writer instead of waiting for it) and any write
    in it fails. Every other block may write, and on SQLite takes the write lock at once.
    """

    @property
    def clock(self) -> Clock: ...

    @property
    def users(self) -> UserRepository: ...

    @property
    def audit(self) -> AuditLog: ...

    @property
    def api_tokens(self) -> ApiTokenRepository: ...

    @property
    def rounds(self) -> RoundRepository: ...

    @property
    def invitations(self) -> InvitationRepository: ...

    @property
    def responses(self) -> ResponseRepository: ...

    @property
    def endorsements(self) -> EndorsementRepository: ...

    @property
    def data_versions(self) -> DataVersionRepository: ...

    @property
    def sources(self) -> SourceRepository: ...

    @property
    def positions(self) -> PositionRepository: ...

    @property
    def pledges(self) -> PledgeRepository: ...

    def reading(self) -> Self:
        """This unit of work, for a `with` block that only reads (see the class docstring)."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None:
        """Make every change since the block began (or since the last commit) permanent."""
        ...

    def rollback(self) -> None:
        """Discard every change since the block began (or since the last commit)."""
        ...
