"""The load bench's server: a fresh database with a round of invitations, and `forcegen serve`.

The database is new for every run: a temporary SQLite file, or a database created on the
PostgreSQL server the URL names (and dropped afterwards). It holds what a deadline day needs:
the demo's accounts and public record, and one round with many invitations whose links the
bench keeps. The server is the real `forcegen serve`, listening on 127.0.0.1 only.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from forcegen.bootstrap import build_services
from forcegen.cli.demo import load_demo_into
from forcegen.config import Settings
from forcegen.model.participant import ParticipantKind
from forcegen.model.user import Role
from forcegen.service.rounds import coordinating

HOST = "127.0.0.1"
START_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Account:
    """A login of the demo: who the readers log in as."""

    role: Role
    username: str
    password: str


@dataclass(frozen=True)
class Fixture:
    """What the bench knows about the database it prepared."""

    round_id: str
    links: dict[str, str]  # participant code -> invitation path (/respond/<token>)
    coordinator: Account
    analyst: Account


@dataclass(frozen=True)
class Database:
    """A fresh database: its URL, and what it is called in the report line."""

    url: str
    kind: str


@contextmanager
def fresh_database(url: str | None, work_dir: Path) -> Iterator[Database]:
    """An empty database for one run; a PostgreSQL one is dropped when the run ends."""
    if not url:
        yield Database(f"sqlite:///{work_dir / 'forcegen.db'}", "SQLite")
        return
    admin_url = make_url(url)
    if not admin_url.drivername.startswith("postgresql"):
        raise SystemExit(f"--database {url!r}: give a PostgreSQL URL, or none for SQLite.")
    name = f"forcegen_load_{secrets.token_hex(4)}"
    admin = create_engine(
        admin_url.set(drivername="postgresql+psycopg"),
        isolation_level="AUTOCOMMIT",
        poolclass=NullPool,
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        fresh = admin_url.set(drivername="postgresql+psycopg", database=name)
        yield Database(fresh.render_as_string(hide_password=False), "PostgreSQL")
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def server_env(database: Database, work_dir: Path) -> dict[str, str]:
    """The environment of the bench's server (and of the set-up, which uses the same)."""
    return os.environ | {
        "FORCEGEN_DATABASE_URL": database.url,
        "FORCEGEN_DATA_DIR": str(work_dir),
        "FORCEGEN_SECRET_KEY": secrets.token_urlsafe(48),
    }


def prepare(env: dict[str, str], invitations: int) -> Fixture:
    """Load the demo (accounts, public record, illustrative round) and open a bench round
    with `invitations` states invited, keeping each invitation's link."""
    services = build_services(Settings.from_env(env))
    try:
        summary = load_demo_into(services)
        accounts = {
            account.role: Account(account.role, account.username, account.password)
            for account in summary.accounts
        }
        catalog = services.catalog
        states = sorted(
            code for code, p in catalog.participants.items() if p.kind is ParticipantKind.STATE
        )
        if len(states) < invitations:
            raise SystemExit(f"Only {len(states)} states to invite; asked for {invitations}.")
        created = coordinating.create_round(
            uow=services.uow(),
            questionnaire=catalog.questionnaire(),
            title="Load bench round",
            deadline=dt.datetime.now(dt.UTC) + dt.timedelta(days=30),
            actor="cli:bench",
        )
        issued = coordinating.invite(
            uow=services.uow(),
            catalog=catalog,
            round_id=created.id,
            participant_codes=states[:invitations],
            actor="cli:bench",
        )
    finally:
        services.close()
    return Fixture(
        round_id=created.id,
        links={item.invitation.participant_code: f"/respond/{item.token}" for item in issued},
        coordinator=accounts[Role.COORDINATOR],
        analyst=accounts[Role.ANALYST],
    )


@contextmanager
def serving(env: dict[str, str], work_dir: Path, *, workers: int) -> Iterator[str]:
    """Run `forcegen serve` on a free port of 127.0.0.1; yield its base URL; stop it after."""
    port = _free_port()
    command = [_forcegen(), "serve", "--host", HOST, "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    log = work_dir / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://{HOST}:{port}"
    try:
        _wait_until_up(url, process, log)
        yield url
    except BaseException:
        print(f"load: the server's log ends with:\n{_tail(log)}", file=sys.stderr, flush=True)
        raise
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def server_pids(url: str) -> list[int]:
    """The ids of the processes listening on the bench server's port (for profiling)."""
    port = url.rsplit(":", 1)[1]
    found = subprocess.run(
        ["ss", "-Htlnp", f"sport = :{port}"], capture_output=True, text=True, check=False
    ).stdout
    return sorted({int(part.split(",")[0]) for part in found.split("pid=")[1:]})


def _forcegen() -> str:
    script = Path(sys.executable).with_name("forcegen")
    return str(script) if script.exists() else shutil.which("forcegen") or "forcegen"


def _free_port() -> int:
    while True:
        with socket.socket() as sock:
            sock.bind((HOST, 0))
            port = int(sock.getsockname()[1])
        if not 8000 <= port <= 8099:  # reserved for the coordinator's servers
            return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"forcegen serve exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/login", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"forcegen serve did not answer within {START_TIMEOUT_SECONDS} s.")
