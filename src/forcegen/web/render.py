"""Rendering: the Jinja2 environment and the one helper that picks a full page or a fragment.

Every page template starts with `{% extends layout %}`. `render` sets `layout` to `base.html`
(header, navigation, footer) for a normal request, and to `_fragment.html` (the content
block alone) when HTMX asks (header `HX-Request`). A route that has a dedicated partial
(`_invitee_table.html`) names it as `fragment`, and HTMX requests get just that partial.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from forcegen.model.user import Role, User
from forcegen.web.assessment.table_html import links, pledge_rows, source_rows, table_block
from forcegen.web.session import Session

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


@dataclass(frozen=True)
class NavItem:
    """One link of the navigation bar, shown to one audience: coordinator or respondent."""

    label: str
    path: str
    audience: str = "coordinator"
    is_coordinators_only: bool = False  # hidden from analysts, whom the page would refuse


def make_templates() -> jinja2.Environment:
    """The template environment: autoescape on for everything, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = format_when
    env.filters["as_json"] = format_json
    # The dashboard's tables and link lists, written in Python (thousands of cells per page)
    env.globals.update(
        links=links, table_block=table_block, pledge_rows=pledge_rows, source_rows=source_rows
    )
    return env


def format_when(value: dt.datetime | None) -> str:
    """A timestamp as users read it: `12 Aug 2025, 14:03 UTC`; a dash when there is none."""
    if value is None:
        return "—"
    return value.astimezone(dt.UTC).strftime("%d %b %Y, %H:%M UTC")


def format_json(value: object) -> str:
    """A JSON value as short readable text (for diffs and read-only answers)."""
    if value is None:
        return "(not answered)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(value) if value else "(none)"
    return json.dumps(value, ensure_ascii=False)


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def render(
    request: Request,
    template: str,
    context: Mapping[str, object],
    *,
    fragment: str | None = None,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render `template` as a full page, or as a fragment when HTMX asks for one."""
    env: jinja2.Environment = request.app.state.templates
    htmx = is_htmx(request)
    name = fragment if htmx and fragment else template
    html = env.get_template(name).render(_base_context(request, htmx) | dict(context))
    return HTMLResponse(html, status_code=status_code, headers=dict(headers or {}))


def _base_context(request: Request, htmx: bool) -> dict[str, object]:
    session: Session | None = getattr(request.state, "session", None)
    audience = "public"
    user = getattr(request.state, "user", None)
    if session is not None and session.user_id:
        audience = "coordinator"
    elif session is not None and session.is_respondent:
        audience = "respondent"
    nav: tuple[NavItem, ...] = getattr(request.app.state, "nav", ())
    if audience == "coordinator" and not _is_coordinator(request, session, user):
        nav = tuple(item for item in nav if not item.is_coordinators_only)
    return {
        "request": request,
        "layout": "_fragment.html" if htmx else "base.html",
        "csrf_token": session.csrf if session else "",
        "username": user.username if user is not None else None,
        "audience": audience,
        "nav": [item for item in nav if item.audience == audience],
        "current_path": request.url.path,
        "illustrative": False,
    }


def _is_coordinator(request: Request, session: Session | None, user: User | None) -> bool:
    """Whether the logged-in account is a coordinator (not an analyst); the auth dependency
    of the page has usually loaded the account already."""
    if user is not None:
        return user.role is Role.COORDINATOR
    services = getattr(request.app.state, "services", None)
    if services is None or session is None or session.user_id is None:
        return False
    with services.uow() as uow:
        found = uow.users.get(session.user_id)
    return found is not None and found.role is Role.COORDINATOR
