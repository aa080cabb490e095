"""API tokens: named, scoped, expiring credentials for scripts, stored only as hashes.

    scope   what the token may do                  who may hold it
    read    GET requests of the holder's role      analysts and coordinators
    write   everything the holder's role may do    analysts and coordinators

A token never does more than its account's role: an analyst's write token edits the public
record but reaches no round. The token itself is shown once, when it is issued.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import NewType

from pydantic import BaseModel, ConfigDict, Field

from forcegen.model.choice import parse_choice
from forcegen.model.errors import InvalidInputError
from forcegen.model.user import UserId

ApiTokenId = NewType("ApiTokenId", str)

DEFAULT_TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 366
MAX_TOKEN_NAME_LENGTH = 100


class TokenScope(StrEnum):
    """What a token may do within its account's role."""

    READ = "read"
    WRITE = "write"

    @property
    def allows_changes(self) -> bool:
        return self is TokenScope.WRITE


class ApiToken(BaseModel):
    """One issued token; `token_hash` is the sha256 of the secret, never the secret."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ApiTokenId
    user_id: UserId
    name: str = Field(min_length=1, max_length=MAX_TOKEN_NAME_LENGTH)
    scope: TokenScope
    token_hash: str = Field(repr=False)
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None = None

    def is_usable(self, now: dt.datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at

    def state(self, now: dt.datetime) -> str:
        """`active`, `expired` or `revoked`, for lists."""
        if self.revoked_at is not None:
            return "revoked"
        return "active" if now < self.expires_at else "expired"


def parse_scope(text: str | TokenScope) -> TokenScope:
    """Raises: InvalidInputError naming the scopes."""
    return parse_choice(TokenScope, text, "token scope")


def check_token_days(days: int) -> None:
    """Raises: InvalidInputError unless 1 <= days <= MAX_TOKEN_DAYS."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise InvalidInputError(
            f"A token must expire within 1 to {MAX_TOKEN_DAYS} days, not {days}: issue a new "
            "one when it runs out."
        )


def normalise_token_name(text: str) -> str:
    """Raises: InvalidInputError for an empty or over-long name."""
    name = " ".join(text.split())
    if not name or len(name) > MAX_TOKEN_NAME_LENGTH:
        raise InvalidInputError(
            f"Token name {text[:40]!r} is not valid: give 1 to {MAX_TOKEN_NAME_LENGTH} "
            "characters saying what uses it, e.g. 'nightly export script'."
        )
    return name
