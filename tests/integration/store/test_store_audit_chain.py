"""The audit log: appended in the change's transaction, and any edit, deletion or move shows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, text

from forcegen.model.audit import AuditEntry, AuditReport
from forcegen.model.errors import IntegrityError, InvalidInputError
from forcegen.service.ports import Clock
from forcegen.store.uow import SqlUnitOfWork

UowFactory = Callable[[], SqlUnitOfWork]


def record_changes(uow_factory: UowFactory, count: int) -> None:
    """Commit `count` changes, one transaction each."""
    for number in range(1, count + 1):
        with uow_factory() as uow:
            uow.audit.record(
                actor="a.martin",
                action="round.update",
                entity="round",
                entity_id="r1",
                payload={"change": number, "note": "deadline moved", "tags": ["a", "é"]},
            )
            uow.commit()


def tamper(engine: Engine, *statements: str, **params: str) -> None:
    """Change the table behind the application's back, as someone with database access could."""
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), params)


def verify(uow_factory: UowFactory) -> AuditReport:
    with uow_factory() as uow:
        return uow.audit.verify()


class TestRecording:
    def test_chain_verifies_after_several_changes(self, uow_factory: UowFactory) -> None:
        record_changes(uow_factory, 5)

        report = verify(uow_factory)

        assert report.is_intact
        assert report.entries_checked == 5
        assert report.first_broken_seq is None
        assert report.head_hash is not None

    def test_an_empty_log_is_intact(self, uow_factory: UowFactory) -> None:
        report = verify(uow_factory)

        assert report.is_intact
        assert report.entries_checked == 0

    def test_entries_are_numbered_and_linked_in_order(
        self, uow_factory: UowFactory, clock: Clock
    ) -> None:
        record_changes(uow_factory, 3)

        with uow_factory() as uow:
            entries = uow.audit.entries()

        assert [entry.seq for entry in entries] == [3, 2, 1]
        assert entries[0].prev_hash == entries[1].hash
        assert entries[2].at == clock.now()
        assert entries[2].payload == {"change": 1, "note": "deadline moved", "tags": ["a", "é"]}

    def test_entries_can_be_filtered_by_entity(self, uow_factory: UowFactory) -> None:
        record_changes(uow_factory, 2)
        with uow_factory() as uow:
            uow.audit.record(actor="x", action="user.create", entity="user", entity_id="u1")
            uow.commit()

        with uow_factory() as uow:
            entries = uow.audit.entries(entity="user", entity_id="u1")

        assert [(entry.seq, entry.action) for entry in entries] == [(3, "user.create")]

    def test_a_payload_that_is_not_plain_json_is_refused(
        self, uow_factory: UowFactory, clock: Clock
    ) -> None:
        with uow_factory() as uow, pytest.raises(InvalidInputError, match="not plain JSON"):
            uow.audit.record(
                actor="x", action="a", entity="e", entity_id="1", payload={"when": clock.now()}
            )


class TestTransactions:
    def test_leaving_without_commit_leaves_no_audit_entry(self, uow_factory: UowFactory) -> None:
        with uow_factory() as uow:
            uow.audit.record(actor="x", action="round.create", entity="round", entity_id="r1")

        assert verify(uow_factory).entries_checked == 0

    def test_an_explicit_rollback_leaves_no_audit_entry(self, uow_factory: UowFactory) -> None:
        with uow_factory() as uow:
            uow.audit.record(actor="x", action="round.create", entity="round", entity_id="r1")
            uow.rollback()
            uow.commit()

        assert verify(uow_factory).entries_checked == 0

    def test_an_error_rolls_back_the_change_and_its_entry_together(
        self, uow_factory: UowFactory
    ) -> None:
        def failing_use_case() -> None:
            with uow_factory() as uow:
                uow.audit.record(actor="x", action="round.create", entity="round", entity_id="r1")
                raise RuntimeError("the use case failed")

        with pytest.raises(RuntimeError):
            failing_use_case()

        record_changes(uow_factory, 1)
        report = verify(uow_factory)
        assert (report.is_intact, report.entries_checked) == (True, 1)

    def test_a_unit_of_work_cannot_be_nested(self, uow_factory: UowFactory) -> None:
        uow = uow_factory()
        with uow, pytest.raises(RuntimeError, match="already open"), uow:
            pass


