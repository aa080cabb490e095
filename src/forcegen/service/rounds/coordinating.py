"""Round use cases for the coordinator: create a round, follow it, read responses, close it.

Invitations (invite, revoke, reissue, export links) live in `service.invitations` and joint
responses in `service.joint`; both are re-exported here, so adapters import one module.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

from pydantic import AwareDatetime, BaseModel, ConfigDict

from forcegen.model.errors import InvalidInputError, NotFoundError, RuleViolationError
from forcegen.model.participant import participant_name
from forcegen.model.questionnaire import Questionnaire
from forcegen.model.response import Response
from forcegen.model.round import Invitation, InviteeStatus, Round, RoundId, RoundStatus
from forcegen.service.ports import UnitOfWork
from forcegen.service.rounds.access import find_round
from forcegen.service.rounds.invitations import (
    export_links,
    invite,
    reissue_invitation,
    revoke_invitation,
)

__all__ = [
    "InviteeRow",
    "RoundStatusReport",
    "close_round",
    "create_round",
    "export_links",
    "find_round",
    "get_response",
    "get_round",
    "invite",
    "list_rounds",
    "reissue_invitation",
    "revoke_invitation",
    "round_responses",
    "round_status",
]

MAX_TITLE_LENGTH = 200
_ANSWERED = frozenset({InviteeStatus.SUBMITTED, InviteeStatus.REVISED})


class InviteeRow(BaseModel):
    """One line of the coordinator's follow-up table."""

    model_config = ConfigDict(frozen=True)

    invitation: Invitation
    participant_name: str
    status: InviteeStatus
    last_activity_at: AwareDatetime | None
    version_count: int
    submitted_count: int


class RoundStatusReport(BaseModel):
    """Where every invitee of a round stands, by participant code."""

    model_config = ConfigDict(frozen=True)

    round: Round
    rows: list[InviteeRow]

    @property
    def counts(self) -> dict[InviteeStatus, int]:
        """How many invitees are at each status (every status listed, zeros included)."""
        counted = Counter(row.status for row in self.rows)
        return {status: counted[status] for status in InviteeStatus}

    @property
    def answered_count(self) -> int:
        """Invitees whose submitted answer stands (submitted or revised, not withdrawn)."""
        return sum(1 for row in self.rows if row.status in _ANSWERED)


def create_round(
    *,
    uow: UnitOfWork,
    questionnaire: Questionnaire,
    title: str,
    deadline: dt.datetime,
    actor: str,
    is_illustrative: bool = False,
) -> Round:
    """Open a new round of `questionnaire` (a snapshot is kept) with a deadline.

    Raises:
        InvalidInputError: the title is empty or too long, or the deadline has no time zone or
            is not in the future.
    """
    shown_title = _checked_title(title)
    with uow:
        now = uow.clock.now()
        _check_deadline(deadline, now)
        round_ = Round(
            id=RoundId(uuid.uuid4().hex[:12]),
            title=shown_title,
            questionnaire=questionnaire,
            deadline=deadline.astimezone(dt.UTC),
            created_at=now,
            created_by=actor,
            is_illustrative=is_illustrative,
        )
        uow.rounds.add(round_)
        uow.audit.record(
            actor=actor,
            action="round.create",
            entity="round",
            entity_id=round_.id,
            payload={
                "title": round_.title,
                "questionnaire": questionnaire.key,
                "questionnaire_version": questionnaire.version,
                "deadline": round_.deadline.isoformat(),
                "is_illustrative": is_illustrative,
            },
        )
        uow.commit()
    return round_


def list_rounds(*, uow: UnitOfWork) -> list[Round]:
    """Every round, newest first."""
    with uow.reading():
        return uow.rounds.list()


def get_round(*, uow: UnitOfWork, round_id: str) -> Round:
    """Raises: NotFoundError when there is no such round."""
    with uow.reading():
        return find_round(uow, round_id)


def round_status(*, uow: UnitOfWork, round_id: str) -> RoundStatusReport:
    """Per invitee: status, last activity, and how many versions and submissions it saved.

    Raises:
        NotFoundError: no such round.
    """
    with uow.reading():
        round_ = find_round(uow, round_id)
        invitations = uow.invitations.for_round(round_.id)
        responses = {r.participant_code: r for r in uow.responses.tallies_for_round(round_.id)}
    rows = []
    for invitation in invitations:
        response = responses.get(invitation.participant_code)
        rows.append(
            InviteeRow(
                invitation=invitation,
                participant_name=participant_name(invitation.participant_code),
                status=invitation.status,
                last_activity_at=invitation.last_activity_at,
                version_count=response.version_count if response else 0,
                submitted_count=response.submitted_count if response else 0,
            )
        )
    return RoundStatusReport(round=round_, rows=rows)


def round_responses(*, uow: UnitOfWork, round_id: str) -> list[Response]:
    """Every response of a round, with all its versions (for exports).

    Raises:
        NotFoundError: no such round.
    """
    with uow.reading():
        round_ = find_round(uow, round_id)
        return uow.responses.for_round(round_.id)


def get_response(*, uow: UnitOfWork, round_id: str, participant_code: str) -> Response:
    """A participant's response with all its versions (the coordinator's view).

    Raises:
        NotFoundError: no such round, or the participant has saved nothing in it.
    """
    code = participant_code.strip().upper()
    with uow.reading():
        round_ = find_round(uow, round_id)
        response = uow.responses.get(round_.id, code)
    if response is None or not response.versions:
        raise NotFoundError(
            f"{code} has saved no answers in round {round_.title!r} yet: check its status "
            f"with `forcegen round status {round_.id}`."
        )
    return response


def close_round(*, uow: UnitOfWork, round_id: str, actor: str) -> Round:
    """Close a round: from now on, no invitee can save, submit, withdraw or endorse.

    Raises:
        NotFoundError: no such round.
        RuleViolationError: the round is already closed.
    """
    with uow:
        round_ = find_round(uow, round_id)
        if not round_.is_open:
            closed = round_.closed_at.isoformat() if round_.closed_at else "earlier"
            raise RuleViolationError(
                f"Round {round_.title!r} ({round_.id}) is already closed (at {closed}): "
                "nothing to do."
            )
        closed_round = round_.model_copy(
            update={"status": RoundStatus.CLOSED, "closed_at": uow.clock.now()}
        )
        uow.rounds.update(closed_round)
        uow.audit.record(
            actor=actor, action="round.close", entity="round", entity_id=round_.id, payload={}
        )
        uow.commit()
    return closed_round


def _checked_title(title: str) -> str:
    shown = " ".join(title.split())
    if not shown:
        raise InvalidInputError("The round title is empty: give the round a title.")
    if len(shown) > MAX_TITLE_LENGTH:
        raise InvalidInputError(
            f"The round title is {len(shown)} characters long: keep it to {MAX_TITLE_LENGTH}."
        )
    return shown


def _check_deadline(deadline: dt.datetime, now: dt.datetime) -> None:
    if deadline.tzinfo is None or deadline.utcoffset() is None:
        raise InvalidInputError(
            f"The deadline {deadline.isoformat()!r} has no time zone: give one, e.g. "
            "2025-09-30T18:00:00+02:00 or 2025-09-30T16:00Z."
        )
    if deadline <= now:
        raise InvalidInputError(
            f"The deadline {deadline.isoformat()} is not in the future (now is "
            f"{now.isoformat(timespec='minutes')}): choose a later date."
        )
