"""Settings: read once from the environment by bootstrap, validated at start-up.

pydantic-settings reads the FORCEGEN_* variables (names, case, types); `Settings.from_env`
reads them from the mapping it is given rather than from the process, so the CLI's demo and
the tests can hand it their own, and it turns any malformed value into one line naming the
variable and what to write.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AliasChoices,
    Field,
    NonNegativeInt,
    PositiveInt,
    ValidationError,
    field_validator,
)
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from forcegen.model.errors import InvalidInputError
from forcegen.model.yes_no import yes_no

DEFAULT_DATA_DIR = Path("var")
_PREFIX = "FORCEGEN_"


def _flag(name: str, field: str) -> Any:
    """A yes/no field, off unless FORCEGEN_`name` says otherwise (`field` in code)."""
    return Field(default=False, validation_alias=AliasChoices(field, _PREFIX + name))


class Settings(BaseSettings):
    """Everything that differs between a laptop demo, CI and a ministry's server.

    Environment variables:
        FORCEGEN_DATABASE_URL   SQLAlchemy URL; default: an SQLite file under FORCEGEN_DATA_DIR
        FORCEGEN_DATA_DIR       where the SQLite file lives (default ./var)
        FORCEGEN_SECRET_KEY     signs the CSRF token of visitors without a session (>= 32
                                chars); session cookies are random ids kept server-side
        FORCEGEN_SECURE_COOKIES "true" behind HTTPS
        FORCEGEN_MAX_BODY_BYTES largest accepted request body (default 1 MiB)
        FORCEGEN_REDIS_URL      keep sessions and rate limits in Redis (default: the database)
        FORCEGEN_DB_POOL_SIZE   database connections each server process keeps (default 10)
        FORCEGEN_TRUSTED_PROXIES addresses or networks (comma-separated) whose
                                X-Forwarded-For is believed, e.g. 127.0.0.1,10.0.0.0/8
    """

    model_config = SettingsConfigDict(
        env_prefix=_PREFIX, frozen=True, extra="ignore", populate_by_name=True
    )

    database_url: str = ""
    secret_key: str = ""
    data_dir: Path = DEFAULT_DATA_DIR
    is_secure_cookies: bool = _flag("SECURE_COOKIES", "is_secure_cookies")
    max_body_bytes: PositiveInt = 1_048_576
    is_debug: bool = _flag("DEBUG", "is_debug")
    redis_url: str | None = None
    db_pool_size: PositiveInt = 10
    # processes beside each server process that build dashboards (`forcegen serve`: 2)
    dashboard_processes: NonNegativeInt = 0
    trusted_proxies: Annotated[tuple[IPv4Network | IPv6Network, ...], NoDecode] = ()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only what the constructor is given: `from_env` decides where values come from."""
        return (init_settings,)

    @field_validator("is_secure_cookies", "is_debug", mode="before")
    @classmethod
    def _yes_no(cls, value: object) -> object:
        return yes_no(value) if isinstance(value, str) else value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _networks(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        return tuple(
            ip_network(item.strip(), strict=False) for item in value.split(",") if item.strip()
        )

    @field_validator("redis_url", mode="before")
    @classmethod
    def _none_if_empty(cls, value: object) -> object:
        return value or None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Build settings from environment variables (e.g. `os.environ`).

        Raises:
            InvalidInputError: a setting is malformed; the message names the variable.
        """
        values = _FromMapping(cls, env)()
        try:
            parsed = cls(**values)
        except ValidationError as err:
            raise _setting_error(err, env) from None
        url = parsed.database_url or f"sqlite:///{parsed.data_dir / 'forcegen.db'}"
        secret = parsed.secret_key or _local_secret(parsed.data_dir)
        if len(secret) < 32:
            raise InvalidInputError(
                "FORCEGEN_SECRET_KEY is too short: use at least 32 random characters, e.g. "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
            )
        return parsed.model_copy(update={"database_url": url, "secret_key": secret})


class _FromMapping(EnvSettingsSource):
    """pydantic-settings' reading of environment variables, over a given mapping."""

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]) -> None:
        super().__init__(settings_cls)
        self.env_vars = {key.lower(): value for key, value in env.items()}


_ADVICE = {
    "is_secure_cookies": ("SECURE_COOKIES", "is not a yes/no value: use true or false"),
    "is_debug": ("DEBUG", "is not a yes/no value: use true or false"),
    "max_body_bytes": ("MAX_BODY_BYTES", "must be a positive whole number of bytes"),
    "db_pool_size": ("DB_POOL_SIZE", "must be a positive whole number of connections"),
    "dashboard_processes": (
        "DASHBOARD_PROCESSES",
        "must be a whole number of processes, 0 or more (0: dashboards are built in the server)",
    ),
    "trusted_proxies": (
        "TRUSTED_PROXIES",
        "is not a list of addresses: write them comma-separated, e.g. 127.0.0.1,10.0.0.0/8",
    ),
}


def _setting_error(err: ValidationError, env: Mapping[str, str]) -> InvalidInputError:
    field = str(err.errors()[0]["loc"][0])
    name, advice = _ADVICE.get(field, (field.upper(), "is not valid"))
    variable = _PREFIX + name
    return InvalidInputError(f"{variable}={env.get(variable)!r} {advice}.")


def _local_secret(data_dir: Path) -> str:
    """Keep a per-installation secret beside the SQLite file so sessions survive restarts."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    # Created owner-only from the first byte: a chmod after writing leaves a moment of 0644.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secret)
    return secret
