"""Request and response bodies of the JSON API, named by direction (RoundCreate, RoundRead...).

Where a domain value already has the wire shape (Question, FieldChange, Endorsement,
JointOverview) the API returns it as is; these classes exist where the shapes differ.
Every request body forbids unknown fields, so a typo in a field name is a 422 naming it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, JsonValue

from forcegen.model.questionnaire import Question
from forcegen.model.response import (
    Endorsement,
    EndorsementKind,
    FieldChange,
    RespondentContext,
    Response,
    ResponseVersion,
)
from forcegen.model.round import Invitation, InviteeStatus, IssuedInvitation, Round, RoundStatus
from forcegen.service.rounds import InviteeRow, RoundStatusReport

MAX_VERSION = 1_000_000


def _no_nul(value: JsonValue) -> JsonValue:
    """Refuse NUL characters anywhere: no database stores them, so they could only fail later."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text must not contain NUL (\\u0000) characters; remove them")
    if isinstance(value, list):
        for item in value:
            _no_nul(item)
    if isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key)
            _no_nul(item)
    return value


PlainText = Annotated[str, AfterValidator(_no_nul)]
AnswersJson = Annotated[dict[str, JsonValue], AfterValidator(_no_nul)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProblemRead(BaseModel):
    path: str
    message: str


class ErrorRead(BaseModel):
    """Every error: what happened and what to do, its status, and the fields at fault."""

    ok: Literal[False] = False
    error: str
    status: int
    problems: list[ProblemRead] | None = None


class RoundCreate(_Request):
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


class InvitationCreate(_Request):
    participant_codes: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        min_length=1, max_length=300, examples=[["FRA", "DEU", "EU"]]
    )
    valid_days: int = Field(default=30, ge=1, le=366)


class InvitationRead(BaseModel):
    id: str
    round_id: str
    participant_code: str
    status: InviteeStatus
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    created_at: dt.datetime
    last_activity_at: dt.datetime | None
    is_joint: bool

    @classmethod
    def from_domain(cls, invitation: Invitation) -> Self:
        return cls(**invitation.model_dump())


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


class LinksExport(_Request):
    include_opened: bool = False


class InviteeRead(BaseModel):
    invitation: InvitationRead
    participant_name: str
    status: InviteeStatus
    last_activity_at: dt.datetime | None
    version_count: int
    submitted_count: int

    @classmethod
    def from_domain(cls, row: InviteeRow) -> Self:
        return cls(
            invitation=InvitationRead.from_domain(row.invitation),
            participant_name=row.participant_name,
            status=row.status,
            last_activity_at=row.last_activity_at,
            version_count=row.version_count,
            submitted_count=row.submitted_count,
        )


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


class AttestationRead(BaseModel):
    name: str
    title: str
    attested_at: dt.datetime


class ResponseVersionRead(BaseModel):
    number: int
    answers: dict[str, JsonValue]
    is_submitted: bool
    is_withdrawn: bool
    saved_at: dt.datetime
    saved_by: str
    attestation: AttestationRead | None

    @classmethod
    def from_domain(cls, version: ResponseVersion) -> Self:
        attestation = version.attestation
        return cls(
            number=version.number,
            answers=version.answers,
            is_submitted=version.is_submitted,
            is_withdrawn=version.is_withdrawn,
            saved_at=version.saved_at,
            saved_by=version.saved_by,
            attestation=AttestationRead(**attestation.model_dump()) if attestation else None,
        )


class ResponseRead(BaseModel):
    id: str
    round_id: str
    participant_code: str
    versions: list[ResponseVersionRead]

    @classmethod
    def from_domain(cls, response: Response) -> Self:
        return cls(
            id=response.id,
            round_id=response.round_id,
            participant_code=response.participant_code,
            versions=[ResponseVersionRead.from_domain(v) for v in response.versions],
        )


class DiffRead(BaseModel):
    participant_code: str
    from_version: int
    to_version: int
    changes: list[FieldChange]


class AnswersUpdate(_Request):
    """A draft: the whole answer set, and the version it was based on (0 for the first)."""

    answers: AnswersJson = Field(examples=[{"troops": {"decision": "undecided"}}])
    base_version: int = Field(ge=0, le=MAX_VERSION)


class SubmissionCreate(AnswersUpdate):
    attestation_name: PlainText = Field(max_length=200, examples=["A. Official"])
    attestation_title: PlainText = Field(max_length=200, examples=["Director for Defence Policy"])


class WithdrawalCreate(_Request):
    base_version: int = Field(ge=0, le=MAX_VERSION)


class EndorsementCreate(_Request):
    joint_participant: str = Field(min_length=2, max_length=8, pattern=r"^[A-Za-z]+$")
    kind: EndorsementKind
    reserved_questions: list[Annotated[str, Field(max_length=64)]] = Field(
        default_factory=list, max_length=50
    )
    comment: PlainText = Field(default="", max_length=4000)


class JointDraftRead(BaseModel):
    joint_participant: str
    latest: ResponseVersionRead | None


class RespondentContextRead(BaseModel):
    """What a respondent sees: its round, its questions, its latest answers, joint drafts."""

    round: RoundRead
    invitation: InvitationRead
    participant_code: str
    participant_name: str
    questions: list[Question]
    latest_version: ResponseVersionRead | None
    joint_drafts: list[JointDraftRead]
    own_endorsements: list[Endorsement]

    @classmethod
    def from_domain(cls, context: RespondentContext) -> Self:
        latest = context.response.latest if context.response else None
        return cls(
            round=RoundRead.from_domain(context.round),
            invitation=InvitationRead.from_domain(context.invitation),
            participant_code=context.participant.code,
            participant_name=context.participant.name,
            questions=list(context.questions),
            latest_version=ResponseVersionRead.from_domain(latest) if latest else None,
            joint_drafts=[
                JointDraftRead(
                    joint_participant=draft.joint_participant,
                    latest=ResponseVersionRead.from_domain(draft.response.latest)
                    if draft.response.latest
                    else None,
                )
                for draft in context.joint_drafts
            ],
            own_endorsements=list(context.own_endorsements),
        )


class ConditionCheckRead(BaseModel):
    ok: bool
    message: str | None = None
    normalised: str | None = None
