"""The app factory: one FastAPI app for the pages and the JSON API, built from services.

To add a part of the site (say, analyst pages), write a router module and add one line
to `SECTIONS`; give it `nav` items to appear in the navigation bar of its audience.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from forcegen.bootstrap import Services
from forcegen.web import (
    api_assessment,
    api_docs,
    api_public,
    api_respondent,
    api_rounds,
    auth,
    pages_assessment,
    pages_coordinator,
    pages_invitations,
    pages_joint,
    pages_public,
    pages_respondent,
    pages_responses,
)
from forcegen.web.errors import install_error_handlers
from forcegen.web.ratelimit import AttemptLimiter
from forcegen.web.render import STATIC_DIR, NavItem, make_templates
from forcegen.web.request_limits import BodySizeLimitMiddleware, NulCharacterGuardMiddleware
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
    Section(auth.router),
    Section(pages_coordinator.router, nav=(NavItem("Rounds", "/rounds"),)),
    Section(pages_invitations.router),
    Section(pages_responses.router),
    Section(
        pages_respondent.router,
        nav=(
            NavItem("Your response", "/respond", "respondent"),
            NavItem("Your versions", "/respond/history", "respondent"),
        ),
    ),
    Section(pages_joint.router),
    Section(api_rounds.router),
    Section(api_respondent.router),
    Section(pages_public.router, nav=pages_public.NAV),
    Section(api_public.router),
    Section(pages_assessment.router, nav=pages_assessment.NAV),
    Section(api_assessment.router),
    Section(api_docs.router, nav=(NavItem("API", "/api/docs"),)),
)


def create_app(services: Services, *, limiter: AttemptLimiter | None = None) -> FastAPI:
    """Build the web app and the API over `services` (one app per process, or per test)."""
    settings = services.settings
    app = FastAPI(
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
    app.state.templates = make_templates()
    app.state.limiter = limiter or AttemptLimiter()
    app.state.nav = tuple(item for section in SECTIONS for item in section.nav)
    install_error_handlers(app)
    for section in SECTIONS:
        app.include_router(section.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Added innermost first; from the outside: security headers, size limit, NUL guard,
    # session.
    app.add_middleware(
        SessionMiddleware, secret_key=settings.secret_key, is_secure=settings.is_secure_cookies
    )
    app.add_middleware(NulCharacterGuardMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
