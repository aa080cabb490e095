"""API token use cases: issue (the secret shown once), list, revoke, and authenticate.

A token acts with its account's role, narrowed by its scope (read: GET only). Every issue and
revocation is in the audit log; the secret never is.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from forcegen.model.api_token import (
    DEFAULT_TOKEN_DAYS,
    ApiToken,
    ApiTokenId,
    TokenScope,
    check_token_days,
    normalise_token_name,
    parse_scope,
)
from forcegen.model.errors import AuthenticationError, NotFoundError, RuleViolationError
from forcegen.model.user import User
from forcegen.service.accounts.credentials import hash_token, new_token
from forcegen.service.accounts.user_lookup import existing_user
from forcegen.service.ports import UnitOfWork

NOT_RECOGNISED = (
    "API token not recognised: it may be mistyped, expired or revoked, or its account "
    "disabled. Ask a coordinator for a new one (`forcegen tokens issue`)."
)


@dataclass(frozen=True)
class IssuedToken:
    """A token just issued: `secret` is shown to the holder once and stored nowhere."""

    token: ApiToken
    secret: str


@dataclass(frozen=True)
class TokenHolder:
    """Who a bearer token authenticates, and with which scope."""

    user: User
    scope: TokenScope


def issue_token(
    *,
    uow: UnitOfWork,
    username: str,
    actor: str,
    name: str = "API token",
    scope: TokenScope | str = TokenScope.WRITE,
    valid_days: int = DEFAULT_TOKEN_DAYS,
) -> IssuedToken:
    """Issue a new token for the account; earlier tokens stay valid until revoked or expired.

    Raises:
        NotFoundError: no such account.
        RuleViolationError: the account is disabled.
        InvalidInputError: bad name, scope or lifetime.
    """
    chosen, label = parse_scope(scope), normalise_token_name(name)
    check_token_days(valid_days)
    secret = new_token()
    with uow:
        user = existing_user(uow, username)
        if user.is_disabled:
            raise RuleViolationError(
                f"The account {user.username!r} is disabled: re-enable it before issuing a token."
            )
        now = uow.clock.now()
        token = ApiToken(
            id=ApiTokenId(uuid.uuid4().hex[:16]),  # short enough to type back
            user_id=user.id,
            name=label,
            scope=chosen,
            token_hash=hash_token(secret),
            created_at=now,
            expires_at=now + dt.timedelta(days=valid_days),
        )
        uow.api_tokens.add(token)
        _record(uow, actor, "api_token.issue", token, user)
        uow.commit()
    return IssuedToken(token=token, secret=secret)


def revoke_token(*, uow: UnitOfWork, token_id: str, actor: str) -> ApiToken:
    """Revoke a token at once (revoking a revoked token changes nothing).

    Raises:
        NotFoundError: no token with that id.
    """
    with uow:
        token = uow.api_tokens.get(ApiTokenId(token_id.strip()))
        if token is None:
            raise NotFoundError(
                f"No API token with id {token_id!r}: list them with `forcegen tokens list`."
            )
        if token.revoked_at is not None:
            return token
        revoked = token.model_copy(update={"revoked_at": uow.clock.now()})
        uow.api_tokens.update(revoked)
        owner = uow.users.get(token.user_id)
        _record(uow, actor, "api_token.revoke", revoked, owner)
        uow.commit()
    return revoked


def list_tokens(*, uow: UnitOfWork, username: str | None = None) -> list[tuple[ApiToken, User]]:
    """Tokens (newest first) with their accounts, of one account or of everyone.

    Raises:
        NotFoundError: no such account.
    """
    with uow:
        owner = existing_user(uow, username) if username else None
        users = {user.id: user for user in uow.users.list()}
        tokens = uow.api_tokens.for_user(owner.id if owner else None)
    return [(token, users[token.user_id]) for token in tokens if token.user_id in users]


def authenticate_token(*, uow: UnitOfWork, token: str) -> TokenHolder:
    """The account and scope of a bearer token.

    Raises:
        AuthenticationError: unknown, expired or revoked token, or a disabled account (one
            message for all, so a guesser learns nothing).
    """
    secret = token.strip()
    if not secret or len(secret) > 200:
        raise AuthenticationError(NOT_RECOGNISED)
    with uow:
        found = uow.api_tokens.get_by_hash(hash_token(secret))
        user = uow.users.get(found.user_id) if found else None
        now = uow.clock.now()
    if found is None or user is None or user.is_disabled or not found.is_usable(now):
        raise AuthenticationError(NOT_RECOGNISED)
    return TokenHolder(user=user, scope=found.scope)


def _record(uow: UnitOfWork, actor: str, action: str, token: ApiToken, user: User | None) -> None:
    uow.audit.record(
        actor=actor,
        action=action,
        entity="api_token",
        entity_id=token.id,
        payload={
            "username": user.username if user else None,
            "name": token.name,
            "scope": token.scope.value,
            "expires_at": token.expires_at.isoformat(),
        },
    )
