"""API bodies for rounds, invitations and the responses a coordinator reads.

The JSON API's bodies all live in this package, named by direction (RoundCreate,
RoundRead...). Where a domain value already has the wire shape (Question, FieldChange,
Endorsement, JointOverview) the API returns it as is; these classes exist where the shapes
differ.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Self

from pydantic import AwareDatetime, BaseModel, Field, JsonValue

from forcegen.model.response import (
    FieldChange,
)
from forcegen.model.round import InviteeStatus, IssuedInvitation, Round, RoundStatus
from forcegen.service.rounds.coordinating import RoundStatusReport
from forcegen.web.schemas.common import PlainText, ReadModel, RequestBody


class RoundCreate(RequestBody):
    title: PlainText = Field(min_length=1, max_length=200, examples=["Security guarantee"])
    questionnaire: str = Field(default="default", pattern=r"^[a-z][a-z0-9_-]{0,63}$")
    deadline: AwareDatetime = Field(examples=["2025-09-30T16:00:00Z"])
    is_illustrative: bool = False


class RoundRead(BaseModel):
    id: str
    title: str
    questionnaire_key: str
    questionnaire_version: int
    questionnaire_title: str
    deadline: dt.datetime
    status: RoundStatus
    created_at: dt.datetime
    created_by: str
    closed_at: dt.datetime | None
    is_illustrative: bool

    @classmethod
    def from_domain(cls, round_: Round) -> Self:
        return cls(
            id=round_.id,
            title=round_.title,
            questionnaire_key=round_.questionnaire.key,
            questionnaire_version=round_.questionnaire.version,
            questionnaire_title=round_.questionnaire.title,
            deadline=round_.deadline,
            status=round_.status,
            created_at=round_.created_at,
            created_by=round_.created_by,
            closed_at=round_.closed_at,
            is_illustrative=round_.is_illustrative,
        )


class QuestionnaireSummaryRead(BaseModel):
    key: str
    version: int
    title: str
    question_keys: list[str]


class InvitationCreate(RequestBody):
    participant_codes: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        min_length=1, max_length=300, examples=[["FRA", "DEU", "EU"]]
    )
    valid_days: int = Field(default=30, ge=1, le=366)


class InvitationRead(ReadModel):
    id: str
    round_id: str
    participant_code: str
    status: InviteeStatus
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    created_at: dt.datetime
    last_activity_at: dt.datetime | None
    is_joint: bool


class IssuedInvitationRead(BaseModel):
    """An invitation with its token and link: shown once, never retrievable again."""

    invitation: InvitationRead
    token: str
    link: str

    @classmethod
    def from_domain(cls, issued: IssuedInvitation, *, base_url: str) -> Self:
        return cls(
            invitation=InvitationRead.from_domain(issued.invitation),
            token=issued.token,
            link=f"{base_url.rstrip('/')}/respond/{issued.token}",
        )


class LinksExport(RequestBody):
    include_opened: bool = False


class InviteeRead(ReadModel):
    invitation: InvitationRead
    participant_name: str
    status: InviteeStatus
    last_activity_at: dt.datetime | None
    version_count: int
    submitted_count: int


class RoundStatusRead(BaseModel):
    round: RoundRead
    invitees: list[InviteeRead]
    counts: dict[str, int]

    @classmethod
    def from_domain(cls, report: RoundStatusReport) -> Self:
        return cls(
            round=RoundRead.from_domain(report.round),
            invitees=[InviteeRead.from_domain(row) for row in report.rows],
            counts={status.value: count for status, count in report.counts.items()},
        )


class AttestationRead(ReadModel):
    name: str
    title: str
    attested_at: dt.datetime


class ResponseVersionRead(ReadModel):
    number: int
    answers: dict[str, JsonValue]
    is_submitted: bool
    is_withdrawn: bool
    saved_at: dt.datetime
    saved_by: str
    attestation: AttestationRead | None


class ResponseRead(ReadModel):
    id: str
    round_id: str
    participant_code: str
    versions: list[ResponseVersionRead]


class DiffRead(BaseModel):
    participant_code: str
    from_version: int
    to_version: int
    changes: list[FieldChange]
