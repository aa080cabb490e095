"""The database engine: an SQLite file by default, PostgreSQL when the URL says so.

SQLite is set up so that it behaves like a server database for our purposes:

- WAL journal: readers do not block the writer, nor the writer the readers.
- Foreign keys enforced (SQLite leaves them off unless asked, per connection).
- A busy timeout: a writer waits for the lock instead of failing at once.
- Every transaction starts with `BEGIN IMMEDIATE`: it takes the write lock up front,
  so two units of work never both read the audit log's last hash and then both
  append after it. The sqlite3 driver's own transaction handling is switched off
  (`isolation_level = None`) and SQLAlchemy emits the BEGIN, as the SQLAlchemy
  documentation recommends for pysqlite ("Enabling Non-Legacy SQLite Transactional
  Modes"). This also makes DDL transactional, so a failed migration leaves nothing.

Units of work that only read use `reading_engine`: on SQLite its connections begin a deferred
transaction (one consistent snapshot, no write lock, so reads run beside the writer) and are
`query_only`; on PostgreSQL its transactions are READ ONLY. Either way a read that tries to
write fails instead of taking a lock. Pools are sized for the server's worker threads.
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import threading
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry

from forcegen.model.errors import InvalidInputError

SETTING = "FORCEGEN_DATABASE_URL"
DEFAULT_BUSY_TIMEOUT_MS = 15_000
DEFAULT_POOL_SIZE = 10
POOL_RECYCLE_SECONDS = 1800
"""PostgreSQL connections older than this are replaced at checkout. No ping precedes each
checkout (a round trip per transaction, a tenth of an autosave's): a connection the server
dropped fails one request, and SQLAlchemy then invalidates the whole pool, so the next
request reconnects."""

_SQLITE_DRIVERS = {"sqlite", "sqlite+pysqlite"}
_POSTGRES_DRIVER = "postgresql+psycopg"
# Bare PostgreSQL URLs (as many hosts hand them out) mean psycopg 3: the only driver we ship.
_POSTGRES_ALIASES = {"postgresql", "postgres", _POSTGRES_DRIVER}
_MEMORY_DATABASES = {"", ":memory:"}


def make_engine(
    url: str,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    pool_size: int = DEFAULT_POOL_SIZE,
) -> Engine:
    """Build the engine for `url`: `sqlite:///path/to/file.db` or `postgresql+psycopg://...`.

    For SQLite the file's directory is created if missing. The pool keeps up to `pool_size`
    connections (one per server thread that may be in a transaction at once).

    Raises:
        InvalidInputError: the URL is malformed, names another database or driver, or
            asks for an in-memory SQLite database; the message names FORCEGEN_DATABASE_URL.
    """
    parsed = _parse(url)
    if parsed.drivername in _SQLITE_DRIVERS:
        return _sqlite_engine(parsed, busy_timeout_ms=busy_timeout_ms, pool_size=pool_size)
    if parsed.drivername in _POSTGRES_ALIASES:
        _require_psycopg()
        return create_engine(
            parsed.set(drivername=_POSTGRES_DRIVER),
            pool_recycle=POOL_RECYCLE_SECONDS,
            pool_size=pool_size,
            max_overflow=0,  # PostgreSQL connections are shared with other services: no more
        )
    raise InvalidInputError(
        f"{SETTING}={_shown(parsed)} uses {parsed.drivername!r}, which forcegen does not "
        "support: use an SQLite file (sqlite:///var/forcegen.db) or PostgreSQL "
        "(postgresql+psycopg://user:password@host:5432/dbname)."
    )


def _require_psycopg() -> None:
    """psycopg is an optional extra: say how to install it rather than fail on an import."""
    if importlib.util.find_spec("psycopg") is None:
        raise InvalidInputError(
            f"{SETTING} names PostgreSQL, but its driver psycopg is not installed: run "
            "`pip install 'forcegen[postgres]'` (or use an SQLite file)."
        )


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as err:
        raise InvalidInputError(
            f"{SETTING}={url!r} is not a database URL: write it as "
            "sqlite:///var/forcegen.db or postgresql+psycopg://user:password@host:5432/dbname."
        ) from err


def _shown(url: URL) -> str:
    return repr(url.render_as_string(hide_password=True))


def reading_engine(engine: Engine, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    """The engine for units of work that only read, over the same database as `engine`.

    On PostgreSQL it shares `engine`'s pool; on SQLite it has a pool of its own.
    """
    if engine.dialect.name == "postgresql":
        return engine.execution_options(postgresql_readonly=True)
    reader = create_engine(engine.url, pool_size=engine.pool.size(), max_overflow=-1)  # type: ignore[attr-defined]

    def configure_connection(
        dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry
    ) -> None:
        if isinstance(dbapi_connection, sqlite3.Connection):
            _configure_sqlite(dbapi_connection, busy_timeout_ms=busy_timeout_ms)
            dbapi_connection.execute("PRAGMA query_only=ON").close()

    event.listen(reader, "connect", configure_connection)
    event.listen(reader, "begin", _begin_deferred)
    return reader


def _sqlite_engine(url: URL, *, busy_timeout_ms: int, pool_size: int) -> Engine:
    database = url.database or ""
    if database in _MEMORY_DATABASES or database.startswith("file::memory:"):
        raise InvalidInputError(
            f"{SETTING}={_shown(url)} is an in-memory SQLite database, which each "
            "connection would see empty: give a file path, e.g. sqlite:///var/forcegen.db."
        )
    if not database.startswith("file:"):
        _create_private_file(Path(database).expanduser())
    # An SQLite connection is a file handle: beyond the pool, more are opened and closed.
    engine = create_engine(url, pool_size=pool_size, max_overflow=-1)

    def configure_connection(
        dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry
    ) -> None:
        if isinstance(dbapi_connection, sqlite3.Connection):
            _configure_sqlite(dbapi_connection, busy_timeout_ms=busy_timeout_ms)

    writers = _WriterQueue(busy_timeout_ms / 1000)
    event.listen(engine, "connect", configure_connection)
    event.listen(engine, "begin", writers.begin_immediate)
    event.listen(engine, "commit", writers.release)
    event.listen(engine, "rollback", writers.release)
    return engine


class _WriterQueue:
    """The threads of one process take SQLite's write lock in turn, through a Python lock.

    SQLite lets one writer in at a time; the others wait in its busy handler, which polls
    with sleeps growing to 100 ms, so under a deadline day's autosaves a waiting save can
    sleep long after the lock came free. Waiting on a Python lock instead, a thread is
    woken the moment the writer before it commits. Other processes still meet at the busy
    timeout. Waiting is bounded by the same timeout: past it, BEGIN IMMEDIATE runs anyway
    and fails as SQLite would ("database is locked") instead of hanging.
    """

    def __init__(self, timeout_seconds: float) -> None:
        self._lock = threading.Lock()
        self._timeout = timeout_seconds
        self._holders: set[int] = set()  # ids of the connections holding the lock

    def begin_immediate(self, connection: Connection) -> None:
        if self._lock.acquire(timeout=self._timeout):
            self._holders.add(id(connection))
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self.release(connection)
            raise

    def release(self, connection: Connection) -> None:
        if id(connection) in self._holders:
            self._holders.discard(id(connection))
            self._lock.release()


def _create_private_file(path: Path) -> None:
    """Create a missing database file owner-only (0600, in a 0700 folder): it holds the
    answers in plain JSON. SQLite gives its -wal and -shm files the database file's mode."""
    if path.exists():
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def _configure_sqlite(connection: sqlite3.Connection, *, busy_timeout_ms: int) -> None:
    connection.isolation_level = None  # SQLAlchemy emits BEGIN itself; see module docstring
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={int(busy_timeout_ms)}",
    ):
        connection.execute(pragma).close()


def _begin_deferred(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")
