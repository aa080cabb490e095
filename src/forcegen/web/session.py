"""The browser session, kept on the server: the cookie holds a random id and nothing else.

    cookie   forcegen_session=<43 random characters>; HttpOnly; SameSite=Lax; (Secure)
    server   the SessionStore (database or Redis) keyed by the id's sha256: who, the CSRF
             secret, and the times that end it (see model/web_session.py)

A visitor gets a session only when a page needs its CSRF secret (a form) or someone logs in
or opens an invitation; logging in, entering and leaving start a new id (no fixation), and
logging out deletes the session on the server, so a replayed cookie is worthless. Nothing
secret is ever in the cookie: not the invitation token, not the CSRF secret.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from forcegen.model.user import UserId
from forcegen.model.web_session import ABSOLUTE_TIMEOUT, WebSession
from forcegen.service.accounts.session_ports import SessionStore

COOKIE_NAME = "forcegen_session"
_COOKIELESS_PREFIXES = ("/api/", "/static/")
_ID_LENGTH = 43  # secrets.token_urlsafe(32)


def _id_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("ascii")).hexdigest()


class Session:
    """This browser's session; handlers change it and the middleware saves it after them."""

    def __init__(self, stored: WebSession | None = None, session_id: str | None = None) -> None:
        self._stored = stored
        self._id = session_id
        self._csrf = stored.csrf if stored else secrets.token_urlsafe(32)
        self.user_id: UserId | None = stored.user_id if stored else None
        self.password_stamp: str | None = stored.password_stamp if stored else None
        self.invitation_token_hash: str | None = stored.invitation_token_hash if stored else None
        self.is_changed = False
        self.is_csrf_used = False

    @property
    def csrf(self) -> str:
        """The CSRF secret (a page rendering it in a form needs the session to be kept)."""
        self.is_csrf_used = True
        return self._csrf

    @property
    def is_stored(self) -> bool:
        return self._stored is not None

    @property
    def is_respondent(self) -> bool:
        return self.invitation_token_hash is not None

    def log_in(self, user_id: UserId, password_stamp: str) -> None:
        """Start an account's session, bound to the password it logged in with."""
        self._restart()
        self.user_id, self.password_stamp = user_id, password_stamp

    def enter_as_respondent(self, token_hash: str) -> None:
        """Start a respondent's session for the invitation whose token hashes to this."""
        self._restart()
        self.invitation_token_hash = token_hash

    def clear(self) -> None:
        """End the session: logged out, or left the form."""
        self._restart()

    def _restart(self) -> None:
        self._csrf = secrets.token_urlsafe(32)
        self.user_id = self.password_stamp = self.invitation_token_hash = None
        self.is_changed = True

    def to_store(self, session_id: str, now: dt.datetime) -> WebSession:
        """The value the store keeps for this session under `session_id`."""
        return WebSession(
            id_hash=_id_hash(session_id),
            csrf=self._csrf,
            user_id=self.user_id,
            password_stamp=self.password_stamp,
            invitation_token_hash=self.invitation_token_hash,
            created_at=now,
            last_seen_at=now,
            expires_at=now + ABSOLUTE_TIMEOUT,
        )


class SessionMiddleware:
    """Load the session into `request.state.session`; save it (and set the cookie) after.

    Every store call runs in the thread pool: the stores are synchronous (SQL or Redis).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        store: SessionStore,
        clock: Callable[[], dt.datetime],
        is_secure: bool,
    ) -> None:
        self.app = app
        self.store = store
        self.clock = clock
        self.is_secure = is_secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(_COOKIELESS_PREFIXES):
            if scope["type"] == "http":
                scope.setdefault("state", {})["session"] = Session()
            await self.app(scope, receive, send)
            return
        cookie = HTTPConnection(scope).cookies.get(COOKIE_NAME)
        session = await run_in_threadpool(self._load, cookie)
        scope.setdefault("state", {})["session"] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                set_cookie = await run_in_threadpool(self._save, session, cookie)
                if set_cookie:
                    MutableHeaders(scope=message).append("Set-Cookie", set_cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _load(self, cookie: str | None) -> Session:
        if not cookie or len(cookie) != _ID_LENGTH:
            return Session()
        stored = self.store.get(_id_hash(cookie))
        now = self.clock()
        if stored is None or not stored.is_live(now):
            return Session()
        if stored.needs_touch(now):
            self.store.touch(stored.id_hash, now)
        return Session(stored, cookie)

    def _save(self, session: Session, cookie: str | None) -> str | None:
        """Write what changed; return the Set-Cookie value, if the browser needs a new one."""
        if session.is_changed:
            if session.is_stored and cookie:
                self.store.delete(_id_hash(cookie))
            if session.user_id is None and session.invitation_token_hash is None:
                return self._cookie("", expire=True)
        elif session.is_stored or not session.is_csrf_used:
            return None
        new_id = secrets.token_urlsafe(32)
        now = self.clock()
        self.store.add(session.to_store(new_id, now))
        if session.user_id is not None:
            self.store.purge(now)  # logins are rare: a good moment to drop ended sessions
        return self._cookie(new_id)

    def _cookie(self, value: str, *, expire: bool = False) -> str:
        parts = [f"{COOKIE_NAME}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
        if expire:
            parts.append("Max-Age=0")
        if self.is_secure:
            parts.append("Secure")
        return "; ".join(parts)
