"""The audit hash chain rule: every field and the previous hash are covered."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forcegen.model.audit import (
    GENESIS_HASH,
    AuditContent,
    AuditEntry,
    AuditReport,
    entry_hash,
    seq_free_content,
)
from forcegen.model.errors import IntegrityError, InvalidInputError

AT = dt.datetime(2025, 8, 20, 12, 0, tzinfo=dt.UTC)


def make_entry(**changes: object) -> AuditEntry:
    fields: dict[str, object] = {
        "prev_hash": GENESIS_HASH,
        "seq": 1,
        "at": AT,
        "actor": "a.martin",
        "action": "round.create",
        "entity": "round",
        "entity_id": "r1",
        "payload": {"title": "Guarantee round"},
    }
    fields.update(changes)
    return AuditEntry.chained(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "change",
    [
        {"prev_hash": "1" * 64},
        {"seq": 2},
        {"at": AT + dt.timedelta(microseconds=1)},
        {"actor": "b.martin"},
        {"action": "round.close"},
        {"entity": "user"},
        {"entity_id": "r2"},
        {"payload": {"title": "Guarantee round "}},
    ],
    ids=["prev_hash", "seq", "at", "actor", "action", "entity", "entity_id", "payload"],
)
def test_changing_any_field_changes_the_hash(change: dict[str, object]) -> None:
    assert make_entry(**change).hash != make_entry().hash


def test_the_same_instant_in_another_time_zone_hashes_the_same() -> None:
    paris = dt.timezone(dt.timedelta(hours=2))

    assert make_entry(at=AT.astimezone(paris)).hash == make_entry().hash


@given(payload=st.dictionaries(st.text(), st.integers() | st.text() | st.booleans()))
def test_key_order_of_the_payload_does_not_matter(payload: dict[str, object]) -> None:
    reversed_payload = dict(reversed(list(payload.items())))

    assert make_entry(payload=reversed_payload).hash == make_entry(payload=payload).hash


def test_a_naive_timestamp_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="has no time zone"):
        entry_hash(
            prev_hash=GENESIS_HASH,
            seq=1,
            at=dt.datetime(2025, 8, 20, 12, 0),
            actor="x",
            action="a",
            entity="e",
            entity_id="1",
            payload={},
        )


def test_a_broken_report_names_the_entry_and_raises() -> None:
    report = AuditReport(entries_checked=2, first_broken_seq=3, problem="entry 3 was altered.")

    with pytest.raises(IntegrityError, match="BROKEN at entry 3: entry 3 was altered"):
        report.raise_if_broken()
    assert not report.is_intact


@given(
    seq=st.integers(min_value=1, max_value=10**12),
    actor=st.text(),
    payload=st.dictionaries(st.text(), st.integers() | st.text() | st.booleans()),
)
def test_the_database_can_finish_the_hash_from_the_text_before_the_seq(
    seq: int, actor: str, payload: dict[str, object]
) -> None:
    """PostgreSQL appends an entry knowing only the previous hash, the next seq and this text:
    it must give the hash the chain rule gives."""
    content = AuditContent(
        seq=seq,
        at=AT,
        actor=actor,
        action="response.save_draft",
        entity="response",
        entity_id="r1-FRA",
        payload=payload,  # type: ignore[typeddict-item]
    )
    finished = "1" * 64 + seq_free_content(content | {"seq": 0}) + f"{seq}}}"

    assert hashlib.sha256(finished.encode()).hexdigest() == entry_hash(
        prev_hash="1" * 64, **content
    )
