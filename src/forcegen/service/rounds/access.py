"""Access to rounds: find a round, and let a respondent in by its invitation token only.

No use case takes a participant code from a respondent: it is always read from the
invitation the token opens, so a token of one government can never reach another's answers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from forcegen.model.audit import canonical_json
from forcegen.model.errors import AuthenticationError, NotFoundError, RuleViolationError
from forcegen.model.participant import Participant
from forcegen.model.round import (
    Invitation,
    InviteeStatus,
    ResponseEvent,
    Round,
    RoundId,
    status_after,
)
from forcegen.service.accounts.credentials import hash_token
from forcegen.service.ports import UnitOfWork
from forcegen.service.rounds.ports import ParticipantCatalog

INVALID_LINK_MESSAGE = (
    "This invitation link is not valid: it may be mistyped, expired or revoked. "
    "Ask the coordinator of the round for a new link."
)
MAX_TOKEN_LENGTH = 200
"""Longer strings are not our tokens (43 characters); refuse them before hashing."""


@dataclass(frozen=True)
class InvitationGrant:
    """A respondent's browser session: the hash of the token it was opened with, never the
    token. It stops opening the invitation as soon as the token is re-issued (the hash
    changes) or the invitation is revoked or expires."""

    token_hash: str


InvitationCredential = str | InvitationGrant
"""What a respondent's use case takes: the token itself (API, the link) or a session grant."""


def authenticate_invitation(
    uow: UnitOfWork, token: InvitationCredential
) -> tuple[Invitation, Round]:
    """The invitation a token (or a session grant) opens and its round, in an open unit of work.

    Raises:
        AuthenticationError: the token is unknown, revoked or expired; the same message for
            all three, so that a guesser learns nothing.
    """
    invitation = uow.invitations.get_by_token_hash(token_hash_of(token))
    if invitation is None or not invitation.is_usable(uow.clock.now()):
        raise AuthenticationError(INVALID_LINK_MESSAGE)
    round_ = uow.rounds.get(invitation.round_id)
    if round_ is None:
        raise AuthenticationError(INVALID_LINK_MESSAGE)
    return invitation, round_


def token_hash_of(token: InvitationCredential) -> str:
    """The hash that identifies a credential (raises AuthenticationError for a malformed one)."""
    if isinstance(token, InvitationGrant):
        return token.token_hash
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise AuthenticationError(INVALID_LINK_MESSAGE)
    return hash_token(token)


def find_round(uow: UnitOfWork, round_id: str) -> Round:
    """The round, inside an open unit of work.

    Raises:
        NotFoundError: no round has this id.
    """
    round_ = uow.rounds.get(RoundId(round_id.strip()))
    if round_ is None:
        raise NotFoundError(
            f"No round with id {round_id!r}: take the id from `forcegen round list` or the "
            "coordinator's Rounds page."
        )
    return round_


def require_open(round_: Round) -> None:
    """Raises: RuleViolationError when the round is closed."""
    if not round_.is_open:
        closed = round_.closed_at.strftime("%Y-%m-%d %H:%M UTC") if round_.closed_at else ""
        raise RuleViolationError(
            f"Round {round_.title!r} was closed {('on ' + closed) if closed else ''}: nothing "
            "can be changed any more. Contact the coordinator if something must be corrected."
        )


def participant_of(catalog: ParticipantCatalog, code: str) -> Participant:
    """Raises: NotFoundError when the catalog no longer knows an invited participant."""
    participant = catalog.participants.get(code)
    if participant is None:
        raise NotFoundError(
            f"Participant {code!r} is not in the catalog any more: restore it in "
            "data/countries.csv or ask the coordinator to reissue the invitation."
        )
    return participant


def respondent_actor(invitation: Invitation) -> str:
    """How a respondent appears in the audit log."""
    return f"participant:{invitation.participant_code}"


def record_activity(
    uow: UnitOfWork,
    invitation: Invitation,
    event: ResponseEvent | None,
    *,
    has_submitted: bool = False,
) -> Invitation:
    """Store the invitee's new status (after `event`, if any) and the time of its activity."""
    status: InviteeStatus = invitation.status
    if event is not None:
        status = status_after(invitation.status, event, has_submitted=has_submitted)
    updated = invitation.model_copy(update={"status": status, "last_activity_at": uow.clock.now()})
    uow.invitations.update(updated)
    return updated


def answers_digest(answers: Mapping[str, object]) -> str:
    """The sha256 of the answers' canonical JSON: the audit log proves what was saved without
    copying confidential answers into it."""
    return hashlib.sha256(canonical_json(answers).encode("utf-8")).hexdigest()
