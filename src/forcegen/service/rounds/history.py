"""A response's history, a page at a time, newest first.

A response autosaved every few seconds for days has thousands of versions; a page holds
`PER_PAGE` of them, read by number through the unique (response, number) index, so a page
costs the same whatever the length of the history. The respondent's "Your versions" page
and the coordinator's response page both use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from forcegen.model.errors import NotFoundError
from forcegen.model.response import ResponseVersion
from forcegen.model.response_head import ResponseHead
from forcegen.service.ports import UnitOfWork

PER_PAGE = 25
"""Versions per page of a history: a response autosaved all day has thousands."""


@dataclass(frozen=True)
class HistoryPage:
    """One page of a response's versions, newest first, and where it lies in the history."""

    head: ResponseHead | None
    versions: tuple[ResponseVersion, ...]
    page: int
    pages: int

    @property
    def version_count(self) -> int:
        return self.head.version_count if self.head else 0


def page_of(
    uow: UnitOfWork, head: ResponseHead | None, *, page: int, per_page: int = PER_PAGE
) -> HistoryPage:
    """Page `page` (from 1, newest first) of the versions of `head`'s response, read by
    number through the unique (response, number) index: the cost of a page does not grow
    with the history.

    Raises:
        NotFoundError: the page is past the last one.
    """
    count = head.version_count if head else 0
    pages = max(1, -(-count // per_page))
    if page < 1 or page > pages:
        raise NotFoundError(
            f"There is no page {page} of this history: it has {pages} page(s) of {per_page} "
            "versions, page 1 holding the latest."
        )
    shown: tuple[ResponseVersion, ...] = ()
    if head is not None and count:
        offset = (page - 1) * per_page
        shown = tuple(uow.responses.versions(head.id, offset=offset, limit=per_page))
    return HistoryPage(head=head, versions=shown, page=page, pages=pages)
