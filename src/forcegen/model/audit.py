"""The audit log's values and its hash-chain rule, which makes edits and deletions visible.

Each entry's hash covers the previous entry's hash and the entry's own content:

    hash(n) = sha256(hash(n-1) + canonical JSON of {seq, at, actor, action, entity,
                                                    entity_id, payload})
    hash(0) = GENESIS_HASH (64 zeros)

so changing, removing or reordering any entry breaks the link to every later one.
What a chain cannot show on its own is a cut at the end (the newest entries removed)
or a chain rewritten from the edit onwards; the head (`AuditHead`: the last entry's
seq and hash), written down outside the database and compared later with
`forcegen audit verify --expect-head SEQ:HASH`, closes that gap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import TypedDict, Unpack

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from forcegen.model.errors import IntegrityError, InvalidInputError

GENESIS_HASH = "0" * 64

_HEX64 = r"^[0-9a-f]{64}$"
_HEAD = re.compile(r"^(\d{1,18}):([0-9a-f]{64})$")


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


class AuditContent(TypedDict):
    """What an entry's hash covers besides the previous hash: every field but the two hashes."""

    seq: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    payload: dict[str, JsonValue]


def entry_hash(*, prev_hash: str, **content: Unpack[AuditContent]) -> str:
    """Return the sha256 hex digest chaining one entry to the hash before it.

    Raises:
        TypeError: `content` lacks a field or holds another (a hash over other fields would
            never match a verification).
    """
    if content.keys() != AuditContent.__required_keys__:
        raise TypeError(f"an audit hash covers exactly {sorted(AuditContent.__required_keys__)}")
    covered = canonical_json({**content, "at": canonical_time(content["at"])})
    return hashlib.sha256((prev_hash + covered).encode("utf-8")).hexdigest()


def seq_free_content(content: AuditContent) -> str:
    """The text an entry's hash covers after the previous hash, cut just before the value of
    `seq` (whatever `content` holds there): `covered == seq_free_content(c) + str(seq) + "}"`.

    "seq" sorts last among the covered keys, so the canonical JSON ends with `"seq":N}`.
    PostgreSQL appends an entry in one statement (store/audit.py): the database, holding
    the append lock, knows the previous hash and the next seq; the application the rest.
    """
    covered = canonical_json({**content, "at": canonical_time(content["at"]), "seq": 0})
    return covered.removesuffix("0}")


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
    def chained(cls, *, prev_hash: str, **content: Unpack[AuditContent]) -> AuditEntry:
        """Build the entry that follows the one hashed `prev_hash`, with its own hash."""
        digest = entry_hash(prev_hash=prev_hash, **content)
        return cls(prev_hash=prev_hash, hash=digest, **content)


class AuditHead(BaseModel):
    """The newest entry of the log, written `SEQ:HASH`: what an operator records elsewhere.

    A later log must still hold entry `seq` with exactly this hash; if not, entries were
    removed from the end or the chain was rewritten and recomputed.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    seq: int = Field(ge=1)
    hash: str = Field(pattern=_HEX64)

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> AuditHead:
        """Read a head written by `forcegen audit head`.

        Raises:
            InvalidInputError: the text is not `SEQ:HASH` (64 lower-case hex digits).
        """
        match = _HEAD.fullmatch(text.strip())
        if match is None or int(match.group(1)) < 1:
            raise InvalidInputError(
                f"{text[:100]!r} is not an audit head: give it as SEQ:HASH, exactly as "
                "`forcegen audit head` printed it (e.g. 42:9f86d0...)."
            )
        return cls(seq=int(match.group(1)), hash=match.group(2))


class AuditReport(BaseModel):
    """The result of recomputing the chain: how far it held and, if broken, where and why.

    `problem` says what is wrong, in a sentence a user can act on; `first_broken_seq`
    is the first entry that is missing, altered or out of place, when one entry is to
    blame (a response version changed behind the log's back names none). `head` is the
    last entry (seq and hash) when the chain is intact: keep it somewhere else to
    detect later truncation or rewriting.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    entries_checked: int = Field(ge=0)
    versions_checked: int = Field(default=0, ge=0)
    first_broken_seq: int | None = None
    problem: str | None = None
    head: AuditHead | None = None

    @property
    def is_intact(self) -> bool:
        return self.problem is None

    @property
    def head_hash(self) -> str | None:
        return self.head.hash if self.head else None

    def summary(self) -> str:
        """One line for a terminal or a page."""
        if self.is_intact:
            versions = (
                f", {self.versions_checked} response versions" if self.versions_checked else ""
            )
            head = f" Head: {self.head}." if self.head else ""
            return f"Audit log intact: {self.entries_checked} entries{versions} verified.{head}"
        where = f" at entry {self.first_broken_seq}" if self.first_broken_seq else ""
        return f"Audit log BROKEN{where}: {self.problem}"

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
