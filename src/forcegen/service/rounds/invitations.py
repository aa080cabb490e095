"""Invitation use cases: invite participants to a round, revoke, reissue, and export links.

A token is shown once, when it is issued; only its sha256 is stored. That is why exporting
links issues new tokens (and so invalidates links handed out before): the old ones cannot be
recovered from the database, by us or by anyone who copies it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence

from forcegen.model.errors import (
    InvalidInputError,
    NotFoundError,
    RuleViolationError,
    UnknownParticipantError,
)
from forcegen.model.participant import Participant, ParticipantKind, normalise_code
from forcegen.model.round import (
    Invitation,
    InvitationId,
    InviteeStatus,
    IssuedInvitation,
    Round,
)
from forcegen.service.accounts.credentials import hash_token, new_token
from forcegen.service.ports import UnitOfWork
from forcegen.service.rounds.access import find_round, require_open
from forcegen.service.rounds.ports import ParticipantCatalog

DEFAULT_VALID_DAYS = 30
MAX_VALID_DAYS = 366


def invite(
    *,
    uow: UnitOfWork,
    catalog: ParticipantCatalog,
    round_id: str,
    participant_codes: Sequence[str],
    actor: str,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> list[IssuedInvitation]:
    """Invite participants (all or none) and return their invitations with the plain tokens.

    An organisation (e.g. `EU`) is invited to answer jointly for its members.

    Raises:
        InvalidInputError: no codes, or `valid_days` out of range.
        UnknownParticipantError: a code is not a known participant (suggests the closest).
        NotFoundError: no such round.
        RuleViolationError: the round is closed, or a participant is already invited.
    """
    participants = _participants(catalog, participant_codes)
    _check_valid_days(valid_days)
    with uow:
        round_ = find_round(uow, round_id)
        require_open(round_)
        _refuse_already_invited(uow, round_, participants)
        now = uow.clock.now()
        issued = []
        for participant in participants:
            token = new_token()
            invitation = Invitation(
                id=InvitationId(uuid.uuid4().hex),
                round_id=round_.id,
                participant_code=participant.code,
                expires_at=now + dt.timedelta(days=valid_days),
                created_at=now,
                is_joint=participant.kind is ParticipantKind.ORGANISATION,
            )
            uow.invitations.add(invitation, token_hash=hash_token(token))
            _record(uow, actor, "invitation.create", invitation)
            issued.append(IssuedInvitation(invitation=invitation, token=token))
        uow.commit()
    return issued


def revoke_invitation(*, uow: UnitOfWork, invitation_id: str, actor: str) -> Invitation:
    """Stop an invitation's token from working (revoking twice changes nothing).

    Raises:
        NotFoundError: no such invitation.
    """
    with uow:
        invitation = _find(uow, invitation_id)
        if invitation.is_revoked:
            return invitation
        revoked = invitation.model_copy(update={"revoked_at": uow.clock.now()})
        uow.invitations.update(revoked)
        _record(uow, actor, "invitation.revoke", revoked)
        uow.commit()
    return revoked


def reissue_invitation(
    *,
    uow: UnitOfWork,
    invitation_id: str,
    actor: str,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> IssuedInvitation:
    """Give an invitation a new token; the old token stops working. Also lifts a revocation.

    Raises:
        NotFoundError: no such invitation.
        RuleViolationError: its round is closed.
        InvalidInputError: `valid_days` out of range.
    """
    _check_valid_days(valid_days)
    with uow:
        invitation = _find(uow, invitation_id)
        require_open(find_round(uow, invitation.round_id))
        issued = _reissue(uow, invitation, actor, valid_days)
        uow.commit()
    return issued


def export_links(
    *,
    uow: UnitOfWork,
    round_id: str,
    actor: str,
    include_opened: bool = False,
    valid_days: int = DEFAULT_VALID_DAYS,
    deliver: Callable[[list[IssuedInvitation]], None] | None = None,
) -> list[IssuedInvitation]:
    """Issue fresh tokens for delivery: for invitations never opened, or all with
    `include_opened`. Revoked invitations are skipped (reissue them one by one).

    Any link handed out earlier for these invitations stops working, but only once
    `deliver` (say, writing the links to a file) has succeeded: if it raises, nothing
    is changed and the old links keep working.

    Raises:
        NotFoundError: no such round.
        RuleViolationError: the round is closed.
    """
    _check_valid_days(valid_days)
    with uow:
        round_ = find_round(uow, round_id)
        require_open(round_)
        issued = [
            _reissue(uow, invitation, actor, valid_days)
            for invitation in uow.invitations.for_round(round_.id)
            if not invitation.is_revoked
            and (include_opened or invitation.status is InviteeStatus.INVITED)
        ]
        if deliver is not None:
            deliver(issued)
        uow.commit()
    return issued


def reissue_in(
    uow: UnitOfWork, invitation: Invitation, actor: str, valid_days: int = DEFAULT_VALID_DAYS
) -> IssuedInvitation:
    """Within an open unit of work: a new token for `invitation`, audited (the old one stops
    working when the unit of work commits)."""
    return _reissue(uow, invitation, actor, valid_days)


def _reissue(
    uow: UnitOfWork, invitation: Invitation, actor: str, valid_days: int
) -> IssuedInvitation:
    token = new_token()
    renewed = invitation.model_copy(
        update={
            "revoked_at": None,
            "expires_at": uow.clock.now() + dt.timedelta(days=valid_days),
        }
    )
    uow.invitations.update(renewed, token_hash=hash_token(token))
    _record(uow, actor, "invitation.reissue", renewed)
    return IssuedInvitation(invitation=renewed, token=token)


def _participants(catalog: ParticipantCatalog, codes: Sequence[str]) -> list[Participant]:
    if isinstance(codes, str) or not codes:
        raise InvalidInputError(
            "No participants to invite: give one or more codes, e.g. FRA DEU POL GBR EU."
        )
    participants: dict[str, Participant] = {}
    for text in codes:
        code = normalise_code(text)
        participant = catalog.participants.get(code)
        if participant is None:
            raise UnknownParticipantError(
                f"{code} is a valid code but not in the catalog of participants: add it to "
                "data/countries.csv, or run `forcegen participants` for the known codes."
            )
        participants.setdefault(code, participant)
    return list(participants.values())


def _refuse_already_invited(
    uow: UnitOfWork, round_: Round, participants: list[Participant]
) -> None:
    invited = [p.code for p in participants if uow.invitations.find(round_.id, p.code)]
    if invited:
        raise RuleViolationError(
            f"Already invited to round {round_.title!r}: {', '.join(invited)}. Nothing was "
            "changed: leave them out, or reissue their invitations to get new links."
        )


def _check_valid_days(valid_days: int) -> None:
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise InvalidInputError(
            f"An invitation valid for {valid_days} days is not possible: choose between 1 and "
            f"{MAX_VALID_DAYS} days."
        )


def _find(uow: UnitOfWork, invitation_id: str) -> Invitation:
    invitation = uow.invitations.get(InvitationId(invitation_id.strip()))
    if invitation is None:
        raise NotFoundError(
            f"No invitation with id {invitation_id!r}: take the id from the round's status page."
        )
    return invitation


def record_invitation_event(
    uow: UnitOfWork, actor: str, action: str, invitation: Invitation, **facts: object
) -> None:
    """Audit something done to an invitation: every entry names its round and participant,
    then the `facts` of this kind of change."""
    uow.audit.record(
        actor=actor,
        action=action,
        entity="invitation",
        entity_id=invitation.id,
        payload={"round_id": invitation.round_id, "participant": invitation.participant_code}
        | facts,
    )


def _record(uow: UnitOfWork, actor: str, action: str, invitation: Invitation) -> None:
    expires_at = invitation.expires_at.isoformat()
    record_invitation_event(uow, actor, action, invitation, expires_at=expires_at)
