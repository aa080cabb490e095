"""A column type for instants: timezone-aware in Python, UTC in the database, on both backends.

PostgreSQL stores `timestamptz`; SQLite has no such type, so the value is stored as
naive UTC text and given back its UTC zone when read. Naive datetimes are refused on
the way in, because their meaning depends on the machine that wrote them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Dialect
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[dt.datetime]):
    """`DateTime(timezone=True)` that always returns aware UTC datetimes."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(
                f"naive datetime {value.isoformat()!r}: store aware datetimes (clock.now())"
            )
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
