"""How CLI commands get their services: settings from the environment, built once per process."""

from __future__ import annotations

import getpass
import os
from functools import cache

from forcegen.bootstrap import Services, build_services
from forcegen.config import Settings


@cache
def services() -> Services:
    """The services bound to FORCEGEN_DATABASE_URL (default: ./var/forcegen.db)."""
    return build_services(Settings.from_env(os.environ))


def reset() -> None:
    """Forget the cached services (tests switch databases between invocations)."""
    if services.cache_info().currsize:
        services().close()
    services.cache_clear()


def actor() -> str:
    """How the person at this terminal appears in the audit log."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"
