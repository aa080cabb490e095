"""Reminder pages: prepare reminders for the invitees whose answer is not in, then download
them as a mail-merge CSV or as e-mails ready to send.

As with new links, the fresh links exist in clear only in the page that shows them: the
download buttons post back what the page holds, and the texts are rebuilt from the round.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from forcegen.model.errors import InvalidInputError
from forcegen.model.participant import participant_name
from forcegen.model.round import Round
from forcegen.reports.reminders import ReminderRow, eml_zip, mail_merge_csv
from forcegen.service.rounds import coordinating, reminders
from forcegen.web.accounts.auth import CoordinatorPage, actor_of, coordinator_page
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import RoundIdPath
from forcegen.web.render import format_when, render
from forcegen.web.rounds.lookups import round_context
from forcegen.web.security import CsrfChecked

router = APIRouter(dependencies=[Depends(coordinator_page)], include_in_schema=False)

_LINK = re.compile(r"^(https?://[^\s]{1,200}/respond/[A-Za-z0-9_-]{16,200})?$")
Many = Annotated[list[str], Form(max_length=400)]


@router.post("/rounds/{round_id}/reminders", response_class=HTMLResponse)
def prepare(
    request: Request,
    _: CsrfChecked,
    round_id: RoundIdPath,
    services: ServicesDep,
    user: CoordinatorPage,
    include_opened: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    round_, chosen = reminders.prepare_reminders(
        uow=services.uow(), round_id=round_id, actor=actor_of(user), include_opened=include_opened
    )
    base = str(request.base_url).rstrip("/")
    statuses = {r.invitation.participant_code: r.invitation.status.value for r in chosen}
    rows = _rows(
        round_,
        statuses,
        {
            r.invitation.participant_code: f"{base}/respond/{r.token}" if r.token else ""
            for r in chosen
        },
    )
    context = round_context(services, round_id) | {"reminders": rows}
    return render(request, "reminders.html", context)


@router.post("/rounds/{round_id}/reminders.{kind}")
def download(
    _: CsrfChecked,
    round_id: RoundIdPath,
    kind: Literal["csv", "zip"],
    services: ServicesDep,
    code: Many = [],  # noqa: B006 (FastAPI default)
    link: Many = [],  # noqa: B006
) -> Response:
    """The reminders just shown: a mail-merge CSV, or a zip of e-mails ready to send."""
    rows = _posted_back(services, round_id, code, link)
    body, media_type = (
        (mail_merge_csv(rows), "text/csv; charset=utf-8")
        if kind == "csv"
        else (eml_zip(rows), "application/zip")
    )
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="reminders-{round_id}.{kind}"'},
    )


def _posted_back(
    services: ServicesDep, round_id: str, codes: list[str], links: list[str]
) -> list[ReminderRow]:
    report = coordinating.round_status(uow=services.uow(), round_id=round_id)
    statuses = {row.invitation.participant_code: row.status.value for row in report.rows}
    if (
        len(codes) != len(links)
        or not all(_LINK.match(x) for x in links)
        or not set(codes) <= set(statuses)
    ):
        raise InvalidInputError(
            "These reminders cannot be downloaded: the form was altered. Go back to the round, "
            "prepare the reminders again and use the page's download buttons."
        )
    chosen = {code: statuses[code] for code in codes}
    return _rows(report.round, chosen, dict(zip(codes, links, strict=True)))


def _rows(round_: Round, statuses: dict[str, str], links: dict[str, str]) -> list[ReminderRow]:
    return [
        ReminderRow(
            participant_code=code,
            participant_name=_name(code),
            status=status,
            deadline=format_when(round_.deadline),
            round_title=round_.title,
            link=links.get(code, ""),
        )
        for code, status in sorted(statuses.items())
    ]


def _name(code: str) -> str:
    """The participant's name for a reminder (its code if the catalog has no name)."""
    try:
        return participant_name(code)
    except InvalidInputError:
        return code
