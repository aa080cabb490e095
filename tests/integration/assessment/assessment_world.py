"""The demo database as the assessment tests use it: units of work, catalog, demo summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from forcegen.catalog import Catalog, load_catalog, load_public_dataset
from forcegen.service.demo import DemoSummary, load_demo
from forcegen.service.ports import UnitOfWork
from forcegen.store.engine import make_engine
from forcegen.store.migrate import upgrade
from forcegen.store.uow import SqlUnitOfWork, make_session_factory

NOW = dt.datetime(2025, 8, 20, 12, 0, tzinfo=dt.UTC)


class StillClock:
    """A clock that stands still: every change in the demo gets the same time."""

    def now(self) -> dt.datetime:
        return NOW


@dataclass(frozen=True)
class DemoWorld:
    """The demo database: units of work over it, the catalog, and what the demo created."""

    uow: Callable[[], UnitOfWork]
    catalog: Catalog
    demo: DemoSummary

    @property
    def round_id(self) -> str:
        return self.demo.round.id


def load_demo_world(url: str) -> tuple[DemoWorld, Callable[[], None]]:
    """Migrate the database at `url`, load the demo into it; return it and a closer."""
    engine = make_engine(url)
    upgrade(engine)
    factory = make_session_factory(engine)
    clock = StillClock()

    def uow() -> UnitOfWork:
        return SqlUnitOfWork(factory, clock)

    catalog = load_catalog()
    dataset = load_public_dataset()
    summary = load_demo(
        uow=uow,
        catalog=catalog,
        questionnaire=catalog.questionnaire(),
        vocabulary=catalog.answer_vocabulary(),
        sources=dataset.sources,
        positions=dataset.positions,
        pledges=dataset.pledges,
        accounts_to_create=(),
        now=NOW,
    )
    return DemoWorld(uow, catalog, summary), engine.dispose
