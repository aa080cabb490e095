"""A real forcegen server (the `forcegen` command, uvicorn, a temporary SQLite database) and
Debian's chromium driven by Playwright.

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
from pathlib import Path

import pytest
from browser_env import CHROMIUM, CHROMIUM_ARGS, COORDINATOR, SCREENSHOTS


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    reason = f"{CHROMIUM} is missing: install Debian's chromium (`make chromium`) to run this."
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _forcegen() -> str:
    script = Path(sys.executable).with_name("forcegen")
    return str(script) if script.exists() else shutil.which("forcegen") or "forcegen"


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


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a server over a fresh SQLite database with one coordinator."""
    _require_chromium()
    data_dir = tmp_path_factory.mktemp("server")
    env = os.environ | {
        "FORCEGEN_DATA_DIR": str(data_dir),
        "FORCEGEN_DATABASE_URL": f"sqlite:///{data_dir / 'forcegen.db'}",
        "FORCEGEN_SECRET_KEY": "browser-test-secret-key-0123456789abcdef",
        "FORCEGEN_COORDINATOR_PASSWORD": COORDINATOR[1],
    }
    subprocess.run(
        [_forcegen(), "init", "--username", COORDINATOR[0], "--display-name", "Alice"],
        env=env,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    log = data_dir / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [_forcegen(), "serve", "--host", "127.0.0.1", "--port", str(port)],
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


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
