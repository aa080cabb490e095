"""The questions a posted form is read against, kept per invitation.

Every autosave posts the form's fields, named by answer path; turning them into answers needs
the participant's questions. Those never change for an invitation: the round keeps the
snapshot of its questionnaire, and which questions a participant gets depends on who it is.
So each server process reads them once per token, and a save is then one write transaction
and nothing else. The save authenticates the token again inside that transaction, so a link
revoked meanwhile saves nothing, its questions cached or not.
"""

from __future__ import annotations

from dataclasses import dataclass

from forcegen.model.participant import Participant
from forcegen.model.questionnaire import Question
from forcegen.model.round import Round
from forcegen.service.ports import UnitOfWork
from forcegen.service.result_cache import ResultCache
from forcegen.service.rounds.access import (
    InvitationCredential,
    authenticate_invitation,
    participant_of,
    token_hash_of,
)
from forcegen.service.rounds.ports import ParticipantCatalog

FORMS_KEPT = 4096
"""Invitations whose questions a process keeps (a round has at most a few hundred)."""


@dataclass(frozen=True)
class RespondentForm:
    """The round (as it was when first read), the participant and the questions it answers."""

    round: Round
    participant: Participant
    questions: tuple[Question, ...]


FormCache = ResultCache[RespondentForm]


def new_form_cache() -> FormCache:
    return ResultCache(FORMS_KEPT)


def form_of(
    *,
    uow: UnitOfWork,
    catalog: ParticipantCatalog,
    token: InvitationCredential,
    cache: FormCache | None = None,
) -> RespondentForm:
    """The participant's questions for the invitation `token` opens (from `cache` if kept).

    Raises:
        AuthenticationError: the token is unknown, revoked or expired (when not kept).
    """

    def read() -> RespondentForm:
        with uow.reading():
            invitation, round_ = authenticate_invitation(uow, token)
        participant = participant_of(catalog, invitation.participant_code)
        return RespondentForm(
            round=round_,
            participant=participant,
            questions=round_.questionnaire.questions_for(participant),
        )

    if cache is None:
        return read()
    return cache.get_or_compute(token_hash_of(token), read)
