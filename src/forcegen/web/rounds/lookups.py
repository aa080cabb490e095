"""Look-ups shared by the coordinator's pages and API: what a round page shows, and an
invitation that must belong to the round named in the URL."""

from __future__ import annotations

from forcegen.bootstrap import Services
from forcegen.model.errors import NotFoundError
from forcegen.service.rounds import coordinating


def require_invitation_in_round(services: Services, round_id: str, invitation_id: str) -> None:
    """Raises: NotFoundError when the invitation is not one of this round's."""
    report = coordinating.round_status(uow=services.uow(), round_id=round_id)
    if all(row.invitation.id != invitation_id for row in report.rows):
        raise NotFoundError(
            f"Round {round_id} has no invitation {invitation_id!r}: open the round page and use "
            "the buttons next to the invitee."
        )


def round_context(services: Services, round_id: str) -> dict[str, object]:
    """What the round page and its partials show (raises NotFoundError for an unknown id)."""
    report = coordinating.round_status(uow=services.uow(), round_id=round_id)
    invited = {row.invitation.participant_code for row in report.rows}
    candidates = sorted(
        (p for code, p in services.catalog.participants.items() if code not in invited),
        key=lambda participant: participant.name,
    )
    return {
        "round": report.round,
        "rows": report.rows,
        "counts": report.counts,
        "candidates": candidates,
        "illustrative": report.round.is_illustrative,
        "has_joint": any(row.invitation.is_joint for row in report.rows),
    }
