"""The audit verification notices what an intruder with database access would try: removing
the newest entries, rewriting the chain from an edit onwards, and editing, adding or deleting
a saved answer version behind forcegen's back."""

from __future__ import annotations

import datetime as dt
import json

from round_env import RoundsEnv, no_troops, troops
from sqlalchemy import Engine, text

from forcegen.model.audit import GENESIS_HASH, AuditHead, entry_hash
from forcegen.service.audit_check import audit_head, verify_audit


def tamper(engine: Engine, *statements: str) -> None:
    """Change tables as a database administrator could, append-only triggers switched off."""
    with engine.begin() as connection:
        is_postgres = connection.dialect.name == "postgresql"
        if is_postgres:
            connection.execute(text("SET session_replication_role = replica"))
        else:
            connection.execute(text("DROP TRIGGER IF EXISTS response_versions_no_update"))
            connection.execute(text("DROP TRIGGER IF EXISTS response_versions_no_delete"))
        for statement in statements:
            connection.execute(text(statement))
        if is_postgres:
            connection.execute(text("SET session_replication_role = origin"))


def rehash_whole_chain(engine: Engine) -> None:
    """Recompute every entry's hash after an edit, as a careful intruder would."""
    with engine.begin() as connection:
        rows = connection.execute(text("SELECT * FROM audit_log ORDER BY seq")).mappings().all()
        prev = GENESIS_HASH
        for row in rows:
            digest = entry_hash(
                prev_hash=prev,
                seq=row["seq"],
                at=_aware(row["at"]),
                actor=row["actor"],
                action=row["action"],
                entity=row["entity"],
                entity_id=row["entity_id"],
                payload=json.loads(row["payload"]),
            )
            connection.execute(
                text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE seq = :s"),
                {"p": prev, "h": digest, "s": row["seq"]},
            )
            prev = digest


def _aware(value: object) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def a_round_with_answers(env: RoundsEnv) -> AuditHead:
    env.round_with(["FRA", "POL"])
    env.save("FRA", troops(5000), 0)
    env.save("FRA", troops(6000), 1)
    env.submit("POL", no_troops(), 0)
    head = audit_head(uow=env.uow())
    assert head is not None
    return head


class TestTheHead:
    def test_an_untouched_log_matches_its_recorded_head(self, rounds_env: RoundsEnv) -> None:
        head = a_round_with_answers(rounds_env)
        rounds_env.save("FRA", troops(7000), 2)  # the log grows after the head was recorded

        report = verify_audit(uow=rounds_env.uow(), expected_head=head)

        assert report.is_intact, report.summary()
        assert report.versions_checked == 4
        assert report.head is not None
        assert report.head.seq > head.seq

    def test_removing_the_newest_entries_passes_the_chain_but_not_the_head(
        self, rounds_env: RoundsEnv
    ) -> None:
        head = a_round_with_answers(rounds_env)
        keep = head.seq - 2
        tamper(rounds_env.engine, f"DELETE FROM audit_log WHERE seq > {keep}")

        report = verify_audit(uow=rounds_env.uow(), expected_head=head)

        assert not report.is_intact
        assert f"the log ends at entry {keep}" in str(report.problem)
        assert f"entries {keep + 1} to {head.seq} were removed" in str(report.problem)

    def test_a_rewritten_and_recomputed_chain_differs_from_the_recorded_head(
        self, rounds_env: RoundsEnv
    ) -> None:
        head = a_round_with_answers(rounds_env)
        tamper(rounds_env.engine, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1")
        rehash_whole_chain(rounds_env.engine)
        assert verify_audit(uow=rounds_env.uow()).is_intact  # the chain alone cannot tell

        report = verify_audit(uow=rounds_env.uow(), expected_head=head)

        assert not report.is_intact
        assert f"entry {head.seq} no longer has the recorded head's hash" in str(report.problem)


class TestResponseVersions:
    def test_an_answer_edited_in_the_database_is_detected(self, rounds_env: RoundsEnv) -> None:
        a_round_with_answers(rounds_env)
        tamper(
            rounds_env.engine,
            'UPDATE response_versions SET answers = \'{"troops": {"decision": "no"}}\' '
            "WHERE number = 2",
        )

        report = verify_audit(uow=rounds_env.uow())

        assert not report.is_intact
        assert "version 2 of response" in str(report.problem)
        assert "no longer matches the content hash" in str(report.problem)

    def test_a_changed_attestation_is_detected(self, rounds_env: RoundsEnv) -> None:
        a_round_with_answers(rounds_env)
        tamper(
            rounds_env.engine,
            "UPDATE response_versions SET attestation_name = 'Someone Else' "
            "WHERE attestation_name IS NOT NULL",
        )

        assert "was edited in the database" in str(verify_audit(uow=rounds_env.uow()).problem)

    def test_a_deleted_newest_version_is_detected(self, rounds_env: RoundsEnv) -> None:
        a_round_with_answers(rounds_env)
        tamper(rounds_env.engine, "DELETE FROM response_versions WHERE number = 2")

        report = verify_audit(uow=rounds_env.uow())

        assert "is missing from the database: it was deleted" in str(report.problem)

    def test_an_intact_round_verifies_every_version(self, rounds_env: RoundsEnv) -> None:
        a_round_with_answers(rounds_env)

        report = verify_audit(uow=rounds_env.uow())

        assert report.is_intact, report.summary()
        assert report.versions_checked == 3
        assert "3 response versions verified" in report.summary()
