"""Shared fixtures: a migrated database on each backend, units of work over it, a fixed clock.

`database_url` runs a test once on an SQLite file and once on PostgreSQL. Each
PostgreSQL test gets its own schema inside a database created for this pytest process
(one per xdist worker) and dropped at the end, so runs never see each other's rows.
PostgreSQL comes from FORCEGEN_TEST_POSTGRES_URL; when it cannot be reached the tests
are skipped, except on CI (CI=true), where they fail.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Callable, Iterator

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from forcegen.service.accounts import credentials
from forcegen.store.engine import make_engine, reading_engine
from forcegen.store.migrate import upgrade
from forcegen.store.uow import SqlUnitOfWork, make_session_factory
from hypothesis_profiles import load_profile

# Property tests check behaviour, not speed (no deadline); `make mutation` asks for fewer
# examples. The profiles are in hypothesis_profiles.py.
load_profile()

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
FIXED_NOW = dt.datetime(2025, 8, 20, 12, 0, tzinfo=dt.UTC)


class FixedClock:
    """A Clock that stands still until told to move."""

    def __init__(self, now: dt.datetime = FIXED_NOW) -> None:
        self._now = now

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, delta: dt.timedelta) -> None:
        self._now += delta


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """Hash passwords with argon2id's cheapest parameters while testing.

    The production parameters cost most of a second per hash on a small CI machine, and
    many tests create accounts; the code path and the hash format stay the same.
    """
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(credentials, "_HASHER", cheap)
        yield


@pytest.fixture
def clock() -> FixedClock:
    """The clock of every unit of work made by `uow_factory`: 2025-08-20 12:00 UTC."""
    return FixedClock()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[URL]:
    """A database of its own for this pytest process, dropped when the session ends."""
    admin_url = os.environ.get("FORCEGEN_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"forcegen_test_{worker}_{secrets.token_hex(4)}"
    admin = create_engine(
        admin_url,
        isolation_level="AUTOCOMMIT",
        poolclass=NullPool,
        connect_args={"connect_timeout": 5},
    )
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as err:
        admin.dispose()
        _postgres_unreachable(admin_url, err)
    try:
        yield make_url(admin_url).set(database=name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _postgres_unreachable(url: str, err: Exception) -> None:
    shown = make_url(url).render_as_string(hide_password=True)
    message = (
        f"PostgreSQL not reachable at {shown}: start it with "
        "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, "
        f"or point FORCEGEN_TEST_POSTGRES_URL at a server ({type(err).__name__})."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """An empty database: an SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'forcegen.db'}"
        return
    database: URL = request.getfixturevalue("postgres_database")
    schema = f"t_{secrets.token_hex(6)}"
    owner = create_engine(database, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with owner.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = database.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with owner.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        owner.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """The engine for `database_url`, migrated to the newest revision."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def uow_factory(engine: Engine, clock: FixedClock) -> Iterator[Callable[[], SqlUnitOfWork]]:
    """Make a fresh unit of work over the migrated database, timed by the fixed clock
    (`.reading()` ones through the read-only engine, as in the application)."""
    session_factory = make_session_factory(engine)
    reader = reading_engine(engine)
    reading_factory = make_session_factory(reader)
    yield lambda: SqlUnitOfWork(session_factory, clock, reading_session_factory=reading_factory)
    reader.dispose()
