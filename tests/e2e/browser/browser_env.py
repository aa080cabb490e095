"""What the browser tests share: where chromium is, how it is started, who logs in, and a real
`forcegen serve` over a temporary SQLite database.

Without /usr/bin/chromium the browser tests skip with the reason; on CI (CI=true) they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

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
    script = Path(sys.executable).with_name("forcegen")
    return str(script) if script.exists() else shutil.which("forcegen") or "forcegen"


@contextmanager
def serving(env: dict[str, str], data_dir: Path) -> Iterator[str]:
    """Run `forcegen serve` on a free localhost port; yield its base URL; stop it after."""
    port = _free_port()
    log = data_dir / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [forcegen_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"forcegen serve exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/login", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(f"forcegen serve did not answer within 30 s:\n{log.read_text()}")
