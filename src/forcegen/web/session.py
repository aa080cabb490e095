"""The browser session: one signed cookie holding the CSRF secret and who is logged in.

The cookie is `<payload>.<signature>`: base64url JSON, signed with HMAC-SHA256 under
`settings.secret_key`. It is not encrypted, so it holds nothing the browser may not know:

    {"csrf": "q3…", "user": "alice", "token": null, "iat": 1754000000}

`token` is a respondent's own invitation token (the browser had it in its link already);
keeping it in an HttpOnly cookie lets the respondent pages drop it from the URL. The services
check it on every request, so a revoked invitation stops working at once.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE_NAME = "forcegen_session"
MAX_AGE_SECONDS = 12 * 3600
_COOKIELESS_PREFIXES = ("/api/", "/static/")


@dataclass
class Session:
    """What the cookie says about this browser; handlers change it and the middleware saves it."""

    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    username: str | None = None
    respondent_token: str | None = None
    issued_at: int = field(default_factory=lambda: int(time.time()))
    is_modified: bool = False
    is_new: bool = False

    def log_in(self, username: str) -> None:
        """Start a coordinator session; a fresh CSRF secret defeats session fixation."""
        self._restart()
        self.username = username

    def enter_as_respondent(self, token: str) -> None:
        """Start a respondent session scoped to one invitation token."""
        self._restart()
        self.respondent_token = token

    def clear(self) -> None:
        self._restart()

    def _restart(self) -> None:
        self.csrf = secrets.token_urlsafe(32)
        self.username = None
        self.respondent_token = None
        self.issued_at = int(time.time())
        self.is_modified = True


class SessionCodec:
    """Sign and verify session cookies under one secret."""

    def __init__(self, secret_key: str) -> None:
        self._key = hashlib.sha256(b"forcegen-session|" + secret_key.encode("utf-8")).digest()

    def encode(self, session: Session) -> str:
        body = {
            "csrf": session.csrf,
            "user": session.username,
            "token": session.respondent_token,
            "iat": session.issued_at,
        }
        payload = base64.urlsafe_b64encode(json.dumps(body).encode("utf-8")).decode("ascii")
        return f"{payload}.{self._sign(payload)}"

    def decode(self, cookie: str | None, *, now: float) -> Session | None:
        """The session in a cookie, or None if it is absent, forged, malformed or too old."""
        if not cookie or cookie.count(".") != 1:
            return None
        payload, signature = cookie.split(".")
        if not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            body = json.loads(base64.urlsafe_b64decode(payload.encode("ascii")))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            return None
        if not isinstance(body, dict) or not _has_valid_shape(body):
            return None
        if now - body["iat"] > MAX_AGE_SECONDS:
            return None
        return Session(
            csrf=body["csrf"],
            username=body["user"],
            respondent_token=body["token"],
            issued_at=body["iat"],
        )

    def _sign(self, payload: str) -> str:
        digest = hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def _has_valid_shape(body: dict[str, object]) -> bool:
    return (
        isinstance(body.get("csrf"), str)
        and isinstance(body.get("iat"), int)
        and isinstance(body.get("user"), str | None)
        and isinstance(body.get("token"), str | None)
    )


class SessionMiddleware:
    """Load the session into `request.state.session` and write the cookie back when changed.

    A browser without a valid cookie gets a new session (with a CSRF secret) so that even the
    login form is protected; the cookie is HttpOnly, SameSite=Lax, and Secure behind HTTPS.
    """

    def __init__(self, app: ASGIApp, *, secret_key: str, is_secure: bool) -> None:
        self.app = app
        self.codec = SessionCodec(secret_key)
        self.is_secure = is_secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        session = self.codec.decode(connection.cookies.get(COOKIE_NAME), now=time.time())
        if session is None:
            # The API and static files never use the cookie: do not hand them one.
            session = Session(is_new=not scope["path"].startswith(_COOKIELESS_PREFIXES))
        scope.setdefault("state", {})["session"] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and (session.is_modified or session.is_new):
                headers = MutableHeaders(scope=message)
                headers.append("Set-Cookie", self._cookie(session))
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _cookie(self, session: Session) -> str:
        parts = [
            f"{COOKIE_NAME}={self.codec.encode(session)}",
            "Path=/",
            "HttpOnly",
            "SameSite=Lax",
        ]
        if self.is_secure:
            parts.append("Secure")
        return "; ".join(parts)
