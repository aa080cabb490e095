"""Fixtures for the web app: services over the shared test database (SQLite and PostgreSQL,
from tests/conftest.py), and a populated world (see web_world.py)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from demo_world import Demo, build_demo
from sqlalchemy import Engine
from web_env import TestClient
from web_world import World, build_services_on, build_world

from forcegen.bootstrap import Services
from forcegen.service.accounts import users
from forcegen.service.accounts.credentials import hash_password
from forcegen.web import create_app


@pytest.fixture
def services(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    # argon2 takes about half a second per hash here; every world creates the same user, so
    # reuse one real hash of the test password (logging in still verifies it with argon2).
    monkeypatch.setattr(users, "hash_password", lambda password: password_hash(password))
    return build_services_on(engine, tmp_path)


@functools.cache
def password_hash(password: str) -> str:
    return hash_password(password)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The demo database (public dataset and illustrative round), shared by a module's tests."""
    built = build_demo(tmp_path_factory.mktemp("demo"))
    yield built
    built.services.engine.dispose()


@pytest.fixture
def world(services: Services) -> World:
    return build_world(services)


@pytest.fixture
def client(services: Services) -> TestClient:
    """A browser or API caller with no credentials, on an app over an empty database."""
    return TestClient(create_app(services), follow_redirects=False)
