"""`forcegen demo` makes its own SQLite database whatever FORCEGEN_DATABASE_URL says, and
serves dashboards as FORCEGEN_DASHBOARD_PROCESSES asks (in the server by default)."""

from __future__ import annotations

from pathlib import Path

import pytest

from forcegen.cli.demo import _fresh_services


def test_the_demo_uses_its_own_database_and_builds_dashboards_in_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCEGEN_DATABASE_URL", "postgresql+psycopg://nobody@192.0.2.1/not_this")
    monkeypatch.delenv("FORCEGEN_DASHBOARD_PROCESSES", raising=False)

    services = _fresh_services(tmp_path / "demo")
    try:
        assert services.settings.database_url.startswith("sqlite:")
        assert str(tmp_path / "demo") in services.settings.database_url
        assert services.settings.dashboard_processes == 0
    finally:
        services.close()


def test_the_demo_starts_dashboard_processes_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCEGEN_DASHBOARD_PROCESSES", "1")

    services = _fresh_services(tmp_path / "demo")
    try:
        assert services.settings.dashboard_processes == 1
    finally:
        services.close()
