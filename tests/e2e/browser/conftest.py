"""A real forcegen server (the `forcegen` command, uvicorn, a temporary SQLite database) and
Debian's chromium driven by Playwright.

Without /usr/bin/chromium the browser tests skip with the reason; on CI (CI=true) they fail.
"""

from __future__ import annotations

import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_env import (
    CHROMIUM,
    CHROMIUM_ARGS,
    COORDINATOR,
    SCREENSHOTS,
    forcegen_command,
    require_chromium,
    server_env,
    serving,
)
from respondent_world import World, demo_world
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ],
)
def database(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """The database a walk's server uses: None for SQLite in its data directory, or the URL
    of a fresh schema of its own in the session's PostgreSQL database."""
    if request.param == "sqlite":
        yield None
        return
    postgres: URL = request.getfixturevalue("postgres_database")
    schema = f"walk_{secrets.token_hex(6)}"
    owner = create_engine(postgres, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with owner.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = postgres.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with owner.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        owner.dispose()


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory, database: str | None) -> Iterator[str]:
    """The base URL of a server over a fresh database (SQLite, then PostgreSQL) with one
    coordinator."""
    require_chromium()
    data_dir = tmp_path_factory.mktemp("server")
    env = server_env(data_dir) | {"FORCEGEN_COORDINATOR_PASSWORD": COORDINATOR[1]}
    if database is not None:
        env["FORCEGEN_DATABASE_URL"] = database
    subprocess.run(
        [forcegen_command(), "init", "--username", COORDINATOR[0], "--display-name", "Alice"],
        env=env,
        check=True,
        capture_output=True,
    )
    with serving(env, data_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """A server over the demo database (SQLite), where each test opens a round of its own;
    one per test process, since loading the demo takes seconds."""
    require_chromium()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with demo_world(tmp_path_factory.mktemp("world")) as running:
        yield running
