"""What the browser tests share: where chromium is, how it is started, who logs in, and a real
`forcegen serve` over a temporary SQLite database.

Without /usr/bin/chromium the browser tests skip with the reason; on CI (CI=true) they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import live_server
from live_server import forcegen

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COORDINATOR = ("alice", "a long coordinator passphrase")
ANALYST = ("ana", "a long analyst passphrase")
SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"


def require_chromium() -> None:
    """Skip (or, on CI, fail) when Debian's chromium is not installed."""
    if Path(CHROMIUM).exists():
        return
    reason = f"{CHROMIUM} is missing: install Debian's chromium (`make chromium`) to run this."
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def open_invitation(page: Any, link: str) -> None:
    """Open an invitation link as a respondent would, ending on their form at /respond.

    Every browser test enters through this one function, so a change in how the link
    leads to the form (say, a confirmation step) is made here once.
    """
    page.goto(link)
    page.get_by_role("button", name="Open the form").click()
    page.wait_for_url("**/respond")


def server_env(data_dir: Path) -> dict[str, str]:
    """The environment of a server over an SQLite file in `data_dir`."""
    return os.environ | {
        "FORCEGEN_DATA_DIR": str(data_dir),
        "FORCEGEN_DATABASE_URL": f"sqlite:///{data_dir / 'forcegen.db'}",
        "FORCEGEN_SECRET_KEY": "browser-test-secret-key-0123456789abcdef",
    }


def forcegen_command() -> str:
    return forcegen()


@contextmanager
def serving(env: dict[str, str], data_dir: Path) -> Iterator[str]:
    """Run `forcegen serve` on a free localhost port; yield its base URL; stop it after
    (its log is `data_dir/server.log`)."""
    with live_server.serving(env, data_dir / "server.log") as url:
        yield url
