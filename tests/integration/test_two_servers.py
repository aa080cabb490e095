"""Two `forcegen serve` processes over one database share sessions and rate limits: a session
opened on one is honoured by the other and, once ended there, refused by both; failures
counted on one are limited on the other, whatever X-Forwarded-For a client writes. The same
with both keeping them in Redis. `forcegen serve --workers 2` starts two processes behind one
port, and a browser's session holds whichever of them answers."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from live_server import forcegen, serving

PASSWORD = "a long coordinator passphrase"
REDIS_URL = "redis://127.0.0.1:6379/13"
_CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def server_env(database_url: str, tmp_path: Path, username: str) -> dict[str, str]:
    """The environment of a test server whose coordinator `username` exists."""
    env = os.environ | {
        "FORCEGEN_DATABASE_URL": database_url,
        "FORCEGEN_DATA_DIR": str(tmp_path),
        "FORCEGEN_SECRET_KEY": "two-servers-secret-key-0123456789abcdef",
        "FORCEGEN_COORDINATOR_PASSWORD": PASSWORD,
        "FORCEGEN_TRUSTED_PROXIES": "10.0.0.0/8",  # not the tests' 127.0.0.1
    }
    subprocess.run(
        [forcegen(), "init", "--username", username], env=env, check=True, capture_output=True
    )
    return env


@pytest.fixture(params=["database", "redis"])
def two_servers(
    request: pytest.FixtureRequest, database_url: str, tmp_path: Path
) -> Iterator[tuple[str, str, str]]:
    """Two servers over one database (sessions and limits in it, or in Redis); a username."""
    if request.param == "redis" and not database_url.startswith("sqlite"):
        pytest.skip("Redis is tried once, beside SQLite: the database does not matter to it.")
    if request.param == "redis" and not redis_reachable():
        message = "Redis not reachable at 127.0.0.1:6379: start redis-server to run this."
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    username = f"coord{secrets.token_hex(4)}"
    env = server_env(database_url, tmp_path, username)
    if request.param == "redis":
        env["FORCEGEN_REDIS_URL"] = REDIS_URL
    with ExitStack() as stack:
        first = stack.enter_context(serving(env, tmp_path / "first.log"))
        second = stack.enter_context(serving(env, tmp_path / "second.log"))
        yield first, second, username


def log_in(base: str, username: str, password: str = PASSWORD) -> httpx.Client:
    client = httpx.Client(base_url=base, follow_redirects=False, timeout=10)
    csrf = _CSRF.search(client.get("/login").text)
    assert csrf is not None
    client.post(
        "/login", data={"username": username, "password": password, "csrf_token": csrf.group(1)}
    )
    return client


def on(base: str, cookies: httpx.Cookies) -> httpx.Client:
    return httpx.Client(base_url=base, cookies=cookies, follow_redirects=False, timeout=10)


def test_sessions_and_rate_limits_are_shared_by_two_server_processes(
    two_servers: tuple[str, str, str],
) -> None:
    first, second, username = two_servers
    browser = log_in(first, username)
    elsewhere = on(second, browser.cookies)

    assert browser.get("/rounds").status_code == 200
    assert elsewhere.get("/rounds").status_code == 200  # opened on the first, honoured here
    csrf = _CSRF.search(elsewhere.get("/rounds").text)
    assert csrf is not None
    elsewhere.post("/logout", data={"csrf_token": csrf.group(1)})
    assert on(first, browser.cookies).get("/rounds").status_code == 303  # ended on both

    for attempt in range(10):  # failures counted on the first server...
        log_in(first, username, f"wrong guess {attempt}")
    blocked = httpx.Client(base_url=second, follow_redirects=False, timeout=10)
    csrf = _CSRF.search(blocked.get("/login").text)
    assert csrf is not None
    answer = blocked.post(  # ...limit the second, even for the right password
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": csrf.group(1)}
    )
    assert answer.status_code == 429
    assert "Too many failed password attempts for this account" in answer.text

    # uvicorn rewrites no client address and 127.0.0.1 is not a configured proxy, so each
    # guess comes from 127.0.0.1 whatever X-Forwarded-For says, on either server.
    guesses = [guess_token(first, f"192.0.2.{n}") for n in range(10)]
    assert [*guesses, guess_token(second, "192.0.2.99")] == [401] * 10 + [429]


def guess_token(base: str, forwarded_for: str) -> int:
    headers = {"Authorization": "Bearer wrong", "X-Forwarded-For": forwarded_for}
    return httpx.get(f"{base}/api/respond", headers=headers, timeout=10).status_code


def test_serve_with_workers_runs_processes_that_share_a_browser_session(
    database_url: str, tmp_path: Path
) -> None:
    username = f"coord{secrets.token_hex(4)}"
    env = server_env(database_url, tmp_path, username)
    log = tmp_path / "workers.log"
    with serving(env, log, "--workers", "2") as url:
        browser = log_in(url, username)
        # Each fresh connection is accepted by whichever process takes it first.
        pages = [on(url, browser.cookies).get("/rounds").status_code for _ in range(20)]
        csrf = _CSRF.search(on(url, browser.cookies).get("/rounds").text)
        assert csrf is not None
        on(url, browser.cookies).post("/logout", data={"csrf_token": csrf.group(1)})
        after = [on(url, browser.cookies).get("/rounds").status_code for _ in range(20)]
        started = re.findall(r"Started server process \[(\d+)\]", log.read_text())

    assert len(set(started)) == 2
    assert pages == [200] * 20
    assert after == [303] * 20
