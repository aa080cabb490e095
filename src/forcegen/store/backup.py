"""Backups: a consistent copy of a live database in one file, and its restore into an empty one.

A backup is a zip archive holding the data and a manifest of what the data must prove:

    manifest.json     {"forcegen_backup": 1, "backend": "sqlite", "created_at": "...",
                       "revision": "0004_...", "audit_head": "1742:3b0c...", "schema": "public",
                       "row_counts": {"audit_log": 1742, "users": 3, ...}}
    database.sqlite   SQLite: a copy made with SQLite's online backup API
    database.pgdump   PostgreSQL: `pg_dump --format=custom` of forcegen's schema

Both copies are consistent while the server keeps writing: SQLite's backup API copies one
snapshot; on PostgreSQL the manifest's counts and head are read in a REPEATABLE READ
transaction whose snapshot pg_dump shares (`--snapshot`). A restore goes only into an empty
database and is then checked against the manifest (see cli/backup.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, column, func, inspect, select, table
from sqlalchemy.engine import URL, make_url

from forcegen.model.audit import AuditHead
from forcegen.model.errors import InvalidInputError, RuleViolationError, StorageUnavailableError
from forcegen.store.engine import make_engine
from forcegen.store.migrate import row_metadata
from forcegen.store.rows_core import AuditRow

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_DATA = {"sqlite": "database.sqlite", "postgresql": "database.pgdump"}


@dataclass(frozen=True)
class BackupManifest:
    """What a backup holds: its backend, schema revision, audit head and rows per table."""

    backend: str
    created_at: dt.datetime
    revision: str | None
    audit_head: AuditHead | None
    row_counts: dict[str, int]
    schema: str = "public"

    def to_json(self) -> str:
        return json.dumps(
            {
                "forcegen_backup": FORMAT_VERSION,
                "backend": self.backend,
                "created_at": self.created_at.isoformat(),
                "revision": self.revision,
                "audit_head": str(self.audit_head) if self.audit_head else None,
                "row_counts": self.row_counts,
                "schema": self.schema,
            },
            indent=2,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> BackupManifest:
        data = json.loads(text)
        if data.get("forcegen_backup") != FORMAT_VERSION or data.get("backend") not in _DATA:
            raise ValueError("not a forcegen backup manifest")
        head = data.get("audit_head")
        return cls(
            backend=data["backend"],
            created_at=dt.datetime.fromisoformat(data["created_at"]),
            revision=data.get("revision"),
            audit_head=AuditHead.parse(head) if head else None,
            row_counts={str(k): int(v) for k, v in data["row_counts"].items()},
            schema=str(data.get("schema") or "public"),
        )


def row_counts(connection: Connection) -> dict[str, int]:
    """Rows per forcegen table (and the migration marker), as the connection sees them."""
    names = [*sorted(row_metadata().tables), "alembic_version"]
    return {
        name: int(connection.scalar(select(func.count()).select_from(table(name))) or 0)
        for name in names
    }


def audit_head_of(connection: Connection) -> AuditHead | None:
    last = connection.execute(
        select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)
    ).first()
    return AuditHead(seq=last.seq, hash=last.hash) if last else None


def write_backup(engine: Engine, output: Path, *, now: dt.datetime) -> BackupManifest:
    """Copy the database behind `engine` into the archive `output` and return its manifest.

    Raises:
        StorageUnavailableError: pg_dump is missing or failed.
    """
    with tempfile.TemporaryDirectory(prefix="forcegen-backup-") as scratch:
        data = Path(scratch) / _DATA[engine.dialect.name]
        if engine.dialect.name == "sqlite":
            manifest = _sqlite_copy(engine, data, now=now)
        else:
            manifest = _postgres_dump(engine, data, now=now)
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with (
            os.fdopen(descriptor, "wb") as handle,
            zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        ):
            archive.writestr(MANIFEST, manifest.to_json())
            archive.write(data, data.name)
    return manifest


def read_manifest(path: Path) -> BackupManifest:
    """Raises: InvalidInputError when `path` is not a forcegen backup."""
    try:
        with zipfile.ZipFile(path) as archive:
            return BackupManifest.from_json(archive.read(MANIFEST).decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as err:
        raise InvalidInputError(
            f"{str(path)!r} is not a forcegen backup (a zip with {MANIFEST}): give a file "
            "written by `forcegen backup --output FILE`."
        ) from err


def restore_backup(path: Path, url: str) -> BackupManifest:
    """Load the backup at `path` into the empty database at `url`.

    Raises:
        InvalidInputError: not a backup, or made from the other kind of database.
        RuleViolationError: the target database already holds tables.
        StorageUnavailableError: pg_restore is missing or failed.
    """
    manifest = read_manifest(path)
    engine = make_engine(url)
    try:
        if engine.dialect.name != manifest.backend:
            raise InvalidInputError(
                f"{str(path)!r} is a {manifest.backend} backup and FORCEGEN_DATABASE_URL names "
                f"a {engine.dialect.name} database: restore into the same kind of database."
            )
        _require_empty(engine)
        with tempfile.TemporaryDirectory(prefix="forcegen-restore-") as scratch:
            with zipfile.ZipFile(path) as archive:
                data = Path(archive.extract(_DATA[manifest.backend], scratch))
            if manifest.backend == "sqlite":
                _sqlite_load(data, engine)
            else:
                _postgres_load(data, engine, manifest.schema)
    finally:
        engine.dispose()
    return manifest


def _require_empty(engine: Engine) -> None:
    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
    if tables:
        raise RuleViolationError(
            f"The target database already holds {len(tables)} tables ({', '.join(tables[:3])}"
            f"{'...' if len(tables) > 3 else ''}): a restore goes into an empty database only, "
            "so nothing is overwritten. Point FORCEGEN_DATABASE_URL (or FORCEGEN_DATA_DIR) at "
            "a new database."
        )


def _sqlite_copy(engine: Engine, data: Path, *, now: dt.datetime) -> BackupManifest:
    source = sqlite3.connect(_sqlite_path(engine))
    target = sqlite3.connect(data)
    try:
        source.backup(target)  # the online backup API: one consistent snapshot
    finally:
        source.close()
        target.close()
    copy = make_engine(f"sqlite:///{data}")
    try:
        with copy.connect() as connection:
            return _manifest(connection, "sqlite", now=now, schema="main")
    finally:
        copy.dispose()


def _sqlite_load(data: Path, engine: Engine) -> None:
    source = sqlite3.connect(data)
    target = sqlite3.connect(_sqlite_path(engine))
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _sqlite_path(engine: Engine) -> str:
    return str(Path(engine.url.database or "").expanduser())


def _manifest(
    connection: Connection, backend: str, *, now: dt.datetime, schema: str
) -> BackupManifest:
    counts = row_counts(connection)
    revision = connection.scalar(select(table("alembic_version", column("version_num"))))
    return BackupManifest(
        backend=backend,
        created_at=now,
        revision=str(revision) if revision else None,
        audit_head=audit_head_of(connection),
        row_counts=counts,
        schema=schema,
    )


def _postgres_dump(engine: Engine, data: Path, *, now: dt.datetime) -> BackupManifest:
    tool = _pg_tool("pg_dump")
    with (
        engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection,
        connection.begin(),
    ):
        snapshot = connection.scalar(select(func.pg_export_snapshot()))
        schema = str(connection.scalar(select(func.current_schema())))
        manifest = _manifest(connection, "postgresql", now=now, schema=schema)
        _run(
            [
                tool,
                "--format=custom",
                "--no-owner",
                "--no-acl",
                f"--snapshot={snapshot}",
                f"--schema={schema}",
                f"--file={data}",
                _dsn(engine.url),
            ],
            engine.url,
        )
    return manifest


def _postgres_load(data: Path, engine: Engine, schema: str) -> None:
    tool = _pg_tool("pg_restore")
    listing = _run([tool, "--list", str(data)], engine.url)
    with engine.connect() as connection:
        has_schema = schema in inspect(connection).get_schema_names()
    keep = [
        line
        for line in listing.splitlines()
        if not (has_schema and (f"SCHEMA - {schema} " in line or f" SCHEMA {schema} " in line))
    ]
    selected = data.with_suffix(".list")
    selected.write_text("\n".join(keep) + "\n", encoding="utf-8")
    _run(
        [
            tool,
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            f"--use-list={selected}",
            f"--dbname={_dsn(engine.url)}",
            str(data),
        ],
        engine.url,
    )


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise StorageUnavailableError(
            f"{name} is not installed: install PostgreSQL's client tools (`make` does it, or "
            "`apt-get install postgresql-client`) to back up or restore PostgreSQL."
        )
    return found


def _dsn(url: URL) -> str:
    """The libpq address without the password (passed in PGPASSWORD, out of `ps`)."""
    return make_url(url).set(drivername="postgresql", password=None).render_as_string()


def _run(command: list[str], url: URL) -> str:
    env = os.environ | ({"PGPASSWORD": url.password} if url.password else {})
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise StorageUnavailableError(
            f"{Path(command[0]).name} failed ({reason}): check that the database is reachable "
            "and the client tools' version is not older than the server's."
        )
    return result.stdout
