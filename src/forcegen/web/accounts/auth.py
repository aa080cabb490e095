"""Who is calling: the dependencies that check each role (the login pages are `login_pages`).

    role         pages (server-side session)              API (/api, header)
    coordinator  password login -> session.user_id       Authorization: Bearer <API token>
    analyst      password login -> session.user_id       Authorization: Bearer <API token>
    respondent   /respond/{token}, "Open the form" (POST)  Authorization: Bearer <invitation token>
                 -> session.invitation_token_hash

The API never reads the cookie, so it needs no CSRF token; pages never read the header.
Failed password and token attempts are counted per client address (see ratelimit.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from forcegen.model.errors import AuthenticationError, PermissionDeniedError
from forcegen.model.user import Role, User
from forcegen.model.web_session import password_stamp
from forcegen.service.accounts import api_tokens
from forcegen.service.rounds.access import InvitationGrant
from forcegen.web.deps import ClientDep, LimiterDep, ServicesDep, SessionDep
from forcegen.web.errors import LoginRequiredError

PASSWORD_PURPOSE = "password"
API_TOKEN_PURPOSE = "API token"
INVITATION_PURPOSE = "invitation token"
READ_METHODS = frozenset({"GET", "HEAD"})

_coordinator_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="CoordinatorToken",
    description="A coordinator's API token (issued once, stored hashed).",
)
_invitation_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="InvitationToken",
    description="The token of a respondent's invitation link (the part after /respond/).",
)


def session_user(request: Request, services: ServicesDep, session: SessionDep) -> User | None:
    """The account of this browser's session, if it is still enabled and its password is the
    one the session was opened with; otherwise the session ends here and now."""
    if session.user_id is None:
        return None
    with services.uow().reading() as uow:  # every page asks: it must not take a write lock
        user = uow.users.get(session.user_id)
    if (
        user is None
        or user.is_disabled
        or password_stamp(user.password_hash) != session.password_stamp
    ):
        session.clear()
        return None
    request.state.user = user  # pages show who is logged in
    return user


def coordinator_page(request: Request, services: ServicesDep, session: SessionDep) -> User:
    """The coordinator of this browser session.

    Raises:
        LoginRequiredError: no coordinator is logged in (pages redirect to /login).
    """
    user = session_user(request, services, session)
    if user is None:
        raise LoginRequiredError("Log in as a coordinator to open this page.")
    if user.role is not Role.COORDINATOR:
        raise PermissionDeniedError(
            f"The account {user.username!r} is an {user.role.value} account; this page is for "
            "coordinators. Log in with a coordinator account."
        )
    return user


def coordinator_api(
    request: Request,
    services: ServicesDep,
    limiter: LimiterDep,
    client: ClientDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_coordinator_bearer)],
) -> User:
    """The coordinator holding the bearer API token.

    Raises:
        TooManyAttemptsError: this address sent too many wrong tokens.
        AuthenticationError: no token, or a token nobody holds.
        PermissionDeniedError: the token's account is not a coordinator.
    """
    if credentials is None:
        raise AuthenticationError(
            "This endpoint needs a coordinator API token: send `Authorization: Bearer <token>`."
        )
    request.state.auth_purpose = API_TOKEN_PURPOSE  # from here, a failure counts as a guess
    user = token_user(request, services, credentials.credentials)
    if user.role is not Role.COORDINATOR:
        raise PermissionDeniedError(
            f"The token belongs to {user.username!r}, an {user.role.value}; this endpoint is "
            "for coordinators."
        )
    return user


def token_user(request: Request, services: ServicesDep, secret: str) -> User:
    """The account of an API token, refused when a read-only token asks to change anything.

    Raises:
        AuthenticationError: unknown, expired or revoked token, or a disabled account.
        PermissionDeniedError: a read token on a request other than GET or HEAD.
    """
    holder = api_tokens.authenticate_token(uow=services.uow(), token=secret)
    if request.method not in READ_METHODS and not holder.scope.allows_changes:
        raise PermissionDeniedError(
            f"This API token of {holder.user.username!r} is read-only: it may only read (GET). "
            "Ask a coordinator for a write token to change anything."
        )
    return holder.user


async def respondent_page(session: SessionDep) -> InvitationGrant:
    """The invitation of this browser's respondent session (each use case checks it is still
    valid, so a revoked or re-issued invitation ends the session at once). No I/O: async, so
    it runs in the event loop, not in a thread.

    Raises:
        AuthenticationError: the browser has no respondent session.
    """
    if session.invitation_token_hash is None:
        raise AuthenticationError(
            "This page is for respondents: open the invitation link you received "
            "(it starts with /respond/). If it no longer works, ask the coordinator for a new one."
        )
    return InvitationGrant(session.invitation_token_hash)


async def respondent_api(
    request: Request,
    limiter: LimiterDep,
    client: ClientDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_invitation_bearer)],
) -> str:
    """The bearer invitation token (each use case checks it; failures count towards the limit).

    Raises:
        TooManyAttemptsError: this address sent too many wrong tokens.
        AuthenticationError: no token was sent.
    """
    if credentials is None:
        raise AuthenticationError(
            "This endpoint needs an invitation token: send `Authorization: Bearer <token>`, "
            "the token being the last part of your invitation link."
        )
    request.state.auth_purpose = INVITATION_PURPOSE  # from here, a failure counts as a guess
    return credentials.credentials


CoordinatorPage = Annotated[User, Depends(coordinator_page)]
CoordinatorApi = Annotated[User, Depends(coordinator_api)]
RespondentPage = Annotated[InvitationGrant, Depends(respondent_page)]
RespondentApi = Annotated[str, Depends(respondent_api)]


def actor_of(user: User) -> str:
    """The audit log's name for a coordinator."""
    return f"user:{user.username}"
