"""The coordinator's view of one response: a version, a page of its history, two versions
compared. Every read goes through the response's pointer and versions by number, so the
page costs the same at version 2 and at version 2,000 (the whole history is an export).
"""

from __future__ import annotations

from dataclasses import dataclass

from forcegen.model.errors import NotFoundError
from forcegen.model.response import ResponseVersion
from forcegen.model.response_head import ResponseHead
from forcegen.model.round import Round
from forcegen.service.ports import UnitOfWork
from forcegen.service.rounds.access import find_round
from forcegen.service.rounds.history import PER_PAGE, HistoryPage, page_of


@dataclass(frozen=True)
class ResponseView:
    """A response's head, the version shown and the page of the history that holds it."""

    round: Round
    response: ResponseHead
    shown: ResponseVersion
    history: HistoryPage


def response_view(
    *,
    uow: UnitOfWork,
    round_id: str,
    participant_code: str,
    version: int | None = None,
    page: int | None = None,
    per_page: int = PER_PAGE,
) -> ResponseView:
    """Version `version` (default: the latest) with page `page` of the history (default: the
    page that lists the version shown).

    Raises:
        NotFoundError: no such round, no answers saved by the participant, no such version
            or page.
    """
    with uow.reading():
        round_, head = _head(uow, round_id, participant_code)
        shown = _version(uow, head, version)
        if page is None:
            page = (head.version_count - shown.number) // per_page + 1
        history = page_of(uow, head, page=page, per_page=per_page)
    return ResponseView(round=round_, response=head, shown=shown, history=history)


def compare_versions(
    *, uow: UnitOfWork, round_id: str, participant_code: str, a: int | None, b: int | None
) -> tuple[Round, ResponseHead, ResponseVersion, ResponseVersion]:
    """Versions `a` (default 1) and `b` (default the latest) of a response, to compare.

    Raises:
        NotFoundError: no such round, response or version.
    """
    with uow.reading():
        round_, head = _head(uow, round_id, participant_code)
        return round_, head, _version(uow, head, a or 1), _version(uow, head, b)


def _head(uow: UnitOfWork, round_id: str, participant_code: str) -> tuple[Round, ResponseHead]:
    code = participant_code.strip().upper()
    round_ = find_round(uow, round_id)
    head = uow.responses.head(round_.id, code)
    if head is None or head.latest is None:
        raise NotFoundError(
            f"{code} has saved no answers in round {round_.title!r} yet: check its status "
            f"with `forcegen round status {round_.id}`."
        )
    return round_, head


def _version(uow: UnitOfWork, head: ResponseHead, number: int | None) -> ResponseVersion:
    if number is None and head.latest is not None:
        return head.latest
    found = uow.responses.version(head.id, number) if number is not None else None
    if found is None:
        raise NotFoundError(
            f"{head.participant_code} has no version {number}: it has versions 1 to "
            f"{head.version_count}."
        )
    return found
