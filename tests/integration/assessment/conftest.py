"""Fixtures for the assessment: the demo database (public dataset + illustrative round) on each
backend, built once per module, and the packaged catalog.

The demo takes a couple of seconds to load, so it is shared by the tests of a module; they
only read it. PostgreSQL gets a schema of its own in the session's test database
(`postgres_database` in tests/conftest.py) and is skipped when the server is unreachable,
except on CI.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from assessment_world import DemoWorld, load_demo_world
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from forcegen.catalog import Catalog, load_catalog


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ],
)
def demo_world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoWorld]:
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("demo") / "forcegen.db"
        world, close = load_demo_world(f"sqlite:///{path}")
        yield world
        close()
        return
    database: URL = request.getfixturevalue("postgres_database")
    schema = f"a_{secrets.token_hex(6)}"
    owner = create_engine(database, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with owner.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = database.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        world, close = load_demo_world(url.render_as_string(hide_password=False))
        yield world
        close()
    finally:
        with owner.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        owner.dispose()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()
