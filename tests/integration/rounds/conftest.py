"""Fixtures for the round use cases, over the shared database fixtures (SQLite and PostgreSQL).

`rounds_env` bundles what every test needs: the shared `uow_factory` and `clock`, the packaged
catalog, and helpers to create a round and invite participants (see round_env.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from round_env import MovableClock, RoundsEnv
from sqlalchemy import Engine

from forcegen.catalog import load_catalog
from forcegen.service.ports import UnitOfWork
from forcegen.service.responding import answering


@pytest.fixture
def rounds_env(
    engine: Engine, clock: MovableClock, uow_factory: Callable[[], UnitOfWork]
) -> RoundsEnv:
    catalog = load_catalog()
    return RoundsEnv(
        engine=engine,
        clock=clock,
        catalog=catalog,
        vocabulary=answering.answer_vocabulary(catalog),
        uow=uow_factory,
    )
