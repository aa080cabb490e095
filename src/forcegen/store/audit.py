"""The audit log in SQL: appends that never fork the hash chain, and the chain's verification.

Appending reads the last entry's hash and writes the next entry after it. Two
transactions doing this at once would both chain to the same entry, so appends are
serialised: on PostgreSQL by a transaction-level advisory lock taken before the read
(released at commit or rollback); on SQLite every transaction already holds the write
lock from its start (`BEGIN IMMEDIATE`, see store/engine.py). The entry is part of
the caller's transaction, so it is committed or rolled back with the change.

On PostgreSQL the lock, the read and the insert are one statement, the function
`forcegen_audit_append` (migration 0008): the lock is held until commit, and every round
trip made while holding it made every other writer wait. The database computes the hash
from the previous one; the application recomputes it and refuses the entry (rolling the
change back) if the two differ, so the chain's rule still lives in model/audit.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import cast

from sqlalchemy import Table, bindparam, insert, select, text
from sqlalchemy.orm import Session

from forcegen.model.audit import (
    GENESIS_HASH,
    AuditContent,
    AuditEntry,
    AuditHead,
    AuditReport,
    canonical_json,
    entry_hash,
    seq_free_content,
)
from forcegen.model.errors import IntegrityError
from forcegen.service.ports import Clock
from forcegen.store.mapping import from_row
from forcegen.store.rows_core import AuditRow

_VERIFY_BATCH = 1000
# Built once (SQLAlchemy then compiles each once): every save appends an entry.
_LAST = select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)
_APPEND = insert(cast(Table, AuditRow.__table__))
_APPEND_IN_POSTGRESQL = text(
    "SELECT out_seq, out_prev_hash, out_hash FROM forcegen_audit_append("
    ":at, :actor, :action, :entity, :entity_id, :payload, :seq_free_content)"
).bindparams(bindparam("at", type_=AuditRow.__table__.c.at.type))


class SqlAuditLog:
    """The AuditLog port over the `audit_log` table, inside one session's transaction."""

    def __init__(self, session: Session, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    def record(
        self,
        *,
        actor: str,
        action: str,
        entity: str,
        entity_id: str,
        payload: Mapping[str, object] | None = None,
    ) -> AuditEntry:
        """Append an entry chained to the last one; see the AuditLog port."""
        payload_json = canonical_json(dict(payload or {}))
        content = AuditContent(
            seq=0,  # given by the append below
            at=self._clock.now(),
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            payload=json.loads(payload_json),
        )
        if self._session.get_bind().dialect.name == "postgresql":
            return self._append_in_postgresql(content, payload_json)
        last = self._session.execute(_LAST).first()
        seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS_HASH)
        entry = AuditEntry.chained(prev_hash=prev_hash, **(content | {"seq": seq}))
        # A prebuilt Core INSERT, not a unit-of-work flush: every save appends an entry
        self._session.execute(_APPEND, _row_values(entry, payload_json))
        return entry

    def _append_in_postgresql(self, content: AuditContent, payload_json: str) -> AuditEntry:
        """Lock, read the last entry and insert the next in one round trip; check its hash.

        Raises:
            IntegrityError: the database's hash differs from the chain rule's (nothing kept).
        """
        free = {key: value for key, value in content.items() if key != "seq"}
        appended = self._session.execute(
            _APPEND_IN_POSTGRESQL,
            free | {"payload": payload_json, "seq_free_content": seq_free_content(content)},
        ).one()
        entry = AuditEntry.chained(
            prev_hash=appended.out_prev_hash, **(content | {"seq": appended.out_seq})
        )
        if entry.hash != appended.out_hash:
            raise IntegrityError(
                f"Audit entry {entry.seq}: the database computed hash {appended.out_hash}, "
                f"the chain rule gives {entry.hash}; nothing was saved. Check that the "
                "database's encoding is UTF8 and that migration 0008 is unchanged."
            )
        return entry

    def verify(self) -> AuditReport:
        """Recompute the chain; see `verify_chain`."""
        return verify_chain(self._session)

    def entries(
        self, *, entity: str | None = None, entity_id: str | None = None, limit: int | None = 100
    ) -> list[AuditEntry]:
        """Return the newest entries first, optionally only those about one entity."""
        query = select(AuditRow).order_by(AuditRow.seq.desc()).limit(limit)
        if entity is not None:
            query = query.where(AuditRow.entity == entity)
        if entity_id is not None:
            query = query.where(AuditRow.entity_id == entity_id)
        return [_to_domain(row) for row in self._session.scalars(query)]

    def get(self, seq: int) -> AuditEntry | None:
        """Return the entry numbered `seq`, or None if the log holds none."""
        row = self._session.get(AuditRow, seq)
        return _to_domain(row) if row is not None else None


def verify_chain(session: Session) -> AuditReport:
    """Recompute every entry's hash in `seq` order and report the first break.

    Detects an edited entry (its hash no longer matches its content), a deleted entry
    (a gap in `seq`, or the next entry not linking to the one before), and moved
    entries (a `seq` changed: the hash covers it, and the links no longer line up).
    """
    rows = session.scalars(
        select(AuditRow).order_by(AuditRow.seq).execution_options(yield_per=_VERIFY_BATCH)
    )
    return _check_rows(rows)


def _check_rows(rows: Iterable[AuditRow]) -> AuditReport:
    checked = 0
    prev_seq, prev_hash = 0, GENESIS_HASH
    for row in rows:
        problem = _problem(row, prev_seq=prev_seq, prev_hash=prev_hash)
        if problem is not None:
            broken_seq = prev_seq + 1 if row.seq > prev_seq + 1 else row.seq
            return AuditReport(
                entries_checked=checked, first_broken_seq=broken_seq, problem=problem
            )
        checked += 1
        prev_seq, prev_hash = row.seq, row.hash
    head = AuditHead(seq=prev_seq, hash=prev_hash) if checked else None
    return AuditReport(entries_checked=checked, head=head)


def _problem(row: AuditRow, *, prev_seq: int, prev_hash: str) -> str | None:
    expected = prev_seq + 1
    if row.seq > expected:
        missing = f"{expected}" if row.seq == expected + 1 else f"{expected} to {row.seq - 1}"
        return (
            f"entry {missing} is missing: the log jumps from entry {prev_seq} to {row.seq} "
            "(deleted rows)."
        )
    if row.seq < expected:
        return f"entry {row.seq} appears out of order after entry {prev_seq}."
    if row.prev_hash != prev_hash:
        before = f"entry {prev_seq}" if prev_seq else "the start of the log"
        return (
            f"entry {row.seq} does not link to {before}: its prev_hash differs from that "
            "entry's hash (an entry was removed, moved or rewritten)."
        )
    try:
        payload = json.loads(row.payload)
        recomputed = entry_hash(
            prev_hash=row.prev_hash,
            seq=row.seq,
            at=row.at,
            actor=row.actor,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            payload=payload,
        )
    except ValueError:
        return f"entry {row.seq} has an unreadable payload (not JSON): it was edited."
    if recomputed != row.hash:
        return f"entry {row.seq} was altered: its content no longer matches its hash."
    return None


def _row_values(entry: AuditEntry, payload_json: str) -> dict[str, object]:
    """The columns of an entry, with the payload as the exact JSON text its hash was
    computed on."""
    fields = {name: getattr(entry, name) for name in AuditEntry.model_fields}
    return fields | {"payload": payload_json}


def _to_domain(row: AuditRow) -> AuditEntry:
    return from_row(AuditEntry, row, payload=json.loads(row.payload))
