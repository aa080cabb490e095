"""Joint responses: members endorse (or not) what an organisation answers on their behalf,
and the coordinator sees, question by question, who backs it and who departs from it.

"Will Europe answer as one?" is the seeds' question; the overview answers it per question:
endorsed, endorsed with reservations, rejected, and members whose own answer differs.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from forcegen.model.errors import InvalidInputError, RuleViolationError
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
from forcegen.model.round import Invitation, ResponseEvent, Round, RoundId
from forcegen.service.ports import UnitOfWork
from forcegen.service.rounds.access import (
    InvitationCredential,
    authenticate_invitation,
    find_round,
    participant_of,
    record_activity,
    require_open,
    respondent_actor,
)
from forcegen.service.rounds.ports import ParticipantCatalog

MAX_COMMENT_LENGTH = 4000


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


def endorse_joint(
    *,
    uow: UnitOfWork,
    catalog: ParticipantCatalog,
    token: InvitationCredential,
    joint_participant: str,
    kind: EndorsementKind | str,
    reserved_questions: Sequence[str] = (),
    comment: str = "",
) -> Endorsement:
    """Record the respondent's verdict on an organisation's joint response (latest wins).

    Raises:
        AuthenticationError: the token is not valid.
        InvalidInputError: unknown kind or question key, a comment too long, or reservations
            missing for (or given without) `endorse_with_reservations`.
        RuleViolationError: the round is closed, the respondent is not a member of the
            organisation, or there is no joint response to endorse yet.
        ConflictError: another verdict by the same member was recorded at the same moment.
    """
    verdict = _kind(kind)
    joint_code = joint_participant.strip().upper()
    text = comment.strip()
    if len(text) > MAX_COMMENT_LENGTH:
        raise InvalidInputError(
            f"The comment is {len(text)} characters long: keep it to {MAX_COMMENT_LENGTH}."
        )
    with uow:
        invitation, round_ = authenticate_invitation(uow, token)
        require_open(round_)
        member = participant_of(catalog, invitation.participant_code)
        if not member.is_member_of(joint_code):
            raise RuleViolationError(
                f"{member.code} is not a member of {joint_code}: only its members can endorse "
                "its joint response."
            )
        joint = _joint_response(uow, round_, joint_code)
        reserved = _reserved(round_, verdict, reserved_questions)
        history = uow.endorsements.history(round_.id, joint_code, member.code)
        endorsement = Endorsement(
            round_id=round_.id,
            joint_participant=joint_code,
            participant_code=member.code,
            kind=verdict,
            reserved_questions=reserved,
            comment=text,
            recorded_at=uow.clock.now(),
            number=len(history) + 1,
            joint_version=joint.latest.number if joint.latest else None,
        )
        uow.endorsements.add(endorsement)
        record_activity(uow, invitation, ResponseEvent.OPEN)
        uow.audit.record(
            actor=respondent_actor(invitation),
            action="endorsement.record",
            entity="response",
            entity_id=joint.id,
            payload={
                "round_id": round_.id,
                "participant": member.code,
                "kind": verdict.value,
                "reserved_questions": list(reserved),
                "number": endorsement.number,
                "joint_version": endorsement.joint_version,
            },
        )
        uow.commit()
    return endorsement


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


def _joint_response(uow: UnitOfWork, round_: Round, joint_code: str) -> Response:
    joint = uow.invitations.find(RoundId(round_.id), joint_code)
    response = uow.responses.get(round_.id, joint_code) if joint and joint.is_joint else None
    if response is None or not response.versions:
        raise RuleViolationError(
            f"There is no joint response of {joint_code} in round {round_.title!r} yet: wait "
            "until its draft is saved, then record your verdict."
        )
    return response


def _kind(kind: EndorsementKind | str) -> EndorsementKind:
    try:
        return EndorsementKind(kind)
    except ValueError as err:
        known = ", ".join(k.value for k in EndorsementKind)
        raise InvalidInputError(f"Unknown verdict {kind!r}: use one of {known}.") from err


def _reserved(round_: Round, kind: EndorsementKind, questions: Sequence[str]) -> tuple[str, ...]:
    listed = questions.split(",") if isinstance(questions, str) else questions
    keys = tuple(dict.fromkeys(q.strip() for q in listed if q.strip()))
    known = round_.questionnaire.question_keys
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise InvalidInputError(
            f"Unknown question key(s) {', '.join(map(repr, unknown))} among the reservations: "
            f"use keys of this round's questionnaire ({', '.join(known)})."
        )
    if kind is EndorsementKind.ENDORSE_WITH_RESERVATIONS and not keys:
        raise InvalidInputError(
            "An endorsement with reservations must name the questions reserved, e.g. troops."
        )
    if kind is not EndorsementKind.ENDORSE_WITH_RESERVATIONS and keys:
        raise InvalidInputError(
            f"A verdict {kind.value!r} cannot name reserved questions: choose "
            "'endorse_with_reservations', or leave the reserved questions empty."
        )
    return keys
