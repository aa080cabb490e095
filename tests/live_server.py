"""A real `forcegen serve` process for tests that need one (browsers, several processes, the
server's own log): started on a free port, its output written to a file, stopped at the end."""

from __future__ import annotations

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

START_SECONDS = 90  # worker processes start slowly on a busy machine


def forcegen() -> str:
    """The `forcegen` script of this virtualenv (or the one on PATH)."""
    script = Path(sys.executable).with_name("forcegen")
    return str(script) if script.exists() else shutil.which("forcegen") or "forcegen"


@contextmanager
def serving(env: dict[str, str], log: Path, *options: str) -> Iterator[str]:
    """Run `forcegen serve` with `env` (and `options`, e.g. --workers 2) on a free localhost
    port until the block ends; yield its base URL. Its output goes to `log`."""
    port = _free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [forcegen(), "serve", "--host", "127.0.0.1", "--port", str(port), *options],
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
            process.wait(timeout=30)  # worker processes finish their requests first
        except subprocess.TimeoutExpired:
            process.kill()


def _free_port() -> int:
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if not 8000 <= port <= 8099:  # kept for the coordinator's own servers
            return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"forcegen serve exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/login", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(
        f"forcegen serve did not answer within {START_SECONDS} s:\n{log.read_text()}"
    )
