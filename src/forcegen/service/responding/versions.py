"""Appending response versions: the check of the client's base version, the race between two
saves, and the conflict message that tells the loser what happened and what to do.

A save carries the number of the latest version its client loaded. If that is no longer the
latest, nothing is written. Two saves arriving together may both pass that check (on
PostgreSQL); the database's unique (response_id, number) then lets only one insert succeed,
and the other learns which version won.
"""

from __future__ import annotations

from forcegen.model.errors import ConflictError
from forcegen.model.response import (
    Answers,
    ResponseConflictError,
    ResponseId,
    ResponseVersion,
    diff_answers,
    version_digest,
)
from forcegen.model.response_head import ResponseHead
from forcegen.model.round import Invitation, Round, RoundId
from forcegen.service.ports import UnitOfWork
from forcegen.service.rounds.access import respondent_actor


def unchanged_draft(response: ResponseHead | None, answers: Answers) -> ResponseVersion | None:
    """The latest version if it is a draft with exactly these answers (autosave repeats)."""
    latest = response.latest if response else None
    if latest is None or latest.is_submitted or latest.is_withdrawn:
        return None
    return latest if not diff_answers(latest.answers, answers) else None


def check_base(response: ResponseHead | None, base_version: int) -> None:
    """Raises: ResponseConflictError unless `base_version` is the latest version's number."""
    latest = response.latest if response else None
    if (latest.number if latest else 0) != base_version:
        raise conflict(latest, base_version)


def conflict(latest: ResponseVersion | None, base_version: int) -> ResponseConflictError:
    """The error for a save based on `base_version` when `latest` is the latest version."""
    advice = "Copy your text, reload, and re-apply it."
    if latest is None:
        message = (
            f"Your answers were not saved: you started from version {base_version}, but no "
            f"version has been saved in this round. {advice}"
        )
    elif latest.number > base_version:
        at = latest.saved_at.strftime("%Y-%m-%d %H:%M:%S UTC")
        message = (
            f"Your answers were not saved because another save (version {latest.number} at "
            f"{at}) happened since you loaded version {base_version}. {advice}"
        )
    else:
        message = (
            f"Your answers were not saved: you started from version {base_version}, but the "
            f"latest version is {latest.number}. {advice}"
        )
    return ResponseConflictError(message, latest_version=latest.number if latest else 0)


def create(uow: UnitOfWork, response: ResponseHead, base_version: int) -> None:
    """Store a new response. Raises: ResponseConflictError if a concurrent save created it."""
    try:
        uow.responses.create(response, created_at=uow.clock.now())
    except ConflictError as err:
        winner = uow.responses.head(RoundId(response.round_id), response.participant_code)
        raise conflict(winner.latest if winner else None, base_version) from err


def append(
    uow: UnitOfWork, response: ResponseHead, version: ResponseVersion, base_version: int
) -> None:
    """Store a version. Raises: ResponseConflictError if a concurrent save took its number."""
    try:
        uow.responses.append_version(version)
    except ConflictError as err:
        winner = uow.responses.head(RoundId(response.round_id), response.participant_code)
        raise conflict(winner.latest if winner else None, base_version) from err


def new_response(round_: Round, invitation: Invitation) -> ResponseHead:
    """A response not stored yet; its id is fixed by round and participant, so two first
    saves racing each other collide on the primary key and only one can win."""
    code = invitation.participant_code
    return ResponseHead(id=response_id(round_, code), round_id=round_.id, participant_code=code)


def response_id(round_: Round, participant_code: str) -> ResponseId:
    """The id of a participant's response in a round."""
    return ResponseId(f"{round_.id}-{participant_code}")


def record_event(
    uow: UnitOfWork,
    invitation: Invitation,
    action: str,
    version: ResponseVersion | None,
    **facts: str,
) -> None:
    """Audit what a respondent did: the version's number and content hash when it made one."""
    payload: dict[str, object] = {
        "round_id": invitation.round_id,
        "participant": invitation.participant_code,
        **facts,
    }
    if version is not None:
        payload["version"] = version.number
        payload["version_sha256"] = version_digest(version)
    uow.audit.record(
        actor=respondent_actor(invitation),
        action=action,
        entity="response" if version is not None else "invitation",
        entity_id=version.response_id if version is not None else invitation.id,
        payload=payload,
    )
