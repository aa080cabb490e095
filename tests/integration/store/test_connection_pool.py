"""Each server process keeps FORCEGEN_DB_POOL_SIZE connections; on PostgreSQL never more, since
its connections are shared with every other process and service (max_connections)."""

from __future__ import annotations

from pathlib import Path

import pytest

from forcegen.bootstrap import build_services
from forcegen.config import Settings
from forcegen.model.errors import InvalidInputError

SECRET = "connection-pool-secret-key-0123456789abcdef"


def test_the_pool_holds_the_configured_number_of_connections(
    database_url: str, tmp_path: Path
) -> None:
    env = {
        "FORCEGEN_DATABASE_URL": database_url,
        "FORCEGEN_DATA_DIR": str(tmp_path),
        "FORCEGEN_SECRET_KEY": SECRET,
        "FORCEGEN_DB_POOL_SIZE": "3",
    }
    services = build_services(Settings.from_env(env))
    try:
        pool = services.engine.pool
        assert pool.size() == 3  # type: ignore[attr-defined]
        if database_url.startswith("postgresql"):
            assert pool._max_overflow == 0  # type: ignore[attr-defined]
    finally:
        services.close()


@pytest.mark.parametrize("value", ["0", "-2", "ten", ""])
def test_a_pool_size_that_is_not_a_positive_number_is_refused(value: str, tmp_path: Path) -> None:
    env = {"FORCEGEN_DATA_DIR": str(tmp_path), "FORCEGEN_SECRET_KEY": SECRET}
    with pytest.raises(InvalidInputError, match=r"FORCEGEN_DB_POOL_SIZE=.* connections"):
        Settings.from_env(env | {"FORCEGEN_DB_POOL_SIZE": value})
