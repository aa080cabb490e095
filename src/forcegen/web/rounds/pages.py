"""Coordinator pages for rounds: list, create, follow the invitees, close."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from forcegen.bootstrap import Services
from forcegen.model.errors import InvalidInputError, NotFoundError
from forcegen.model.round import parse_deadline
from forcegen.service.rounds import coordinating
from forcegen.web.accounts.auth import CoordinatorPage, actor_of, coordinator_page
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import RoundIdPath
from forcegen.web.render import render
from forcegen.web.rounds.lookups import round_context
from forcegen.web.security import CsrfChecked

router = APIRouter(dependencies=[Depends(coordinator_page)], include_in_schema=False)


NOTICES = {
    "created": "The round is open. Invite participants below.",
    "revoked": "The invitation was revoked: its link no longer works.",
    "closed": "The round is closed: nobody can change answers any more.",
}


@router.get("/rounds", response_class=HTMLResponse)
def rounds_list(request: Request, services: ServicesDep) -> HTMLResponse:
    all_rounds = coordinating.list_rounds(uow=services.uow())
    reports = [coordinating.round_status(uow=services.uow(), round_id=r.id) for r in all_rounds]
    return render(request, "rounds_list.html", {"reports": reports})


@router.get("/rounds/new", response_class=HTMLResponse)
def round_new(request: Request, services: ServicesDep) -> HTMLResponse:
    return _round_form(request, services, error=None, values={})


@router.post("/rounds", response_model=None)
def round_create(
    request: Request,
    _: CsrfChecked,
    services: ServicesDep,
    user: CoordinatorPage,
    title: Annotated[str, Form(max_length=400)] = "",
    questionnaire: Annotated[str, Form(max_length=64)] = "default",
    deadline: Annotated[str, Form(max_length=40)] = "",
    is_illustrative: Annotated[bool, Form()] = False,
) -> Response:
    values = {"title": title, "questionnaire": questionnaire, "deadline": deadline}
    try:
        created = coordinating.create_round(
            uow=services.uow(),
            questionnaire=services.catalog.questionnaire(questionnaire),
            title=title.replace("\x00", ""),
            deadline=parse_deadline(deadline),
            actor=actor_of(user),
            is_illustrative=is_illustrative,
        )
    except (InvalidInputError, NotFoundError) as err:
        return _round_form(request, services, error=err.message, values=values, status_code=422)
    return RedirectResponse(f"/rounds/{created.id}?notice=created", status_code=303)


@router.get("/rounds/{round_id}", response_class=HTMLResponse)
def round_detail(
    request: Request, round_id: RoundIdPath, services: ServicesDep, notice: str = ""
) -> HTMLResponse:
    return render(
        request,
        "round_detail.html",
        round_context(services, round_id) | {"notice": NOTICES.get(notice)},
        fragment="_invitee_table.html",
    )


@router.get("/rounds/{round_id}/invitees", response_class=HTMLResponse)
def invitee_table(request: Request, round_id: RoundIdPath, services: ServicesDep) -> HTMLResponse:
    """The invitee table alone for HTMX refreshes; the whole page otherwise."""
    return round_detail(request, round_id, services)


@router.get("/rounds/{round_id}/close", response_class=HTMLResponse)
def round_close_confirm(
    request: Request, round_id: RoundIdPath, services: ServicesDep
) -> HTMLResponse:
    context = round_context(services, round_id)
    return render(request, "round_close.html", context)


@router.post("/rounds/{round_id}/close")
def round_close(
    _: CsrfChecked, round_id: RoundIdPath, services: ServicesDep, user: CoordinatorPage
) -> RedirectResponse:
    coordinating.close_round(uow=services.uow(), round_id=round_id, actor=actor_of(user))
    return RedirectResponse(f"/rounds/{round_id}?notice=closed", status_code=303)


def _round_form(
    request: Request,
    services: Services,
    *,
    error: str | None,
    values: dict[str, str],
    status_code: int = 200,
) -> HTMLResponse:
    default_deadline = (dt.datetime.now(dt.UTC) + dt.timedelta(days=21)).strftime("%Y-%m-%dT17:00")
    context = {
        "questionnaires": list(services.catalog.questionnaires.values()),
        "error": error,
        "title": values.get("title", ""),
        "questionnaire": values.get("questionnaire", "default"),
        "deadline": values.get("deadline", default_deadline),
    }
    return render(request, "round_new.html", context, status_code=status_code)
