"""Rate-limit counters in the database: a `limits` storage, so every server process shares them.

`limits` (the rate-limiting library) keeps counters in a storage backend; it ships memory,
Redis, Memcached and others, but none in SQL. This one keeps fixed-window counters in the
`rate_limits` table (one row per key: count and when the window ends), incremented atomically
with INSERT ... ON CONFLICT DO UPDATE on both SQLite and PostgreSQL. With FORCEGEN_REDIS_URL
set, bootstrap uses limits' own RedisStorage instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from limits.storage import Storage
from sqlalchemy import Engine, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from forcegen.store.rows_core import RateLimitRow


class SqlRateLimitStorage(Storage):
    """Fixed-window counters in the `rate_limits` table (for FixedWindowRateLimiter)."""

    STORAGE_SCHEME = None

    def __init__(self, engine: Engine, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(wrap_exceptions=False)
        self._engine = engine
        self._clock = clock

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = self._clock()
        insert = (postgresql if self._engine.dialect.name == "postgresql" else sqlite).insert
        table = RateLimitRow.__table__
        expired = table.c.expires_at <= now
        statement = (
            insert(table)
            .values(key=key, count=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[table.c.key],
                set_={
                    "count": case((expired, amount), else_=table.c.count + amount),
                    "expires_at": case((expired, now + expiry), else_=table.c.expires_at),
                },
            )
            .returning(table.c.count)
        )
        with self._engine.begin() as connection:
            return int(connection.execute(statement).scalar_one())

    def get(self, key: str) -> int:
        with self._engine.connect() as connection:
            row = connection.execute(
                select(RateLimitRow.count, RateLimitRow.expires_at).where(RateLimitRow.key == key)
            ).first()
        if row is None:
            return 0
        count, expires_at = row
        return int(count) if expires_at > self._clock() else 0

    def get_expiry(self, key: str) -> float:
        with self._engine.connect() as connection:
            expires = connection.scalar(
                select(RateLimitRow.expires_at).where(RateLimitRow.key == key)
            )
        return float(expires) if expires is not None else self._clock()

    def check(self) -> bool:
        try:
            with self._engine.connect() as connection:
                connection.scalar(select(RateLimitRow.key).limit(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with self._engine.begin() as connection:
            return connection.execute(delete(RateLimitRow)).rowcount

    def clear(self, key: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(RateLimitRow).where(RateLimitRow.key == key))

    def purge(self) -> int:
        """Delete counters whose window has ended (keeps the table small after a scan)."""
        with self._engine.begin() as connection:
            return connection.execute(
                delete(RateLimitRow).where(RateLimitRow.expires_at <= self._clock())
            ).rowcount