class TestTampering:
    def test_an_edited_payload_is_detected_with_its_seq(
        self, uow_factory: UowFactory, engine: Engine
    ) -> None:
        record_changes(uow_factory, 4)

        tamper(
            engine, "UPDATE audit_log SET payload = :payload WHERE seq = 2", payload='{"change":99}'
        )
        report = verify(uow_factory)

        assert not report.is_intact
        assert report.first_broken_seq == 2
        assert report.entries_checked == 1
        assert report.problem == "entry 2 was altered: its content no longer matches its hash."

    @pytest.mark.parametrize(
        "statement",
        [
            "UPDATE audit_log SET actor = 'someone.else' WHERE seq = 3",
            "UPDATE audit_log SET entity_id = 'r2' WHERE seq = 3",
            "UPDATE audit_log SET at = at + interval '1 second' WHERE seq = 3",
        ],
        ids=["actor", "entity_id", "time"],
    )
    def test_an_edit_to_any_field_is_detected(
        self, uow_factory: UowFactory, engine: Engine, statement: str
    ) -> None:
        record_changes(uow_factory, 4)
        if engine.dialect.name == "sqlite" and "interval" in statement:
            statement = "UPDATE audit_log SET at = '2025-08-20 12:00:01.000000' WHERE seq = 3"

        tamper(engine, statement)
        report = verify(uow_factory)

        assert report.first_broken_seq == 3

    def test_a_payload_replaced_by_non_json_is_detected(
        self, uow_factory: UowFactory, engine: Engine
    ) -> None:
        record_changes(uow_factory, 3)

        tamper(engine, "UPDATE audit_log SET payload = 'oops' WHERE seq = 1")
        report = verify(uow_factory)

        assert report.first_broken_seq == 1
        assert "not JSON" in (report.problem or "")

    def test_a_deleted_entry_is_detected_as_missing(
        self, uow_factory: UowFactory, engine: Engine
    ) -> None:
        record_changes(uow_factory, 5)

        tamper(engine, "DELETE FROM audit_log WHERE seq = 3")
        report = verify(uow_factory)

        assert report.first_broken_seq == 3
        assert report.problem == (
            "entry 3 is missing: the log jumps from entry 2 to 4 (deleted rows)."
        )

    def test_a_deleted_entry_with_renumbered_successors_is_detected(
        self, uow_factory: UowFactory, engine: Engine
    ) -> None:
        record_changes(uow_factory, 4)

        tamper(
            engine,
            "DELETE FROM audit_log WHERE seq = 2",
            "UPDATE audit_log SET seq = 2 WHERE seq = 3",
            "UPDATE audit_log SET seq = 3 WHERE seq = 4",
        )
        report = verify(uow_factory)

        assert report.first_broken_seq == 2
        assert "does not link to entry 1" in (report.problem or "")

    def test_a_reordered_chain_is_detected(self, uow_factory: UowFactory, engine: Engine) -> None:
        record_changes(uow_factory, 4)

        tamper(
            engine,
            "UPDATE audit_log SET seq = -2 WHERE seq = 2",
            "UPDATE audit_log SET seq = 2 WHERE seq = 3",
            "UPDATE audit_log SET seq = 3 WHERE seq = -2",
        )
        report = verify(uow_factory)

        assert report.first_broken_seq == 2

    def test_a_broken_report_raises_an_integrity_error_naming_the_entry(
        self, uow_factory: UowFactory, engine: Engine
    ) -> None:
        record_changes(uow_factory, 2)
        tamper(engine, "DELETE FROM audit_log WHERE seq = 1")

        with pytest.raises(IntegrityError, match="BROKEN at entry 1"):
            verify(uow_factory).raise_if_broken()


class TestAppendInOneStatement:
    """On PostgreSQL the database writes an entry's hash (one statement under the append lock);
    the application checks it against the chain rule before anything is kept."""

    def test_entries_appended_by_the_database_carry_the_chain_rule_hash(
        self, uow_factory: UowFactory
    ) -> None:
        record_changes(uow_factory, 3)

        with uow_factory() as uow:
            entries = uow.audit.entries()

        assert [e.hash for e in entries] == [
            AuditEntry.chained(
                prev_hash=e.prev_hash,
                seq=e.seq,
                at=e.at,
                actor=e.actor,
                action=e.action,
                entity=e.entity,
                entity_id=e.entity_id,
                payload=e.payload,
            ).hash
            for e in entries
        ]
        assert verify(uow_factory).is_intact

    @pytest.mark.parametrize(
        "database_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
    )
    def test_a_database_hash_other_than_the_rule_s_is_refused_and_nothing_is_kept(
        self, uow_factory: UowFactory, engine: Engine
    ) -> None:
        record_changes(uow_factory, 1)
        # Someone changes the function to hash otherwise (a migration edited by mistake).
        tamper(engine, _HASHING_OTHERWISE)

        with uow_factory() as uow, pytest.raises(IntegrityError, match="the chain rule gives"):
            uow.audit.record(actor="x", action="round.update", entity="round", entity_id="r1")

        with uow_factory() as uow:
            assert [e.seq for e in uow.audit.entries()] == [1]


_HASHING_OTHERWISE = """
CREATE OR REPLACE FUNCTION forcegen_audit_append(
    p_at timestamptz, p_actor text, p_action text, p_entity text, p_entity_id text,
    p_payload text, p_seq_free_content text
) RETURNS TABLE (out_seq integer, out_prev_hash text, out_hash text)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    SELECT a.seq + 1, a.hash, md5(a.hash) || md5(a.hash) INTO out_seq, out_prev_hash, out_hash
        FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
    INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, payload, prev_hash, hash)
        VALUES (out_seq, p_at, p_actor, p_action, p_entity, p_entity_id, p_payload,
                out_prev_hash, out_hash);
    RETURN NEXT;
END
$$
"""
