"""The composition root: settings meet real adapters, and services are bound for the adapters.

Web, CLI and API all get a `Services` from `build_services(settings)` and call the same
`forcegen.service` use cases with its unit of work, catalog and clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from limits.storage import RedisStorage, Storage
from redis import Redis
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from forcegen.catalog import Catalog, load_catalog, load_public_dataset
from forcegen.config import Settings
from forcegen.model.errors import StorageUnavailableError
from forcegen.service.accounts.session_ports import SessionStore
from forcegen.service.assessment.cached import AssessmentCache
from forcegen.service.demo import DemoAccount, DemoSummary, load_demo
from forcegen.service.ports import Clock, UnitOfWork
from forcegen.service.public.views import PositionsCache
from forcegen.service.responding.form_questions import FormCache, new_form_cache
from forcegen.service.result_cache import ResultCache
from forcegen.store.engine import make_engine, reading_engine
from forcegen.store.migrate import upgrade
from forcegen.store.rate_limit_storage import SqlRateLimitStorage
from forcegen.store.uow import SqlUnitOfWork, make_session_factory
from forcegen.store.web_session_redis import RedisSessionStore
from forcegen.store.web_session_store import SqlSessionStore


class SystemClock:
    """The real clock, in UTC."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


@dataclass
class Services:
    """What every adapter needs: a unit of work per use case, the catalog and the clock."""

    settings: Settings
    catalog: Catalog
    clock: Clock
    engine: Engine
    reading_engine: Engine = field(init=False, repr=False)
    _session_factory: sessionmaker[Session] = field(init=False, repr=False)
    _reading_session_factory: sessionmaker[Session] = field(init=False, repr=False)
    sessions: SessionStore = field(init=False, repr=False)
    rate_limits: Storage = field(init=False, repr=False)
    assessments: AssessmentCache = field(init=False, repr=False)
    positions: PositionsCache = field(init=False, repr=False)
    forms: FormCache = field(init=False, repr=False)
    page_parts: ResultCache[Any] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.reading_engine = reading_engine(self.engine)
        self._session_factory = make_session_factory(self.engine)
        self._reading_session_factory = make_session_factory(self.reading_engine)
        # Per process; keyed by the data version read from the database (service/assessment/
        # cached.py), so every process serves only results of the data as it is now.
        self.assessments = ResultCache()
        self.positions = ResultCache()
        self.forms = new_form_cache()  # the questions of each invitation: they never change
        self.page_parts = ResultCache()  # e.g. the dashboard's probability panel
        # Sessions and rate-limit counters live where every server process sees them: the
        # database, or Redis when FORCEGEN_REDIS_URL is set.
        if self.settings.redis_url:
            self.sessions = RedisSessionStore(Redis.from_url(self.settings.redis_url))
            self.rate_limits = RedisStorage(self.settings.redis_url)
        else:
            self.sessions = SqlSessionStore(self.engine, reader=self.reading_engine)
            self.rate_limits = SqlRateLimitStorage(self.engine)

    def uow(self) -> UnitOfWork:
        """A fresh unit of work (one transaction) for one use case; `uow().reading()` for a
        use case that only reads."""
        return SqlUnitOfWork(
            self._session_factory,
            self.clock,
            reading_session_factory=self._reading_session_factory,
        )

    def close(self) -> None:
        self.reading_engine.dispose()
        self.engine.dispose()


def build_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    """Connect to the database (creating or upgrading its schema) and load the catalog.

    Raises:
        InvalidInputError: the database URL is unsupported.
        StorageUnavailableError: the database cannot be reached or is not a database.
        DataFileError: a packaged data file does not validate.
    """
    if settings.database_url.startswith("sqlite:///"):
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    engine = make_engine(settings.database_url, pool_size=settings.db_pool_size)
    try:
        upgrade(engine)
    except DBAPIError as err:
        engine.dispose()
        raise _unavailable(settings.database_url, err) from err
    return Services(
        settings=settings, catalog=load_catalog(), clock=clock or SystemClock(), engine=engine
    )


def _unavailable(url: str, err: DBAPIError) -> StorageUnavailableError:
    shown = make_url(url).render_as_string(hide_password=True)
    reason = str(err.orig).strip().splitlines()[0] if err.orig else type(err).__name__
    return StorageUnavailableError(
        f"Cannot use the database {shown} ({reason}). Check that the server is running and "
        "FORCEGEN_DATABASE_URL is right, or that the file is a forcegen database."
    )


def load_packaged_demo(services: Services, accounts: tuple[DemoAccount, ...]) -> DemoSummary:
    """Load the shipped public dataset and the illustrative round derived from it into the
    empty database of `services`, with `accounts` (what `forcegen demo` and the tests share)."""
    dataset = load_public_dataset()
    catalog = services.catalog
    return load_demo(
        uow=services.uow,
        catalog=catalog,
        questionnaire=catalog.questionnaire(),
        vocabulary=catalog.answer_vocabulary(),
        sources=dataset.sources,
        positions=dataset.positions,
        pledges=dataset.pledges,
        accounts_to_create=accounts,
        now=services.clock.now(),
    )
