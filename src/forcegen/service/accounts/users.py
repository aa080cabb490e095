"""Account use cases: create users and log them in by password (API tokens: api_tokens.py)."""

from __future__ import annotations

import uuid

from forcegen.model.errors import AuthenticationError
from forcegen.model.user import (
    Role,
    User,
    UserId,
    check_password_policy,
    normalise_display_name,
    normalise_username,
    parse_role,
    username_taken,
)
from forcegen.service.accounts.credentials import (
    burn_password_check,
    hash_password,
    verify_password,
)
from forcegen.service.accounts.user_lookup import record_user_event
from forcegen.service.ports import UnitOfWork

SYSTEM_ACTOR = "system"


def create_user(
    *,
    uow: UnitOfWork,
    username: str,
    password: str,
    role: Role | str,
    display_name: str,
    actor: str = SYSTEM_ACTOR,
) -> User:
    """Create an account that logs in with `password`, and record it in the audit log.

    Raises:
        InvalidInputError: the username, display name, role or password is not acceptable.
        RuleViolationError: the username is taken.
    """
    name = normalise_username(username)
    shown = normalise_display_name(display_name)
    user_role = parse_role(role)
    check_password_policy(password)
    password_hash = hash_password(password)  # slow on purpose: done before the transaction
    with uow:
        if uow.users.get_by_username(name) is not None:
            raise username_taken(name)
        user = User(
            id=UserId(uuid.uuid4().hex),
            username=name,
            display_name=shown,
            role=user_role,
            password_hash=password_hash,
            created_at=uow.clock.now(),
        )
        uow.users.add(user)
        record_user_event(uow, actor, "user.create", user, display_name=shown, role=user_role.value)
        uow.commit()
    return user


def authenticate(*, uow: UnitOfWork, username: str, password: str) -> User:
    """Return the user whose username and password match.

    Raises:
        AuthenticationError: wrong username or password (the message does not say
            which, so it cannot be used to find out who has an account), or a
            disabled account (said only to someone who knows its password).
    """
    with uow:
        user = uow.users.get_by_username(username.strip().lower())
    if user is None:
        burn_password_check(password)
        raise _wrong_credentials()
    if not verify_password(password, user.password_hash):
        raise _wrong_credentials()
    if user.is_disabled:
        raise AuthenticationError(
            f"The account {user.username!r} is disabled: ask a coordinator to re-enable it."
        )
    return user


def list_users(*, uow: UnitOfWork) -> list[User]:
    """Return every account, ordered by username."""
    with uow:
        return uow.users.list()


def _wrong_credentials() -> AuthenticationError:
    return AuthenticationError(
        "Wrong username or password: check both (usernames are lower-case) and try again."
    )
