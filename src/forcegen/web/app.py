"""The app factory: one FastAPI app for the pages and the JSON API, built from services.

To add a part of the site (say, analyst pages), write a router module and add one line
to `SECTIONS`; give it `nav` items to appear in the navigation bar of its audience.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from forcegen.bootstrap import Services
from forcegen.web import api_docs
from forcegen.web.accounts import admin_pages, login_pages
from forcegen.web.assessment import api as assessment_api
from forcegen.web.assessment import pages as assessment_pages
from forcegen.web.assessment.dashboard_parts import DashboardProcesses
from forcegen.web.errors import install_error_handlers
from forcegen.web.joint import pages as joint_pages
from forcegen.web.public import api as public_api
from forcegen.web.public import edit_pages as public_edit_pages
from forcegen.web.public import file_pages as public_file_pages
from forcegen.web.public import pages as public_pages
from forcegen.web.ratelimit import AttemptLimiter
from forcegen.web.render import STATIC_DIR, NavItem, make_templates
from forcegen.web.request_limits import BodyContentGuardMiddleware, BodySizeLimitMiddleware
from forcegen.web.responding import api as responding_api
from forcegen.web.responding import pages as responding_pages
from forcegen.web.rounds import api as rounds_api
from forcegen.web.rounds import invitation_pages, reminder_pages, response_pages
from forcegen.web.rounds import pages as rounds_pages
from forcegen.web.security import SecurityHeadersMiddleware
from forcegen.web.session import SessionMiddleware

API_DESCRIPTION = """\
The forcegen JSON API: the same operations as the web pages.

* Coordinators send `Authorization: Bearer <API token>`.
* Respondents send `Authorization: Bearer <invitation token>` (the last part of their link).

Errors always have the shape `{"ok": false, "error": "...", "status": N}`, with `problems`
(a list of `{path, message}`) when particular fields are at fault.
"""


@dataclass(frozen=True)
class Section:
    """One router of the site and the navigation links it contributes."""

    router: APIRouter
    nav: tuple[NavItem, ...] = ()


SECTIONS: tuple[Section, ...] = (
    Section(login_pages.router),
    Section(rounds_pages.router, nav=(NavItem("Rounds", "/rounds", is_coordinators_only=True),)),
    Section(invitation_pages.router),
    Section(reminder_pages.router),
    Section(response_pages.router),
    Section(
        responding_pages.router,
        nav=(
            NavItem("Your response", "/respond", "respondent"),
            NavItem("Your versions", "/respond/history", "respondent"),
        ),
    ),
    Section(joint_pages.router),
    Section(rounds_api.router),
    Section(responding_api.router),
    Section(public_edit_pages.router),
    Section(public_file_pages.router),
    Section(public_pages.router, nav=public_pages.NAV),
    Section(public_api.router),
    Section(assessment_pages.router, nav=assessment_pages.NAV),
    Section(assessment_api.router),
    Section(
        admin_pages.router,
        nav=(NavItem("Accounts", "/admin/users", is_coordinators_only=True),),
    ),
    Section(api_docs.router, nav=(NavItem("API", "/api/docs"),)),
)


def _lifespan(
    threads: int, dashboards: Callable[[], DashboardProcesses | None]
) -> Callable[[FastAPI], contextlib.AbstractAsyncContextManager[None]]:
    """Run blocking handlers on as many threads as there are database connections (anyio's
    default is 40): a thread beyond them could only wait for a connection, and under load
    forty threads taking the GIL from each other cost CPU and stretch every request. Start
    the dashboard processes, if the settings ask for them, and stop them at the end."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        processes = await anyio.to_thread.run_sync(dashboards)
        app.state.dashboard_processes = processes
        try:
            yield
        finally:
            if processes is not None:
                app.state.dashboard_processes = None
                await anyio.to_thread.run_sync(processes.close)

    return lifespan


def create_app(
    services: Services,
    *,
    limiter: AttemptLimiter | None = None,
    dashboard_processes: int | None = None,
) -> FastAPI:
    """Build the web app and the API over `services` (one app per process, or per test).

    `dashboard_processes` (default: the settings') processes build the assessment dashboards
    beside this one, started and stopped with the app (web/assessment/dashboard_parts.py);
    with 0, dashboards are built in the server process."""
    settings = services.settings
    processes = settings.dashboard_processes if dashboard_processes is None else dashboard_processes

    def dashboards() -> DashboardProcesses | None:
        return DashboardProcesses(settings, processes) if processes > 0 else None

    app = FastAPI(
        lifespan=_lifespan(settings.db_pool_size, dashboards),
        title="forcegen",
        version="1",
        description=API_DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        debug=False,
    )
    app.state.services = services
    app.state.dashboard_processes = None  # set by the lifespan when processes are asked for
    app.state.templates = make_templates()
    app.state.limiter = limiter or AttemptLimiter(services.rate_limits)
    app.state.nav = tuple(item for section in SECTIONS for item in section.nav)
    install_error_handlers(app)
    for section in SECTIONS:
        app.include_router(section.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Added innermost first; from the outside: security headers, size limit, content guard,
    # session.
    app.add_middleware(
        SessionMiddleware,
        store=services.sessions,
        clock=services.clock.now,
        is_secure=settings.is_secure_cookies,
        secret_key=settings.secret_key,
    )
    app.add_middleware(BodyContentGuardMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware, is_https=settings.is_secure_cookies)
    return app
