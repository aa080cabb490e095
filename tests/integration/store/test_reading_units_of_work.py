"""Units of work that only read: they cannot write, and on SQLite they never wait for a writer."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import DBAPIError

from forcegen.model.response_head import ResponseTally
from forcegen.service.ports import Clock
from forcegen.store.engine import make_engine, reading_engine
from forcegen.store.migrate import upgrade
from forcegen.store.rows_rounds import ResponseRow, ResponseVersionRow
from forcegen.store.uow import SqlUnitOfWork, make_session_factory


def test_a_reading_unit_of_work_refuses_to_write(
    uow_factory: Callable[[], SqlUnitOfWork],
) -> None:
    with uow_factory().reading() as uow, pytest.raises(DBAPIError):
        uow.audit.record(actor="user:alice", action="user.create", entity="user", entity_id="1")

    with uow_factory() as uow:
        assert uow.audit.entries() == []


def test_on_sqlite_a_read_runs_while_a_writer_holds_the_lock(tmp_path: Path, clock: Clock) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'forcegen.db'}", busy_timeout_ms=5_000)
    upgrade(engine)
    reader = reading_engine(engine, busy_timeout_ms=5_000)
    writer = SqlUnitOfWork(make_session_factory(engine), clock)
    reading = SqlUnitOfWork(
        make_session_factory(engine), clock, reading_session_factory=make_session_factory(reader)
    )

    with writer:
        writer.audit.record(actor="user:alice", action="user.create", entity="user", entity_id="1")
        started = time.monotonic()
        with reading.reading() as uow:
            entries = uow.audit.entries()
        waited = time.monotonic() - started

    assert entries == []  # the writer has not committed
    assert waited < 1.0  # a write transaction would wait for the lock for up to 5 s
    reader.dispose()
    engine.dispose()


def test_the_migration_points_existing_responses_at_their_latest_versions(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0005_amounts")  # the revision before 0006_latest_version
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO rounds (id, title, questionnaire_key, questionnaire_version, "
                "questionnaire, deadline, status, created_at, created_by, is_illustrative) "
                "VALUES ('r1', 'Round', 'default', 1, '{}', :at, 'open', :at, 'cli', false)"
            ),
            {"at": "2025-08-20 12:00:00+00:00"},
        )
        connection.execute(
            text(
                "INSERT INTO responses (id, round_id, participant_code, created_at) "
                "VALUES ('r1-FRA', 'r1', 'FRA', :at)"
            ),
            {"at": "2025-08-20 12:00:00+00:00"},
        )
        for number, submitted, withdrawn in [(1, False, False), (2, True, False), (3, False, True)]:
            connection.execute(
                insert(ResponseVersionRow).values(
                    response_id="r1-FRA",
                    number=number,
                    answers={},
                    is_submitted=submitted,
                    is_withdrawn=withdrawn,
                    saved_at=dt.datetime(2025, 8, 20, 12, tzinfo=dt.UTC),
                    saved_by="participant:FRA",
                )
            )

    upgrade(engine)

    with engine.connect() as connection:
        row = connection.execute(ResponseRow.__table__.select()).one()
        scopes = set(connection.execute(text("SELECT scope FROM data_versions")).scalars())
    tally = ResponseTally(
        id=row.id,
        round_id=row.round_id,
        participant_code=row.participant_code,
        version_count=row.version_count,
        submitted_count=row.submitted_count,
        last_submitted_number=row.last_submitted_number,
        last_withdrawn_number=row.last_withdrawn_number,
    )
    assert (tally.version_count, tally.submitted_count) == (3, 1)
    assert (tally.last_submitted_number, tally.last_withdrawn_number) == (2, 3)
    assert tally.is_withdrawn
    assert tally.latest_submitted_number is None
    assert scopes == {"round:r1", "public"}
    engine.dispose()
