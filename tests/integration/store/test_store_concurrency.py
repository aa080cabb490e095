"""Concurrent writers: two units of work appending at once never fork the audit chain."""

from __future__ import annotations

import datetime as dt
import threading
import time

from sqlalchemy import Engine

from forcegen.store.uow import SqlUnitOfWork, make_session_factory

APPENDS_PER_WRITER = 12


class SlowClock:
    """Takes a few milliseconds to answer.

    The audit log reads the clock between reading the last hash and inserting the
    next entry, so a slow clock holds that window open: without serialised appends,
    the two writers would both chain to the same entry.
    """

    def now(self) -> dt.datetime:
        time.sleep(0.005)
        return dt.datetime.now(dt.UTC)


def write_entries(engine: Engine, writer: str, start: threading.Barrier) -> None:
    uow = SqlUnitOfWork(make_session_factory(engine), SlowClock())
    start.wait()
    for number in range(APPENDS_PER_WRITER):
        with uow:
            uow.audit.record(
                actor=writer, action="pledge.update", entity="pledge", entity_id=str(number)
            )
            uow.commit()


def test_two_concurrent_writers_produce_one_valid_chain(engine: Engine) -> None:
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(writer: str) -> None:
        try:
            write_entries(engine, writer, start)
        except BaseException as err:  # reported below, in the test's own thread
            errors.append(err)
            start.abort()

    threads = [threading.Thread(target=run, args=(name,)) for name in ("fra", "gbr")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    with SqlUnitOfWork(make_session_factory(engine), SlowClock()) as uow:
        report = uow.audit.verify()
        actors = {entry.actor for entry in uow.audit.entries(limit=1000)}
    assert report.is_intact, report.problem
    assert report.entries_checked == 2 * APPENDS_PER_WRITER
    assert actors == {"fra", "gbr"}
