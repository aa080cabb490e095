"""API bodies for a respondent: saving and submitting answers, endorsing, checking a condition."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BaseModel, Field

from forcegen.model.questionnaire import Question
from forcegen.model.respondent import RespondentContext
from forcegen.model.response import Endorsement, EndorsementKind
from forcegen.web.schemas.common import MAX_VERSION, AnswersJson, PlainText, RequestBody
from forcegen.web.schemas.rounds import InvitationRead, ResponseVersionRead, RoundRead


class AnswersUpdate(RequestBody):
    """A draft: the whole answer set, and the version it was based on (0 for the first)."""

    answers: AnswersJson = Field(examples=[{"troops": {"decision": "undecided"}}])
    base_version: int = Field(ge=0, le=MAX_VERSION)


class SubmissionCreate(AnswersUpdate):
    attestation_name: PlainText = Field(max_length=200, examples=["A. Official"])
    attestation_title: PlainText = Field(max_length=200, examples=["Director for Defence Policy"])


class WithdrawalCreate(RequestBody):
    base_version: int = Field(ge=0, le=MAX_VERSION)


class EndorsementCreate(RequestBody):
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


class ConditionPartRead(BaseModel):
    """One part of a condition the form's builder can show: a driver, or a government that
    must send at least some personnel."""

    kind: Literal["driver", "troops"]
    name: str
    at_least: int | None = None


class ConditionCheckRead(BaseModel):
    """The verdict on a condition text: its normal form and plain words, or what is wrong.

    `parts` lists the condition's parts when it is a plain `and` of drivers and troop
    thresholds (what the form's builder can show); it is null for anything else.
    """

    ok: bool
    message: str | None = None
    normalised: str | None = None
    plain: str | None = None
    parts: list[ConditionPartRead] | None = None
