"""Defences every request passes: security headers, and the CSRF check of form posts.

The headers middleware is plain ASGI so it also covers static files and error responses.
The CSRF check is a dependency of the page routers: the API takes no cookies, so it needs none.
(Body size and NUL characters are limited in request_limits.py.)
"""

from __future__ import annotations

import hmac
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit

from fastapi import Depends, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from forcegen.model.errors import PermissionDeniedError
from forcegen.web.http_middleware import HttpMiddleware
from forcegen.web.session import Session

CSRF_FIELD = "csrf_token"
MAX_FORM_FIELDS = 10_000  # a long form with many rows
MAX_FORM_FILES = 5  # uploads of data files; the body size limit applies to them too
CSRF_HEADER = "X-CSRF-Token"
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
    ),
}
HSTS = "max-age=31536000; includeSubDomains"


class SecurityHeadersMiddleware(HttpMiddleware):
    """Add the security headers to every response (HSTS when served over https); HTML pages
    are never cached; a redirect to this site names a path, never an absolute http:// URL
    (behind a TLS proxy the app sees http, and Starlette's trailing-slash redirect would
    send the browser off https)."""

    def __init__(self, app: ASGIApp, *, is_https: bool = False) -> None:
        super().__init__(app)
        self.is_https = is_https

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if self.is_https or scope.get("scheme") == "https":
                    headers["Strict-Transport-Security"] = HSTS
                if not scope["path"].startswith("/static/"):
                    headers["Cache-Control"] = "no-store"
                if "location" in headers:
                    headers["location"] = _same_site_path(headers["location"], scope)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _same_site_path(location: str, scope: Scope) -> str:
    """`location` as a path when it points at this site (Host header), unchanged otherwise."""
    target = urlsplit(location)
    host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
    if target.scheme in {"http", "https"} and target.netloc == host:
        return urlunsplit(("", "", target.path or "/", target.query, target.fragment))
    return location


class CsrfError(PermissionDeniedError):
    """A form post without the session's CSRF token: refused before anything changes."""


def check_csrf(session: Session, sent: str | None) -> None:
    """The one CSRF check: `sent` must be this session's token (for a visitor without a
    session, the signed double-submit token of its cookie; see csrf_token.py).

    Raises:
        CsrfError: the token is missing or wrong.
    """
    if sent is None or not hmac.compare_digest(sent.encode(), session.csrf.encode()):
        raise CsrfError(
            "This form was refused because its security token is missing or out of date "
            "(it protects you against forged requests from other sites). Reload the page "
            "and submit again."
        )


async def require_csrf(request: Request) -> None:
    """Refuse unsafe requests whose CSRF token (form field or header) is not the session's.

    Raises:
        CsrfError: the token is missing or wrong.
    """
    if request.method not in _UNSAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(_FORM_TYPES):
        value = (await request.form(max_fields=MAX_FORM_FIELDS, max_files=MAX_FORM_FILES)).get(
            CSRF_FIELD
        )
        sent = value if isinstance(value, str) else None
    check_csrf(request.state.session, sent)


CsrfChecked = Annotated[None, Depends(require_csrf)]
