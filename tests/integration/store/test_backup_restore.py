"""Backups taken while writes keep coming are consistent, and restore into an empty database
that proves itself: the audit chain up to the backup's head and the same rows per table."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from forcegen.model.errors import InvalidInputError, RuleViolationError
from forcegen.service.audit_check import verify_audit
from forcegen.store.backup import read_manifest, restore_backup, row_counts, write_backup
from forcegen.store.engine import make_engine
from forcegen.store.uow import SqlUnitOfWork, make_session_factory

NOW = dt.datetime(2026, 12, 5, 6, 0, tzinfo=dt.UTC)

UowFactory = Callable[[], SqlUnitOfWork]


def record(uow_factory: UowFactory, number: int) -> None:
    with uow_factory() as uow:
        uow.audit.record(
            actor="a.martin",
            action="round.update",
            entity="round",
            entity_id="r1",
            payload={"change": number},
        )
        uow.commit()


@pytest.fixture
def empty_target(database_url: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of the same kind, where the backup's schema can be restored."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored' / 'forcegen.db'}"
        return
    source = make_url(database_url)
    name = f"forcegen_restore_{secrets.token_hex(4)}"
    admin = create_engine(source.set(query={}), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield source.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_backup_during_a_burst_of_writes_restores_and_verifies(
    engine: Engine, uow_factory: UowFactory, empty_target: str, tmp_path: Path
) -> None:
    for number in range(20):
        record(uow_factory, number)
    stop = threading.Event()
    written = [20]

    def burst() -> None:
        while not stop.is_set() and written[0] < 400:
            record(uow_factory, written[0])
            written[0] += 1

    writer = threading.Thread(target=burst)
    writer.start()
    try:
        while written[0] < 40:
            stop.wait(0.01)
        manifest = write_backup(engine, tmp_path / "backup.zip", now=NOW)
    finally:
        stop.set()
        writer.join()

    restore_backup(tmp_path / "backup.zip", empty_target)
    restored = make_engine(empty_target)
    try:
        report = verify_audit(
            uow=SqlUnitOfWork(make_session_factory(restored), uow_factory().clock),
            expected_head=manifest.audit_head,
        )
        with restored.connect() as connection:
            counts = row_counts(connection)
    finally:
        restored.dispose()

    assert report.is_intact, report.summary()
    assert manifest.audit_head is not None
    assert 40 <= manifest.audit_head.seq <= written[0]
    assert report.head == manifest.audit_head  # nothing more, nothing less than the copy
    assert counts == manifest.row_counts
    assert counts["audit_log"] == manifest.audit_head.seq


def test_a_restore_refuses_a_database_that_is_not_empty(
    engine: Engine, uow_factory: UowFactory, database_url: str, tmp_path: Path
) -> None:
    record(uow_factory, 1)
    write_backup(engine, tmp_path / "backup.zip", now=NOW)

    with pytest.raises(RuleViolationError, match="a restore goes into an empty database only"):
        restore_backup(tmp_path / "backup.zip", database_url)


def test_a_file_that_is_not_a_backup_is_named(tmp_path: Path) -> None:
    not_backup = tmp_path / "notes.zip"
    not_backup.write_bytes(b"PK not really a zip")

    with pytest.raises(InvalidInputError, match="is not a forcegen backup"):
        read_manifest(not_backup)
