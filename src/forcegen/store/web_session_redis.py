"""Browser sessions in Redis (FORCEGEN_REDIS_URL): the SessionStore port, one key per session.

    forcegen:session:<sha256 of the cookie id>  ->  the session as JSON, expiring with it

Redis drops a key at its absolute end by itself; the idle timeout is checked on reading.
"""

from __future__ import annotations

import datetime as dt
import math

from redis import Redis

from forcegen.model.web_session import WebSession

KEY_PREFIX = "forcegen:session:"


class RedisSessionStore:
    """Sessions as JSON values whose Redis expiry is the session's absolute end."""

    def __init__(self, client: Redis) -> None:
        self._redis = client

    def add(self, session: WebSession) -> None:
        self._write(session)

    def get(self, id_hash: str) -> WebSession | None:
        raw = self._redis.get(KEY_PREFIX + id_hash)
        if raw is None:
            return None
        return WebSession.model_validate_json(raw)

    def touch(self, id_hash: str, at: dt.datetime) -> None:
        session = self.get(id_hash)
        if session is not None:
            self._write(session.model_copy(update={"last_seen_at": at}))

    def delete(self, id_hash: str) -> None:
        self._redis.delete(KEY_PREFIX + id_hash)

    def purge(self, now: dt.datetime) -> int:
        return 0  # Redis expires each key at the session's absolute end

    def _write(self, session: WebSession) -> None:
        seconds = (session.expires_at - dt.datetime.now(dt.UTC)).total_seconds()
        self._redis.set(
            KEY_PREFIX + session.id_hash, session.model_dump_json(), ex=max(1, math.ceil(seconds))
        )
