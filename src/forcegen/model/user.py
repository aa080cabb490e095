"""User accounts: coordinators and analysts who log in, and the rules for their names and passwords.

Respondents are not users: they reach a round through an invitation token.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import NewType

from pydantic import BaseModel, ConfigDict, Field

from forcegen.model.choice import parse_choice
from forcegen.model.errors import InvalidInputError, RuleViolationError

UserId = NewType("UserId", str)

USERNAME_PATTERN = r"^[a-z][a-z0-9._-]{2,39}$"
MIN_PASSWORD_LENGTH = 12
# Long enough for any passphrase, short enough that hashing cannot be used to burn CPU.
MAX_PASSWORD_LENGTH = 1024
MAX_DISPLAY_NAME_LENGTH = 200

_USERNAME = re.compile(USERNAME_PATTERN)


class Role(StrEnum):
    """What a user may do: coordinators run rounds; analysts work on public sources."""

    COORDINATOR = "coordinator"
    ANALYST = "analyst"


class User(BaseModel):
    """A person who logs in with a password or an API token.

    `password_hash` (argon2) never leaves the service layer: it is kept out of `repr` so
    logs and tracebacks do not carry it. API tokens are `ApiToken` values of their own.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: UserId
    username: str = Field(pattern=USERNAME_PATTERN)
    display_name: str = Field(min_length=1, max_length=MAX_DISPLAY_NAME_LENGTH)
    role: Role
    password_hash: str = Field(repr=False)
    created_at: dt.datetime
    disabled_at: dt.datetime | None = None

    @property
    def is_disabled(self) -> bool:
        return self.disabled_at is not None


def normalise_username(text: str) -> str:
    """Return the username in its stored form (trimmed, lower-case), or say what is wrong.

    Raises:
        InvalidInputError: the name does not fit USERNAME_PATTERN.
    """
    username = text.strip().lower()
    if not _USERNAME.fullmatch(username):
        raise InvalidInputError(
            f"Username {text!r} is not valid: use 3 to 40 characters, lower-case letters, "
            "digits, '.', '_' or '-', starting with a letter (e.g. 'a.martin')."
        )
    return username


def normalise_display_name(text: str) -> str:
    """Return the display name trimmed, or say what is wrong.

    Raises:
        InvalidInputError: the name is empty or longer than MAX_DISPLAY_NAME_LENGTH.
    """
    name = text.strip()
    if not name or len(name) > MAX_DISPLAY_NAME_LENGTH:
        raise InvalidInputError(
            f"Display name {text!r} is not valid: give 1 to {MAX_DISPLAY_NAME_LENGTH} "
            "characters, e.g. the person's full name."
        )
    return name


def parse_role(text: str | Role) -> Role:
    """Return the role named by `text`.

    Raises:
        InvalidInputError: no such role; the message lists the roles.
    """
    return parse_choice(Role, text, "role")


def check_password_policy(password: str) -> None:
    """Accept a new password or say what is wrong, without echoing it.

    Raises:
        InvalidInputError: too short or too long.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInputError(
            f"Password is too short ({len(password)} characters): use at least "
            f"{MIN_PASSWORD_LENGTH}; a phrase of several words is easiest to remember."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInputError(
            f"Password is too long ({len(password)} characters): use at most {MAX_PASSWORD_LENGTH}."
        )


def username_taken(username: str) -> RuleViolationError:
    """The error for a username already in use (raised by services and repositories alike)."""
    return RuleViolationError(
        f"A user named {username!r} already exists: choose another username "
        "(usernames are unique and compared in lower case)."
    )
