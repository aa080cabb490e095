"""Coordinator and analyst login and logout, and the home page that sends each visitor on."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from forcegen.model.errors import AuthenticationError
from forcegen.model.user import Role
from forcegen.model.web_session import password_stamp
from forcegen.service.accounts import users
from forcegen.web.accounts.auth import PASSWORD_PURPOSE
from forcegen.web.deps import ClientDep, LimiterDep, ServicesDep, SessionDep
from forcegen.web.render import render
from forcegen.web.security import CsrfChecked

router = APIRouter(tags=["auth"], include_in_schema=False)


def safe_next(target: str | None) -> str:
    """A post-login destination on this site only (no open redirect to another host)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/rounds"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "login.html", {"next": safe_next(next), "error": None, "username": ""})


@router.post("/login", response_model=None)
def log_in(
    request: Request,
    _: CsrfChecked,
    services: ServicesDep,
    session: SessionDep,
    limiter: LimiterDep,
    client: ClientDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/rounds",
) -> Response:
    account = username.strip().lower()[:40]
    limiter.check(client, PASSWORD_PURPOSE, account=account)
    try:
        user = users.authenticate(uow=services.uow(), username=username, password=password)
    except AuthenticationError as err:
        limiter.record_failure(client, PASSWORD_PURPOSE, account=account)
        context = {"next": safe_next(next), "error": err.message, "username": username}
        return render(request, "login.html", context, status_code=401)
    session.log_in(user.id, password_stamp(user.password_hash))
    destination = safe_next(next)
    if user.role is Role.ANALYST and destination == "/rounds":
        destination = "/positions"  # analysts work on the public record, not on rounds
    return RedirectResponse(destination, status_code=303)


@router.post("/logout")
def log_out(_: CsrfChecked, session: SessionDep) -> RedirectResponse:
    session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/", response_model=None)
def home(request: Request, session: SessionDep) -> Response:
    """Send each visitor where they work: coordinators to rounds, respondents to their form."""
    if session.user_id:
        return RedirectResponse("/rounds", status_code=303)
    if session.is_respondent:
        return RedirectResponse("/respond", status_code=303)
    return render(request, "home.html", {})
