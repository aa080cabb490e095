"""Who may use the public-source tracker: analysts and coordinators, never respondents.

The tracker holds only public reporting, so both kinds of account may read and edit it;
a respondent's session (an invitation token) gives no access, since respondents are not
users of the tracker.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from forcegen.model.errors import AuthenticationError, PermissionDeniedError
from forcegen.model.user import Role, User
from forcegen.web.accounts.auth import API_TOKEN_PURPOSE, session_user, token_user
from forcegen.web.deps import ClientDep, LimiterDep, ServicesDep, SessionDep
from forcegen.web.errors import LoginRequiredError

TRACKER_ROLES = frozenset({Role.ANALYST, Role.COORDINATOR})

_analyst_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="AnalystToken",
    description="An analyst's or coordinator's API token.",
)


def _allowed(user: User) -> User:
    if user.role not in TRACKER_ROLES:
        raise PermissionDeniedError(
            f"The account {user.username!r} may not use the public-source tracker: log in "
            "with an analyst or coordinator account."
        )
    return user


def analyst_page(request: Request, services: ServicesDep, session: SessionDep) -> User:
    """The analyst or coordinator of this browser session.

    Raises:
        LoginRequiredError: nobody is logged in (pages redirect to /login).
        PermissionDeniedError: the account's role may not use the tracker.
    """
    user = session_user(request, services, session)
    if user is None:
        raise LoginRequiredError(
            "Log in as an analyst or coordinator to open the public-source tracker."
        )
    return _allowed(user)


def analyst_api(
    request: Request,
    services: ServicesDep,
    limiter: LimiterDep,
    client: ClientDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_analyst_bearer)],
) -> User:
    """The analyst or coordinator holding the bearer API token.

    Raises:
        TooManyAttemptsError: this address sent too many wrong tokens.
        AuthenticationError: no token, or a token nobody holds.
        PermissionDeniedError: the token's account may not use the tracker.
    """
    if credentials is None:
        raise AuthenticationError(
            "This endpoint needs an analyst's or coordinator's API token: send "
            "`Authorization: Bearer <token>`."
        )
    request.state.auth_purpose = API_TOKEN_PURPOSE  # from here, a failure counts as a guess
    return _allowed(token_user(request, services, credentials.credentials))


AnalystPage = Annotated[User, Depends(analyst_page)]
AnalystApi = Annotated[User, Depends(analyst_api)]
