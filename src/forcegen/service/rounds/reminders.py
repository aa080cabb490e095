"""Reminders: chase the invitees whose answer is not in yet, each reminder on the audit log.

Only the fingerprint of a link is stored, so a reminder can carry a link only by issuing a
fresh one. Invitees who never opened their link get one (their old link stops working,
which they never used); those who opened it keep theirs unless the coordinator asks for new
links too, because replacing a link in use would cut off a desk officer mid-draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from forcegen.model.participant import participant_name
from forcegen.model.round import Invitation, InviteeStatus, Round
from forcegen.service.ports import UnitOfWork
from forcegen.service.rounds.access import find_round, require_open
from forcegen.service.rounds.invitations import record_invitation_event, reissue_in

_NOT_ANSWERED = frozenset({InviteeStatus.INVITED, InviteeStatus.OPENED, InviteeStatus.DRAFT})


@dataclass(frozen=True, slots=True)
class Reminder:
    """One invitee to remind; `token` is the fresh link's token, None to keep the old link."""

    invitation: Invitation
    participant_name: str
    token: str | None


def prepare_reminders(
    *, uow: UnitOfWork, round_id: str, actor: str, include_opened: bool = False
) -> tuple[Round, list[Reminder]]:
    """A reminder for every invitee not revoked whose answer is not in (invited, opened or
    a draft), with fresh links as described above; each reminder is audited.

    Raises:
        NotFoundError: no such round.
        RuleViolationError: the round is closed.
    """
    with uow:
        round_ = find_round(uow, round_id)
        require_open(round_)
        reminders = []
        for invitation in uow.invitations.for_round(round_.id):
            if invitation.is_revoked or invitation.status not in _NOT_ANSWERED:
                continue
            token = None
            if include_opened or invitation.status is InviteeStatus.INVITED:
                fresh = reissue_in(uow, invitation, actor)
                invitation, token = fresh.invitation, fresh.token
            record_invitation_event(
                uow,
                actor,
                "round.remind",
                invitation,
                status=invitation.status.value,
                new_link=token is not None,
            )
            reminders.append(
                Reminder(invitation, participant_name(invitation.participant_code), token)
            )
        uow.commit()
    return round_, reminders
