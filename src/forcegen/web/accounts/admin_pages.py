"""The coordinators' accounts page: create analysts and coordinators, disable and re-enable
accounts, set new passwords, issue and revoke API tokens. Every change is audited by the use
case it calls; a new token is shown on the page that issued it, once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from forcegen.bootstrap import Services
from forcegen.model.api_token import DEFAULT_TOKEN_DAYS
from forcegen.model.user import Role, User
from forcegen.service.accounts import api_tokens, user_admin, users
from forcegen.service.accounts.api_tokens import IssuedToken
from forcegen.web.accounts.auth import CoordinatorPage, actor_of, coordinator_page
from forcegen.web.deps import ServicesDep
from forcegen.web.render import render
from forcegen.web.security import CsrfChecked

router = APIRouter(dependencies=[Depends(coordinator_page)], include_in_schema=False)

Username = Annotated[str, Path(max_length=40, pattern=r"^[a-z][a-z0-9._-]{2,39}$")]
NOTICES = {
    "created": "The account is created: give its holder the username and password.",
    "disabled": "The account is disabled: its password, tokens and sessions stop working.",
    "enabled": "The account is enabled again.",
    "password": "The new password is set; the account's open sessions were ended.",
    "revoked": "The token is revoked: it stops working at once.",
}


def _page(
    request: Request, services: ServicesDep, *, notice: str = "", issued: IssuedToken | None = None
) -> HTMLResponse:
    context = {
        "users": users.list_users(uow=services.uow()),
        "tokens": api_tokens.list_tokens(uow=services.uow()),
        "now": services.clock.now(),
        "roles": [role.value for role in Role],
        "notice": NOTICES.get(notice),
        "issued": issued,
        "default_days": DEFAULT_TOKEN_DAYS,
    }
    return render(request, "admin_users.html", context)


@router.get("/admin/users", response_class=HTMLResponse)
def accounts_page(request: Request, services: ServicesDep, notice: str = "") -> HTMLResponse:
    return _page(request, services, notice=notice)


@router.post("/admin/users")
def create_account(
    _: CsrfChecked,
    services: ServicesDep,
    user: CoordinatorPage,
    username: Annotated[str, Form(max_length=40)],
    role: Annotated[str, Form(max_length=20)],
    password: Annotated[str, Form(max_length=1024)],
    display_name: Annotated[str, Form(max_length=200)] = "",
) -> RedirectResponse:
    users.create_user(
        uow=services.uow(),
        username=username,
        password=password,
        role=role,
        display_name=display_name or username,
        actor=actor_of(user),
    )
    return RedirectResponse("/admin/users?notice=created", status_code=303)


@router.post("/admin/users/{username}/disable")
def disable_account(
    _: CsrfChecked, services: ServicesDep, user: CoordinatorPage, username: Username
) -> RedirectResponse:
    return _set_disabled(services, user, username, is_disabled=True)


@router.post("/admin/users/{username}/enable")
def enable_account(
    _: CsrfChecked, services: ServicesDep, user: CoordinatorPage, username: Username
) -> RedirectResponse:
    return _set_disabled(services, user, username, is_disabled=False)


def _set_disabled(
    services: Services, user: User, username: str, *, is_disabled: bool
) -> RedirectResponse:
    user_admin.set_disabled(
        uow=services.uow(), username=username, is_disabled=is_disabled, actor=actor_of(user)
    )
    notice = "disabled" if is_disabled else "enabled"
    return RedirectResponse(f"/admin/users?notice={notice}", status_code=303)


@router.post("/admin/users/{username}/password")
def set_password(
    _: CsrfChecked,
    services: ServicesDep,
    user: CoordinatorPage,
    username: Username,
    password: Annotated[str, Form(max_length=1024)],
) -> RedirectResponse:
    user_admin.reset_password(
        uow=services.uow(), username=username, password=password, actor=actor_of(user)
    )
    return RedirectResponse("/admin/users?notice=password", status_code=303)


@router.post("/admin/users/{username}/tokens", response_class=HTMLResponse)
def issue_token(
    request: Request,
    _: CsrfChecked,
    services: ServicesDep,
    user: CoordinatorPage,
    username: Username,
    name: Annotated[str, Form(max_length=100)],
    scope: Annotated[str, Form(max_length=10)] = "read",
    days: Annotated[int, Form(ge=1, le=366)] = DEFAULT_TOKEN_DAYS,
) -> HTMLResponse:
    issued = api_tokens.issue_token(
        uow=services.uow(),
        username=username,
        actor=actor_of(user),
        name=name,
        scope=scope,
        valid_days=days,
    )
    return _page(request, services, issued=issued)


@router.post("/admin/tokens/{token_id}/revoke")
def revoke_token(
    _: CsrfChecked,
    services: ServicesDep,
    user: CoordinatorPage,
    token_id: Annotated[str, Path(max_length=32, pattern=r"^[0-9a-f]{1,32}$")],
) -> RedirectResponse:
    api_tokens.revoke_token(uow=services.uow(), token_id=token_id, actor=actor_of(user))
    return RedirectResponse("/admin/users?notice=revoked", status_code=303)
