"""Settings: read once from the environment by bootstrap, validated at start-up."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path

from forcegen.model.errors import InvalidInputError
from forcegen.model.yes_no import yes_no

DEFAULT_DATA_DIR = Path("var")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that differs between a laptop demo, CI and a ministry's server.

    Environment variables:
        FORCEGEN_DATABASE_URL   SQLAlchemy URL; default: an SQLite file under FORCEGEN_DATA_DIR
        FORCEGEN_DATA_DIR       where the SQLite file lives (default ./var)
        FORCEGEN_SECRET_KEY     signs session cookies and CSRF tokens (>= 32 chars)
        FORCEGEN_SECURE_COOKIES "true" behind HTTPS
        FORCEGEN_MAX_BODY_BYTES largest accepted request body (default 1 MiB)
        FORCEGEN_REDIS_URL      keep sessions and rate limits in Redis (default: the database)
        FORCEGEN_TRUSTED_PROXIES addresses or networks (comma-separated) whose
                                X-Forwarded-For is believed, e.g. 127.0.0.1,10.0.0.0/8
    """

    database_url: str
    secret_key: str
    data_dir: Path = DEFAULT_DATA_DIR
    is_secure_cookies: bool = False
    max_body_bytes: int = 1_048_576
    is_debug: bool = False
    redis_url: str | None = None
    trusted_proxies: tuple[IPv4Network | IPv6Network, ...] = ()

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Build settings from environment variables.

        Raises:
            InvalidInputError: a setting is malformed; the message names the variable.
        """
        data_dir = Path(env.get("FORCEGEN_DATA_DIR", str(DEFAULT_DATA_DIR)))
        url = env.get("FORCEGEN_DATABASE_URL") or f"sqlite:///{data_dir / 'forcegen.db'}"
        secret = env.get("FORCEGEN_SECRET_KEY") or _local_secret(data_dir)
        if len(secret) < 32:
            raise InvalidInputError(
                "FORCEGEN_SECRET_KEY is too short: use at least 32 random characters, e.g. "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
            )
        return cls(
            database_url=url,
            secret_key=secret,
            data_dir=data_dir,
            is_secure_cookies=_flag(env, "FORCEGEN_SECURE_COOKIES"),
            max_body_bytes=_positive_int(env, "FORCEGEN_MAX_BODY_BYTES", 1_048_576),
            is_debug=_flag(env, "FORCEGEN_DEBUG"),
            redis_url=env.get("FORCEGEN_REDIS_URL") or None,
            trusted_proxies=_networks(env, "FORCEGEN_TRUSTED_PROXIES"),
        )


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env.get(name, "false")
    answer = yes_no(value)
    if answer is None:
        raise InvalidInputError(f"{name}={value!r} is not a yes/no value: use true or false.")
    return answer


def _networks(env: Mapping[str, str], name: str) -> tuple[IPv4Network | IPv6Network, ...]:
    items = [item.strip() for item in env.get(name, "").split(",") if item.strip()]
    try:
        return tuple(ip_network(item, strict=False) for item in items)
    except ValueError as err:
        raise InvalidInputError(
            f"{name}={env.get(name)!r} is not a list of addresses: write them comma-separated, "
            "e.g. 127.0.0.1,10.0.0.0/8."
        ) from err


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise InvalidInputError(f"{name}={raw!r} must be a positive whole number of bytes.")
    return int(raw)


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
