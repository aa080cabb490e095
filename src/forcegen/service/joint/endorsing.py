"""Joint responses: members endorse (or not) what an organisation answers on their behalf.

A verdict is endorse, endorse with reservations on named questions, or reject; it is given
on the joint response's current version. What the coordinator sees of the verdicts is in
backing.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from forcegen.model.errors import InvalidInputError, RuleViolationError
from forcegen.model.response import (
    Endorsement,
    EndorsementKind,
    Response,
)
from forcegen.model.round import ResponseEvent, Round, RoundId
from forcegen.service.ports import UnitOfWork
from forcegen.service.rounds.access import (
    InvitationCredential,
    authenticate_invitation,
    participant_of,
    record_activity,
    require_open,
    respondent_actor,
)
from forcegen.service.rounds.ports import ParticipantCatalog

MAX_COMMENT_LENGTH = 4000


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
