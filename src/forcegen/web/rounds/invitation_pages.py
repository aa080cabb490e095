"""Coordinator pages for invitations: invite, show the links once, revoke, reissue, export.

Tokens are stored hashed, so a link exists in clear only in the response that issued it.
The page that shows new links also offers them as CSV: the browser posts back the links it
was shown (nothing is kept on the server), and the CSV neutralises spreadsheet formulas.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from forcegen.model.errors import InvalidInputError
from forcegen.model.participant import participant_name
from forcegen.model.round import IssuedInvitation
from forcegen.reports.invitation_links import LinkRow, links_csv
from forcegen.service.rounds import coordinating
from forcegen.web.accounts.auth import CoordinatorPage, actor_of, coordinator_page
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import InvitationIdPath, RoundIdPath
from forcegen.web.render import format_when, render
from forcegen.web.rounds.lookups import require_invitation_in_round, round_context
from forcegen.web.security import CsrfChecked

router = APIRouter(dependencies=[Depends(coordinator_page)], include_in_schema=False)

_CODE_SEPARATORS = re.compile(r"[\s,;]+")
_TOKEN = re.compile(r"/respond/[A-Za-z0-9_-]{16,200}$")


@router.post("/rounds/{round_id}/invitations", response_class=HTMLResponse)
def invite(
    request: Request,
    _: CsrfChecked,
    round_id: RoundIdPath,
    services: ServicesDep,
    user: CoordinatorPage,
    codes: Annotated[list[str], Form(max_length=400)] = [],  # noqa: B006 (FastAPI default)
    pasted: Annotated[str, Form(max_length=4000)] = "",
) -> HTMLResponse:
    wanted = list(dict.fromkeys(c.strip().upper() for c in [*codes, *_split(pasted)] if c))
    issued = coordinating.invite(
        uow=services.uow(),
        catalog=services.catalog,
        round_id=round_id,
        participant_codes=wanted,
        actor=actor_of(user),
    )
    return _issued_page(request, services, round_id, issued, heading="Invitations sent")


@router.post("/rounds/{round_id}/invitations/{invitation_id}/revoke")
def revoke(
    _: CsrfChecked,
    round_id: RoundIdPath,
    invitation_id: InvitationIdPath,
    services: ServicesDep,
    user: CoordinatorPage,
) -> RedirectResponse:
    require_invitation_in_round(services, round_id, invitation_id)
    coordinating.revoke_invitation(
        uow=services.uow(), invitation_id=invitation_id, actor=actor_of(user)
    )
    return RedirectResponse(f"/rounds/{round_id}?notice=revoked", status_code=303)


@router.post("/rounds/{round_id}/invitations/{invitation_id}/reissue", response_class=HTMLResponse)
def reissue(
    request: Request,
    _: CsrfChecked,
    round_id: RoundIdPath,
    invitation_id: InvitationIdPath,
    services: ServicesDep,
    user: CoordinatorPage,
) -> HTMLResponse:
    require_invitation_in_round(services, round_id, invitation_id)
    issued = coordinating.reissue_invitation(
        uow=services.uow(), invitation_id=invitation_id, actor=actor_of(user)
    )
    return _issued_page(request, services, round_id, [issued], heading="New link issued")


@router.post("/rounds/{round_id}/links/export", response_class=HTMLResponse)
def export(
    request: Request,
    _: CsrfChecked,
    round_id: RoundIdPath,
    services: ServicesDep,
    user: CoordinatorPage,
    include_opened: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    issued = coordinating.export_links(
        uow=services.uow(), round_id=round_id, actor=actor_of(user), include_opened=include_opened
    )
    return _issued_page(request, services, round_id, issued, heading="Links issued for delivery")


@router.post("/rounds/{round_id}/links.csv")
def links_download(
    request: Request,
    _: CsrfChecked,
    round_id: RoundIdPath,
    code: Annotated[list[str], Form(max_length=400)] = [],  # noqa: B006
    link: Annotated[list[str], Form(max_length=400)] = [],  # noqa: B006
    expires: Annotated[list[str], Form(max_length=400)] = [],  # noqa: B006
) -> Response:
    """The links the coordinator was just shown, as CSV (they are not stored in clear)."""
    if not (len(code) == len(link) == len(expires)) or not all(_TOKEN.search(x) for x in link):
        raise InvalidInputError(
            "These links cannot be exported: the form was altered. Go back to the page that "
            "showed the links and use its download button."
        )
    rows = [
        LinkRow(participant_code=c, participant_name=_name(c), link=url, expires_at=e)
        for c, url, e in zip(code, link, expires, strict=True)
    ]
    return Response(
        links_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="links-{round_id}.csv"'},
    )


def _issued_page(
    request: Request,
    services: ServicesDep,
    round_id: str,
    issued: list[IssuedInvitation],
    *,
    heading: str,
) -> HTMLResponse:
    base = str(request.base_url).rstrip("/")
    links = [
        LinkRow(
            participant_code=item.invitation.participant_code,
            participant_name=_name(item.invitation.participant_code),
            link=f"{base}/respond/{item.token}",
            expires_at=format_when(item.invitation.expires_at),
        )
        for item in issued
    ]
    context = round_context(services, round_id) | {"links": links, "heading": heading}
    return render(request, "invitations_issued.html", context)


def _split(pasted: str) -> list[str]:
    return [part for part in _CODE_SEPARATORS.split(pasted) if part]


def _name(code: str) -> str:
    try:
        return participant_name(code)
    except InvalidInputError:
        return code
