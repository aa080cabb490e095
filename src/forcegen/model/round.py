"""Rounds: one questionnaire sent to invited participants, and the state of each invitation.

An invitee moves invited → opened → draft → submitted → revised (or withdrawn). The status is
what a coordinator follows; the answers themselves live in `forcegen.model.response`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import NewType

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from forcegen.model.errors import InvalidInputError
from forcegen.model.questionnaire import Questionnaire

RoundId = NewType("RoundId", str)
InvitationId = NewType("InvitationId", str)


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Round(BaseModel):
    """A questionnaire (a snapshot, so later edits of the questionnaire do not change it) sent
    to participants with a deadline."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: RoundId
    title: str = Field(min_length=1, max_length=200)
    questionnaire: Questionnaire
    deadline: AwareDatetime
    status: RoundStatus = RoundStatus.OPEN
    created_at: AwareDatetime
    created_by: str = Field(min_length=1)
    closed_at: AwareDatetime | None = None
    is_illustrative: bool = False

    @property
    def is_open(self) -> bool:
        return self.status is RoundStatus.OPEN

    def is_past_deadline(self, now: dt.datetime) -> bool:
        return now > self.deadline


def parse_deadline(text: str) -> dt.datetime:
    """A deadline as typed: a date alone is the end of that day (23:59:59 UTC); a date and
    time keeps its offset, or is UTC without one. The CLI and the round form both read it so.

    Raises:
        InvalidInputError: not an ISO 8601 date or date and time.
    """
    value = text.strip()
    try:
        if len(value) == len("2025-09-30"):
            day = dt.date.fromisoformat(value)
            return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as err:
        raise InvalidInputError(
            f"Deadline {text!r} is not a date: write 2025-09-30 (the end of that day, UTC) "
            "or a date and time such as 2025-09-30T18:00 (UTC) or 2025-09-30T18:00+02:00."
        ) from err
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class InviteeStatus(StrEnum):
    """Where an invitee stands, in the order a coordinator expects to see it move."""

    INVITED = "invited"
    OPENED = "opened"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVISED = "revised"
    WITHDRAWN = "withdrawn"


class ResponseEvent(StrEnum):
    """What a respondent did, as far as its status is concerned."""

    OPEN = "open"
    SAVE_DRAFT = "save_draft"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"


_ANSWERED = {InviteeStatus.SUBMITTED, InviteeStatus.REVISED}


def status_after(
    current: InviteeStatus, event: ResponseEvent, *, has_submitted: bool
) -> InviteeStatus:
    """The invitee status after `event`; `has_submitted` says whether a submission came before.

    Opening never moves a status backwards, and a draft saved on top of a submission keeps the
    submission's status: the submission stands until a revision replaces it.
    """
    if event is ResponseEvent.OPEN:
        return InviteeStatus.OPENED if current is InviteeStatus.INVITED else current
    if event is ResponseEvent.SAVE_DRAFT:
        return current if current in _ANSWERED else InviteeStatus.DRAFT
    if event is ResponseEvent.SUBMIT:
        return InviteeStatus.REVISED if has_submitted else InviteeStatus.SUBMITTED
    return InviteeStatus.WITHDRAWN


class Invitation(BaseModel):
    """One participant's access to one round, through a token that expires and can be revoked.

    `is_joint` marks an organisation (e.g. `EU`) answering on behalf of its members.
    `expires_at` and `revoked_at` describe the current token; reissuing replaces it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: InvitationId
    round_id: RoundId
    participant_code: str = Field(min_length=2, max_length=8)
    status: InviteeStatus = InviteeStatus.INVITED
    expires_at: AwareDatetime
    revoked_at: AwareDatetime | None = None
    created_at: AwareDatetime
    last_activity_at: AwareDatetime | None = None
    is_joint: bool = False

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_usable(self, now: dt.datetime) -> bool:
        """Whether its token may still be used: neither revoked nor expired."""
        return self.revoked_at is None and now < self.expires_at


class IssuedInvitation(BaseModel):
    """An invitation with its plain token: the only moment the token exists unhashed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    invitation: Invitation
    token: str = Field(repr=False)


def invitation_path(token: str) -> str:
    """The path of the respondent's page for a token, appended to the site's base URL."""
    return f"/respond/{token}"
