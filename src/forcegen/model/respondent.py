"""What a respondent sees: its round, its questions, the head of its own response and the
joint responses it may endorse.

The responses here are heads (model/response_head.py): the latest version and the standing
submission, read through the response's pointer, so opening the form costs the same at
version 2 and at version 2,000. The whole history is a separate, paged read.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from forcegen.model.participant import Participant
from forcegen.model.questionnaire import Question
from forcegen.model.response import Endorsement
from forcegen.model.response_head import ResponseHead
from forcegen.model.round import Invitation, Round


class JointDraft(BaseModel):
    """A joint response a member may endorse: the organisation's code and its response."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    joint_participant: str
    response: ResponseHead


class RespondentContext(BaseModel):
    """Everything a respondent may see: its round, the questions for it, and its own answers.

    `questions` are only those the audience rules select for this participant;
    `joint_drafts` are the joint responses of organisations it belongs to.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    invitation: Invitation
    round: Round
    participant: Participant
    questions: tuple[Question, ...]
    response: ResponseHead | None = None
    joint_drafts: tuple[JointDraft, ...] = ()
    own_endorsements: tuple[Endorsement, ...] = ()
