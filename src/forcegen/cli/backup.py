"""`forcegen backup` and `forcegen restore`: a consistent copy while the server runs, and a
restore into an empty database that proves itself against the backup's manifest."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console

from forcegen.cli import context
from forcegen.cli.app import app
from forcegen.config import Settings
from forcegen.model.errors import IntegrityError
from forcegen.service import audit_check
from forcegen.store.backup import BackupManifest, restore_backup, row_counts, write_backup

_out = Console(highlight=False, soft_wrap=True)


@app.command()
def backup(
    output: Path = typer.Option(..., "--output", help="The backup file to write (mode 600)."),
) -> None:
    """Copy the database into one file while the server keeps running (SQLite's online
    backup API, or pg_dump for PostgreSQL), with its audit head and row counts."""
    services = context.services()
    manifest = write_backup(services.engine, output, now=services.clock.now())
    _out.print(f"Backup written to {output}: {_describe(manifest)}.")
    _out.print(f"Check it now and then: `forcegen restore {output}` into an empty database.")


@app.command()
def restore(
    backup_file: Path = typer.Argument(..., help="A file written by `forcegen backup`."),
) -> None:
    """Load a backup into an empty database (FORCEGEN_DATABASE_URL or FORCEGEN_DATA_DIR), then
    verify it: the audit chain up to the backup's head, every response version, row counts."""
    settings = Settings.from_env(os.environ)
    if settings.database_url.startswith("sqlite:///"):
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    manifest = restore_backup(backup_file, settings.database_url)
    services = context.services()
    report = audit_check.verify_audit(uow=services.uow(), expected_head=manifest.audit_head)
    report.raise_if_broken()
    with services.engine.connect() as connection:
        counts = row_counts(connection)
    differ = [
        f"{name} {counts.get(name)} instead of {expected}"
        for name, expected in manifest.row_counts.items()
        if counts.get(name) != expected
    ]
    if differ:
        raise IntegrityError(
            f"The restored database differs from the backup's manifest: {'; '.join(differ)}. "
            "Do not use it: restore again from another copy."
        )
    _out.print(f"Restored and verified: {_describe(manifest)}. {report.summary()}")


def _describe(manifest: BackupManifest) -> str:
    rows = sum(count for name, count in manifest.row_counts.items() if name != "alembic_version")
    head = f", audit head {manifest.audit_head}" if manifest.audit_head else ""
    return (
        f"{manifest.backend}, {rows} rows in {len(manifest.row_counts) - 1} tables{head}, "
        f"taken {manifest.created_at:%Y-%m-%d %H:%M:%S} UTC"
    )
