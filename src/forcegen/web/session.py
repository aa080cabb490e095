"""The browser session, kept on the server: the cookie holds a random id and nothing else.

    cookie   forcegen_session=<43 random characters>; HttpOnly; SameSite=Lax; (Secure)
    server   the SessionStore (database or Redis) keyed by the id's sha256: who, the CSRF
             secret, and the times that end it (see model/web_session.py)

Only logging in and opening an invitation store a session: a bot crawling the login page or
an invitation link adds no row. Anonymous forms (log in, "Open the form") carry a signed
double-submit token instead (csrf_token.py): the same value in a cookie and in the form.
Logging in, entering and leaving start a new id (no fixation), and logging out deletes the
session on the server, so a replayed cookie is worthless. Nothing secret is ever in the
session cookie: not the invitation token, not the CSRF secret.

Ended sessions are purged on the way, at most once per PURGE_INTERVAL per process and at most
PURGE_BATCH rows at a time, whatever the traffic (and by `forcegen sessions prune`).
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
from forcegen.web.csrf_token import ANONYMOUS_COOKIE, AnonymousCsrf

COOKIE_NAME = "forcegen_session"
PURGE_INTERVAL = dt.timedelta(minutes=5)
_COOKIELESS_PREFIXES = ("/api/", "/static/")
_ID_LENGTH = 43  # secrets.token_urlsafe(32)


def _id_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("ascii")).hexdigest()


class Session:
    """This browser's session; handlers change it and the middleware saves it after them.

    A visitor with no stored session has the anonymous double-submit token as its CSRF
    token, so rendering a form stores nothing."""

    def __init__(
        self,
        stored: WebSession | None = None,
        session_id: str | None = None,
        anonymous: AnonymousCsrf | None = None,
    ) -> None:
        self._stored = stored
        self._id = session_id
        # Without the middleware's token (API requests): a random one no post can match.
        self._anonymous = anonymous or AnonymousCsrf(secrets.token_urlsafe(32), is_new=False)
        self._csrf = stored.csrf if stored else None
        self.user_id: UserId | None = stored.user_id if stored else None
        self.password_stamp: str | None = stored.password_stamp if stored else None
        self.invitation_token_hash: str | None = stored.invitation_token_hash if stored else None
        self.is_changed = False

    @property
    def csrf(self) -> str:
        """The CSRF token a form of this session carries (and a post must send back)."""
        return self._csrf if self._csrf is not None else self._anonymous.token

    @property
    def anonymous_csrf(self) -> AnonymousCsrf:
        return self._anonymous

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
        self._csrf = None

    def _restart(self) -> None:
        self._csrf = secrets.token_urlsafe(32)
        self.user_id = self.password_stamp = self.invitation_token_hash = None
        self.is_changed = True

    def to_store(self, session_id: str, now: dt.datetime) -> WebSession:
        """The value the store keeps for this session under `session_id`."""
        return WebSession(
            id_hash=_id_hash(session_id),
            csrf=self._csrf or secrets.token_urlsafe(32),
            user_id=self.user_id,
            password_stamp=self.password_stamp,
            invitation_token_hash=self.invitation_token_hash,
            created_at=now,
            last_seen_at=now,
            expires_at=now + ABSOLUTE_TIMEOUT,
        )


async def _run_here(
    save: Callable[[Session, str | None], list[str]], session: Session, cookie: str | None
) -> list[str]:
    return save(session, cookie)


class SessionMiddleware:
    """Load the session into `request.state.session`; save it (and set the cookies) after.

    Every store call runs in the thread pool: the stores are synchronous (SQL or Redis).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        store: SessionStore,
        clock: Callable[[], dt.datetime],
        is_secure: bool,
        secret_key: str,
    ) -> None:
        self.app = app
        self.store = store
        self.clock = clock
        self.is_secure = is_secure
        self.secret_key = secret_key
        self._purged_at: dt.datetime | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(_COOKIELESS_PREFIXES):
            if scope["type"] == "http":
                scope.setdefault("state", {})["session"] = Session()
            await self.app(scope, receive, send)
            return
        cookies = HTTPConnection(scope).cookies
        cookie = cookies.get(COOKIE_NAME)
        anonymous = AnonymousCsrf.from_cookie(cookies.get(ANONYMOUS_COOKIE), self.secret_key)
        session = await run_in_threadpool(self._load, cookie, anonymous)
        scope.setdefault("state", {})["session"] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                # Only a changed session writes to the store; the rest needs no thread.
                saving = run_in_threadpool if session.is_changed else _run_here
                for set_cookie in await saving(self._save, session, cookie):
                    headers.append("Set-Cookie", set_cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _load(self, cookie: str | None, anonymous: AnonymousCsrf) -> Session:
        now = self.clock()
        self._purge_now_and_then(now)
        if not cookie or len(cookie) != _ID_LENGTH:
            return Session(anonymous=anonymous)
        stored = self.store.get(_id_hash(cookie))
        if stored is None or not stored.is_live(now):
            return Session(anonymous=anonymous)
        if stored.needs_touch(now):
            self.store.touch(stored.id_hash, now)
        return Session(stored, cookie, anonymous)

    def _purge_now_and_then(self, now: dt.datetime) -> None:
        """Drop ended sessions once per PURGE_INTERVAL (one bounded batch; see the store)."""
        if self._purged_at is not None and now - self._purged_at < PURGE_INTERVAL:
            return
        self._purged_at = now
        self.store.purge(now)

    def _save(self, session: Session, cookie: str | None) -> list[str]:
        """Write what changed; return the Set-Cookie values the browser needs."""
        set_cookies = []
        anonymous = session.anonymous_csrf
        if not session.is_stored and anonymous.is_new and anonymous.is_used:
            set_cookies.append(self._cookie(ANONYMOUS_COOKIE, anonymous.token))
        if not session.is_changed:
            return set_cookies
        if session.is_stored and cookie:
            self.store.delete(_id_hash(cookie))
        if session.user_id is None and session.invitation_token_hash is None:
            return [*set_cookies, self._cookie(COOKIE_NAME, "", expire=True)]
        new_id = secrets.token_urlsafe(32)
        self.store.add(session.to_store(new_id, self.clock()))
        return [*set_cookies, self._cookie(COOKIE_NAME, new_id)]

    def _cookie(self, name: str, value: str, *, expire: bool = False) -> str:
        parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
        if expire:
            parts.append("Max-Age=0")
        if self.is_secure:
            parts.append("Secure")
        return "; ".join(parts)
