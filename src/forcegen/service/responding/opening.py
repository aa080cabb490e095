"""Opening an invitation: what a respondent may see, read in one read-only transaction.

Only the first opening writes (the invitation's status and an audit entry), so the form's
page and every save read the questions without a write transaction of their own.
"""

from __future__ import annotations

from forcegen.model.questionnaire import AnswerVocabulary
from forcegen.model.respondent import JointDraft, RespondentContext
from forcegen.model.round import Invitation, InviteeStatus, ResponseEvent, Round
from forcegen.service.ports import UnitOfWork
from forcegen.service.responding import versions
from forcegen.service.rounds.access import (
    InvitationCredential,
    authenticate_invitation,
    participant_of,
    record_activity,
)
from forcegen.service.rounds.ports import ParticipantCatalog


def answer_vocabulary(catalog: ParticipantCatalog) -> AnswerVocabulary:
    """What answers may name, with condition fields checked by the condition language."""
    return catalog.answer_vocabulary()


def respondent_context(
    *, uow: UnitOfWork, catalog: ParticipantCatalog, token: InvitationCredential
) -> RespondentContext:
    """Everything the respondent may see, read in one read-only transaction: the form's page
    and every save read it, and reading writes nothing (so a save is one write transaction).

    Raises:
        AuthenticationError: the token is unknown, revoked or expired (one message for all).
    """
    with uow.reading():
        invitation, round_ = authenticate_invitation(uow, token)
        return _context(uow, catalog, invitation, round_)


def open_invitation(
    *, uow: UnitOfWork, catalog: ParticipantCatalog, token: InvitationCredential
) -> RespondentContext:
    """Everything the respondent may see; the first time, mark the invitation opened.

    Only that first opening writes (the status, the time and an audit entry); later ones
    read, as `respondent_context` does. A closed round still opens, read-only, so a
    government can see what it answered.

    Raises:
        AuthenticationError: the token is unknown, revoked or expired (one message for all).
    """
    context = respondent_context(uow=uow, catalog=catalog, token=token)
    if context.invitation.status is not InviteeStatus.INVITED:
        return context
    with uow:
        invitation, round_ = authenticate_invitation(uow, token)
        if invitation.status is InviteeStatus.INVITED:  # nobody opened it in between
            invitation = record_activity(uow, invitation, ResponseEvent.OPEN)
            versions.record_event(uow, invitation, "invitation.open", None)
        context = _context(uow, catalog, invitation, round_)
        uow.commit()
    return context


def _context(
    uow: UnitOfWork, catalog: ParticipantCatalog, invitation: Invitation, round_: Round
) -> RespondentContext:
    participant = participant_of(catalog, invitation.participant_code)
    joint_drafts = [
        JointDraft(joint_participant=joint.participant_code, response=draft)
        for joint in uow.invitations.joint_for_round(round_.id)
        if participant.is_member_of(joint.participant_code)
        for draft in [uow.responses.head(round_.id, joint.participant_code)]
        if draft is not None and draft.latest is not None
    ]
    own_endorsements = tuple(
        endorsement
        for endorsement in uow.endorsements.latest_for_round(round_.id)
        if endorsement.participant_code == participant.code
    )
    return RespondentContext(
        invitation=invitation,
        round=round_,
        participant=participant,
        questions=round_.questionnaire.questions_for(participant),
        response=uow.responses.head(round_.id, participant.code),
        joint_drafts=tuple(joint_drafts),
        own_endorsements=own_endorsements,
    )
