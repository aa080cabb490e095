"""Blocking handlers run on as many threads as each process has database connections: more
could only wait for a connection, and under load they take the GIL from each other."""

from __future__ import annotations

from pathlib import Path

from anyio.to_thread import current_default_thread_limiter
from sqlalchemy import Engine
from starlette.testclient import TestClient
from web_world import build_services_on

from forcegen.web.app import create_app


async def _threads() -> float:
    return current_default_thread_limiter().total_tokens


def test_the_server_runs_handlers_on_one_thread_per_database_connection(
    engine: Engine, tmp_path: Path
) -> None:
    services = build_services_on(engine, tmp_path, db_pool_size=6)

    with TestClient(create_app(services)) as client:
        assert client.portal is not None  # the app's event loop, while the client is open
        threads = client.portal.call(_threads)

    assert threads == 6
