"""Settings come from FORCEGEN_* variables; a malformed one stops start-up with one line
naming the variable and what to write."""

from __future__ import annotations

from ipaddress import ip_network
from pathlib import Path

import pytest

from forcegen.config import Settings
from forcegen.model.errors import InvalidInputError

KEY = {"FORCEGEN_SECRET_KEY": "k" * 40}


def test_every_variable_is_read(tmp_path: Path) -> None:
    settings = Settings.from_env(
        KEY
        | {
            "FORCEGEN_DATA_DIR": str(tmp_path),
            "FORCEGEN_SECURE_COOKIES": "yes",
            "FORCEGEN_MAX_BODY_BYTES": "2048",
            "FORCEGEN_REDIS_URL": "redis://cache:6379/0",
            "FORCEGEN_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8",
        }
    )

    assert settings.database_url == f"sqlite:///{tmp_path / 'forcegen.db'}"
    assert settings.is_secure_cookies is True
    assert settings.max_body_bytes == 2048
    assert settings.redis_url == "redis://cache:6379/0"
    assert settings.trusted_proxies == (ip_network("127.0.0.1/32"), ip_network("10.0.0.0/8"))


def test_only_the_mapping_given_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FORCEGEN_SECURE_COOKIES", "true")

    settings = Settings.from_env(KEY | {"FORCEGEN_DATA_DIR": str(tmp_path)})

    assert settings.is_secure_cookies is False


def test_without_a_key_one_is_kept_beside_the_database(tmp_path: Path) -> None:
    first = Settings.from_env({"FORCEGEN_DATA_DIR": str(tmp_path)})
    again = Settings.from_env({"FORCEGEN_DATA_DIR": str(tmp_path)})

    assert len(first.secret_key) >= 32
    assert again.secret_key == first.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("FORCEGEN_SECURE_COOKIES", "maybe", "is not a yes/no value: use true or false"),
        ("FORCEGEN_MAX_BODY_BYTES", "-1", "must be a positive whole number of bytes"),
        ("FORCEGEN_TRUSTED_PROXIES", "proxy.local", "is not a list of addresses"),
        ("FORCEGEN_SECRET_KEY", "short", "FORCEGEN_SECRET_KEY is too short"),
    ],
)
def test_a_malformed_setting_names_the_variable(variable: str, value: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=variable) as raised:
        Settings.from_env(KEY | {variable: value})

    assert message in raised.value.message
