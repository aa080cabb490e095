"""Browser sessions, kept on the server: the cookie holds only a random id, never a secret.

    cookie   forcegen_session=<43 random characters>          (HttpOnly, SameSite=Lax)
    server   sha256(id) -> who (an account, or an invitation by its token's hash), the CSRF
             secret, when it was opened, last seen, and when it must end

A session ends when its holder logs out or leaves (deleted), when it has been idle too long or
open too long (timeouts below), and at once when what it stands on changes: the account is
disabled or given a new password (`password_stamp` no longer matches), the invitation is
revoked or re-issued (its token hash changes). The last are checked on every request.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from pydantic import BaseModel, ConfigDict, Field

from forcegen.model.user import UserId

IDLE_TIMEOUT = dt.timedelta(hours=2)
ABSOLUTE_TIMEOUT = dt.timedelta(hours=12)
PURGE_BATCH = 1000
"""At most this many ended sessions are deleted by one purge (it runs on the way of requests)."""
TOUCH_INTERVAL = dt.timedelta(minutes=1)
"""Last-seen times are written at most once a minute, so reading pages writes (almost) nothing."""


def password_stamp(password_hash: str) -> str:
    """A short fingerprint of the password hash a session was opened with."""
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:16]


class WebSession(BaseModel):
    """One browser's session; `id_hash` is the sha256 of the cookie's id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    csrf: str = Field(min_length=20, max_length=64)
    user_id: UserId | None = None
    password_stamp: str | None = None
    invitation_token_hash: str | None = Field(default=None, repr=False)
    created_at: dt.datetime
    last_seen_at: dt.datetime
    expires_at: dt.datetime

    def is_live(self, now: dt.datetime, *, idle_timeout: dt.timedelta = IDLE_TIMEOUT) -> bool:
        """Not past its absolute end, and not idle for longer than `idle_timeout`."""
        return now < self.expires_at and now - self.last_seen_at < idle_timeout

    def needs_touch(self, now: dt.datetime) -> bool:
        return now - self.last_seen_at >= TOUCH_INTERVAL
