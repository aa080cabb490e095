"""The audit log's values and its hash-chain rule, which makes edits and deletions visible.

Each entry's hash covers the previous entry's hash and the entry's own content:

    hash(n) = sha256(hash(n-1) + canonical JSON of {seq, at, actor, action, entity,
                                                    entity_id, payload})
    hash(0) = GENESIS_HASH (64 zeros)

so changing, removing or reordering any entry breaks the link to every later one.
What a chain cannot show on its own is a cut at the end (the newest entries removed)
or a chain rewritten from the edit onwards; `AuditReport.head_hash`, written down
outside the database, closes that gap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from forcegen.model.errors import IntegrityError, InvalidInputError

GENESIS_HASH = "0" * 64

_HEX64 = r"^[0-9a-f]{64}$"


def canonical_json(value: object) -> str:
    """Serialise a JSON value the one way the hash chain uses: sorted keys, no spaces, UTF-8.

    Raises:
        InvalidInputError: the value holds something JSON cannot carry (a date, a set, NaN...).
    """
    try:
        return json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
    except (TypeError, ValueError) as err:
        raise InvalidInputError(
            f"Audit payload is not plain JSON ({err}): convert dates, sets and other "
            "objects to strings, numbers, lists or dicts before recording."
        ) from err


def canonical_time(at: dt.datetime) -> str:
    """Write a timestamp as UTC ISO 8601 with microseconds, the form the hash covers."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidInputError(
            f"Audit timestamp {at.isoformat()!r} has no time zone: pass an aware datetime "
            "(the clock port returns UTC)."
        )
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def entry_hash(
    *,
    prev_hash: str,
    seq: int,
    at: dt.datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    payload: Mapping[str, object],
) -> str:
    """Return the sha256 hex digest chaining one entry to the hash before it."""
    content = canonical_json(
        {
            "seq": seq,
            "at": canonical_time(at),
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "payload": payload,
        }
    )
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


class AuditEntry(BaseModel):
    """One recorded change: who did what to which entity, when, with its chain hashes.

    `payload` holds the facts of the change (never secrets such as password hashes).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    seq: int = Field(ge=1)
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    payload: dict[str, JsonValue] = Field(default_factory=dict)
    prev_hash: str = Field(pattern=_HEX64)
    hash: str = Field(pattern=_HEX64)

    @classmethod
    def chained(
        cls,
        *,
        prev_hash: str,
        seq: int,
        at: dt.datetime,
        actor: str,
        action: str,
        entity: str,
        entity_id: str,
        payload: dict[str, JsonValue],
    ) -> AuditEntry:
        """Build the entry that follows the one hashed `prev_hash`, with its own hash."""
        digest = entry_hash(
            prev_hash=prev_hash,
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            payload=payload,
        )
        return cls(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            payload=payload,
            prev_hash=prev_hash,
            hash=digest,
        )


class AuditReport(BaseModel):
    """The result of recomputing the chain: how far it held and, if broken, where and why.

    `first_broken_seq` is the first entry that is missing, altered or out of place;
    `problem` says which, in a sentence a user can act on. `head_hash` is the last
    entry's hash when the chain is intact: keep it somewhere else to detect later
    truncation.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    entries_checked: int = Field(ge=0)
    first_broken_seq: int | None = None
    problem: str | None = None
    head_hash: str | None = None

    @property
    def is_intact(self) -> bool:
        return self.first_broken_seq is None

    def summary(self) -> str:
        """One line for a terminal or a page."""
        if self.is_intact:
            head = f" Head hash: {self.head_hash}." if self.head_hash else ""
            return f"Audit log intact: {self.entries_checked} entries verified.{head}"
        return f"Audit log BROKEN at entry {self.first_broken_seq}: {self.problem}"

    def raise_if_broken(self) -> None:
        """Raise when the chain is broken.

        Raises:
            IntegrityError: names the first broken entry and what to do next.
        """
        if not self.is_intact:
            raise IntegrityError(
                f"{self.summary()} Restore the database from a backup taken before the "
                "change, and compare with the exported audit log to find what was altered."
            )
