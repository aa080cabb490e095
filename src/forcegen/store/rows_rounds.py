"""Rows of the round tables: rounds, invitations, responses, their versions and endorsements.

The unique constraints carry the rules the server must enforce whatever the client does:
one invitation and one response per participant and round, and one version per number, so
that of two saves based on the same version exactly one can be stored (migration 0002_rounds).
Response versions and endorsements are append-only; the migration adds triggers that refuse
UPDATE and DELETE on them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from forcegen.model.response import EndorsementKind
from forcegen.model.round import InviteeStatus, RoundStatus
from forcegen.store.base import Base
from forcegen.store.timestamp import UtcDateTime


def _one_of(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


ROUND_STATUS_CHECK = _one_of("status", [status.value for status in RoundStatus])
INVITEE_STATUS_CHECK = _one_of("status", [status.value for status in InviteeStatus])
ENDORSEMENT_KIND_CHECK = _one_of("kind", [kind.value for kind in EndorsementKind])


class RoundRow(Base):
    """A round with the JSON snapshot of the questionnaire it was created from."""

    __tablename__ = "rounds"
    __table_args__ = (CheckConstraint(ROUND_STATUS_CHECK, name="status"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    questionnaire_key: Mapped[str] = mapped_column(String(100))
    questionnaire_version: Mapped[int] = mapped_column(Integer)
    questionnaire: Mapped[dict[str, object]] = mapped_column(JSON)
    deadline: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[str] = mapped_column(String(200))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    is_illustrative: Mapped[bool] = mapped_column(Boolean)


class InvitationRow(Base):
    """One participant's invitation to a round, with the sha256 of its current token."""

    __tablename__ = "invitations"
    __table_args__ = (
        UniqueConstraint("round_id", "participant_code"),
        CheckConstraint(INVITEE_STATUS_CHECK, name="status"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"))
    participant_code: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(20))
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    last_activity_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    is_joint: Mapped[bool] = mapped_column(Boolean)


class ResponseRow(Base):
    """A participant's response in a round: at most one, whatever the clients send.

    It also points at its newest versions (migration 0006_latest_version): the number of
    versions (the latest's number), of submissions, and the numbers of the newest submission
    and withdrawal, all set in the transaction that appends a version. Reads of the latest
    version go through them instead of through the whole history.
    """

    __tablename__ = "responses"
    __table_args__ = (
        UniqueConstraint("round_id", "participant_code"),
        CheckConstraint("version_count >= 0", name="version_count"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"))
    participant_code: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    version_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    submitted_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_submitted_number: Mapped[int | None] = mapped_column(Integer)
    last_withdrawn_number: Mapped[int | None] = mapped_column(Integer)


class ResponseVersionRow(Base):
    """One saved version; (response_id, number) is unique, so a version is never replaced."""

    __tablename__ = "response_versions"
    __table_args__ = (
        UniqueConstraint("response_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("NOT (is_submitted AND is_withdrawn)", name="submitted_or_withdrawn"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    response_id: Mapped[str] = mapped_column(ForeignKey("responses.id"))
    number: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, object]] = mapped_column(JSON)
    is_submitted: Mapped[bool] = mapped_column(Boolean)
    is_withdrawn: Mapped[bool] = mapped_column(Boolean)
    saved_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    saved_by: Mapped[str] = mapped_column(String(200))
    attestation_name: Mapped[str | None] = mapped_column(String(200))
    attestation_title: Mapped[str | None] = mapped_column(String(200))
    attested_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class EndorsementRow(Base):
    """One verdict of a member on a joint response; numbered per member, never replaced."""

    __tablename__ = "endorsements"
    __table_args__ = (
        UniqueConstraint(
            "round_id",
            "joint_participant",
            "participant_code",
            "number",
            name="uq_endorsements_verdict_number",
        ),
        CheckConstraint(ENDORSEMENT_KIND_CHECK, name="kind"),
        CheckConstraint("number >= 1", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"))
    joint_participant: Mapped[str] = mapped_column(String(8))
    participant_code: Mapped[str] = mapped_column(String(8))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    reserved_questions: Mapped[list[str]] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    joint_version: Mapped[int | None] = mapped_column(Integer)
