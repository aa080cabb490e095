"""The coordinator's view of joint responses: per organisation and per question, who backs
the joint answer, who reserves or rejects it, and which members' own answers depart from it.

"Will Europe answer as one?" is the seeds' question; the overview answers it per question:
endorsed, endorsed with reservations, rejected, and members whose own answer differs. The
verdicts themselves are recorded by endorsing.py.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from forcegen.model.participant import participant_name
from forcegen.model.questionnaire import Question
from forcegen.model.response import (
    Endorsement,
    EndorsementKind,
    FieldChange,
    Response,
    ResponseVersion,
    diff_answers,
)
from forcegen.model.round import Invitation, Round
from forcegen.service.ports import UnitOfWork
from forcegen.service.rounds.access import find_round, participant_of
from forcegen.service.rounds.ports import ParticipantCatalog


class Departure(BaseModel):
    """A member whose own answer to a question differs from the joint answer, and how."""

    model_config = ConfigDict(frozen=True)

    participant_code: str
    changes: tuple[FieldChange, ...]  # from the joint answer to the member's answer


class JointQuestionRow(BaseModel):
    """Who stands where on one question of a joint response."""

    model_config = ConfigDict(frozen=True)

    question_key: str
    question_number: int
    question_title: str
    endorsed_by: tuple[str, ...] = ()
    reservations_by: tuple[str, ...] = ()
    rejected_by: tuple[str, ...] = ()
    departures: tuple[Departure, ...] = ()


class JointSummary(BaseModel):
    """One organisation's joint response and its members' verdicts.

    `members` are the invited members; `awaiting` have given no verdict yet; `outdated` gave
    theirs on an older version of the joint response than the current one.
    """

    model_config = ConfigDict(frozen=True)

    joint_participant: str
    joint_name: str
    current_version: int | None
    is_submitted: bool
    members: tuple[str, ...]
    awaiting: tuple[str, ...]
    outdated: tuple[str, ...]
    verdicts: tuple[Endorsement, ...]
    questions: tuple[JointQuestionRow, ...]


class JointOverview(BaseModel):
    """Every joint response of a round."""

    model_config = ConfigDict(frozen=True)

    round_id: str
    joints: tuple[JointSummary, ...]


def joint_overview(*, uow: UnitOfWork, catalog: ParticipantCatalog, round_id: str) -> JointOverview:
    """Per joint response and per question: who endorsed, with reservations, rejected, and
    which members' own answers depart from the joint one.

    Raises:
        NotFoundError: no such round.
    """
    with uow.reading():
        round_ = find_round(uow, round_id)
        invitations = uow.invitations.for_round(round_.id)
        responses = {r.participant_code: r for r in uow.responses.for_round(round_.id)}
        verdicts = uow.endorsements.latest_for_round(round_.id)
    joints = tuple(
        _summary(round_, joint, invitations, responses, verdicts, catalog)
        for joint in invitations
        if joint.is_joint
    )
    return JointOverview(round_id=round_.id, joints=joints)


def _summary(
    round_: Round,
    joint: Invitation,
    invitations: list[Invitation],
    responses: dict[str, Response],
    verdicts: list[Endorsement],
    catalog: ParticipantCatalog,
) -> JointSummary:
    code = joint.participant_code
    members = tuple(
        i.participant_code
        for i in invitations
        if (p := catalog.participants.get(i.participant_code)) and p.is_member_of(code)
    )
    mine = tuple(
        v for v in verdicts if v.joint_participant == code and v.participant_code in members
    )
    joint_version = _current(responses.get(code))
    questions = round_.questionnaire.questions_for(participant_of(catalog, code))
    rows = tuple(
        _question_row(question, joint_version, mine, members, responses) for question in questions
    )
    number = joint_version.number if joint_version else None
    given = {v.participant_code for v in mine}
    return JointSummary(
        joint_participant=code,
        joint_name=participant_name(code),
        current_version=number,
        is_submitted=joint_version.is_submitted if joint_version else False,
        members=members,
        awaiting=tuple(m for m in members if m not in given),
        outdated=tuple(v.participant_code for v in mine if v.joint_version != number),
        verdicts=mine,
        questions=rows,
    )


def _question_row(
    question: Question,
    joint_version: ResponseVersion | None,
    verdicts: tuple[Endorsement, ...],
    members: tuple[str, ...],
    responses: dict[str, Response],
) -> JointQuestionRow:
    endorsed, reserved, rejected = [], [], []
    for verdict in verdicts:
        if verdict.kind is EndorsementKind.REJECT:
            rejected.append(verdict.participant_code)
        elif question.key in verdict.reserved_questions:
            reserved.append(verdict.participant_code)
        else:
            endorsed.append(verdict.participant_code)
    joint_answer = joint_version.answers.get(question.key) if joint_version else None
    departures = []
    for member in members:
        own = _current(responses.get(member))
        own_answer = own.answers.get(question.key) if own else None
        if own_answer is None:
            continue
        changes = diff_answers({question.key: joint_answer}, {question.key: own_answer})
        if changes:
            departures.append(Departure(participant_code=member, changes=tuple(changes)))
    return JointQuestionRow(
        question_key=question.key,
        question_number=question.number,
        question_title=question.title,
        endorsed_by=tuple(endorsed),
        reservations_by=tuple(reserved),
        rejected_by=tuple(rejected),
        departures=tuple(departures),
    )


def _current(response: Response | None) -> ResponseVersion | None:
    """The answer that counts: the latest submission, else the latest draft."""
    if response is None or response.is_withdrawn:
        return None
    return response.latest_submitted or response.latest
