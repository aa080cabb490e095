"""What a respondent reads of its own answers: every version, one version, a page of them."""

from __future__ import annotations

from forcegen.model.errors import NotFoundError
from forcegen.model.response import Response, ResponseVersion
from forcegen.service.ports import UnitOfWork
from forcegen.service.responding import versions
from forcegen.service.rounds.access import InvitationCredential, authenticate_invitation
from forcegen.service.rounds.history import PER_PAGE, HistoryPage, page_of


def own_history(*, uow: UnitOfWork, token: InvitationCredential) -> Response:
    """The respondent's own response with every version (empty if nothing was saved).

    Raises:
        AuthenticationError: the token is not valid.
    """
    with uow.reading():
        invitation, round_ = authenticate_invitation(uow, token)
        response = uow.responses.get(round_.id, invitation.participant_code)
    if response is None:
        code = invitation.participant_code
        return Response(
            id=versions.response_id(round_, code), round_id=round_.id, participant_code=code
        )
    return response


def own_version(*, uow: UnitOfWork, token: InvitationCredential, number: int) -> ResponseVersion:
    """Version `number` of the respondent's own response.

    Raises:
        AuthenticationError: the token is not valid.
        NotFoundError: the response has no such version.
    """
    with uow.reading():
        invitation, round_ = authenticate_invitation(uow, token)
        head = uow.responses.head(round_.id, invitation.participant_code)
        found = uow.responses.version(head.id, number) if head is not None else None
    if found is None:
        count = head.version_count if head is not None else 0
        raise NotFoundError(
            f"{invitation.participant_code} has no version {number}: "
            + (f"it has versions 1 to {count}." if count else "nothing is saved yet.")
        )
    return found


def history_page(
    *, uow: UnitOfWork, token: InvitationCredential, page: int = 1, per_page: int = PER_PAGE
) -> HistoryPage:
    """One page of the respondent's own versions, newest first (page 1 holds the latest).

    Raises:
        AuthenticationError: the token is not valid.
        NotFoundError: the page is past the last one.
    """
    with uow.reading():
        invitation, round_ = authenticate_invitation(uow, token)
        head = uow.responses.head(round_.id, invitation.participant_code)
        return page_of(uow, head, page=page, per_page=per_page)
