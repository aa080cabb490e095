"""Respondent pages: enter by the invitation link, answer, save drafts, submit, see history.

`/respond/{token}` (the link) only shows an "Open the form" button; pressing it POSTs the
token to `/respond/open`, which checks it, marks the invitation opened and starts a
server-side session holding the token's hash (never the token), then redirects to `/respond`.
Every later request hands that grant to the use case again, so a revoked or re-issued
invitation stops working at once. Referrer-Policy: no-referrer keeps the link out of any
Referer header, and the access log redacts it (access_log.py).
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from forcegen.service.accounts.credentials import hash_token
from forcegen.service.responding import answering
from forcegen.service.rounds.access import InvitationGrant
from forcegen.web.accounts.auth import INVITATION_PURPOSE, RespondentPage
from forcegen.web.deps import ClientDep, LimiterDep, ServicesDep, SessionDep
from forcegen.web.errors import wants_json
from forcegen.web.paths import PageQuery
from forcegen.web.render import render
from forcegen.web.responding.answer_copy import AnswerCopy, answer_copy, answer_copy_pdf
from forcegen.web.responding.answer_view import answer_sections
from forcegen.web.responding.condition_check import check_condition_text
from forcegen.web.responding.form_posting import base_version_of, save_posted_form
from forcegen.web.responding.respondent_form import FormState, form_context, posted_values
from forcegen.web.security import CsrfChecked

router = APIRouter(include_in_schema=False)
VersionQuery = Annotated[int | None, Query(ge=1, le=1_000_000)]

NOTICES = {
    "saved": "Your draft is saved. It is not submitted yet.",
    "submitted": "Thank you: your response is submitted. You can still revise it until the "
    "round closes; every version is kept.",
    "withdrawn": "Your response is withdrawn. Earlier versions are kept; submit again to "
    "restore it.",
}


@router.get("/respond", response_class=HTMLResponse)
def response_form(
    request: Request, services: ServicesDep, token: RespondentPage, notice: str = ""
) -> HTMLResponse:
    context = answering.respondent_context(
        uow=services.uow(), catalog=services.catalog, token=token
    )
    state = FormState.from_context(context, notice=NOTICES.get(notice))
    problems = answering.check_answers(
        context=context,
        answers=state.answers,
        vocabulary=answering.answer_vocabulary(services.catalog),
    )
    state = dataclasses.replace(state, problems=problems, is_draft_kept=True)
    return render(request, "respond_form.html", form_context(context, state, services.catalog))


@router.post("/respond/draft", response_model=None)
async def save_draft(
    request: Request, _: CsrfChecked, services: ServicesDep, token: RespondentPage
) -> Response:
    """Autosave (JSON for the form's script) or the no-script Save button (a page)."""
    return await save_posted_form(request, services, token, is_submission=False)


@router.post("/respond/submit", response_model=None)
async def submit(
    request: Request, _: CsrfChecked, services: ServicesDep, token: RespondentPage
) -> Response:
    return await save_posted_form(request, services, token, is_submission=True)


@router.post("/respond/withdraw")
async def withdraw(
    request: Request, _: CsrfChecked, services: ServicesDep, token: RespondentPage
) -> RedirectResponse:
    values = await posted_values(request)
    base_version = base_version_of(values)
    await run_in_threadpool(
        answering.withdraw_response, uow=services.uow(), token=token, base_version=base_version
    )
    return RedirectResponse("/respond?notice=withdrawn", status_code=303)


@router.get("/respond/history", response_class=HTMLResponse)
def history(
    request: Request, services: ServicesDep, token: RespondentPage, page: PageQuery = 1
) -> HTMLResponse:
    """The respondent's versions, newest first, a page at a time (autosave makes thousands)."""
    context = answering.respondent_context(
        uow=services.uow(), catalog=services.catalog, token=token
    )
    shown = answering.history_page(uow=services.uow(), token=token, page=page)
    versions = [
        (version, answer_sections(context.questions, version.answers, services.catalog))
        for version in shown.versions
    ]
    page_context = {
        "round": context.round,
        "participant": context.participant,
        "versions": versions,
        "history": shown,
        "base": "/respond/history",
        "illustrative": context.round.is_illustrative,
    }
    return render(request, "respond_history.html", page_context)


@router.get("/respond/print", response_class=HTMLResponse)
def printable(
    request: Request, services: ServicesDep, token: RespondentPage, version: VersionQuery = None
) -> HTMLResponse:
    """One version of the answers to print: the latest submitted unless `version` is given."""
    copy = _own_copy(services, token, version)
    return render(
        request, "respond_print.html", {"copy": copy, "illustrative": copy.is_illustrative}
    )


@router.get("/respond/pdf")
def pdf_copy(
    services: ServicesDep, token: RespondentPage, version: VersionQuery = None
) -> Response:
    """A PDF of one version with its number and attestation, for the ministry's files."""
    copy = _own_copy(services, token, version)
    disposition = f'attachment; filename="{copy.file_name}"'
    return Response(
        answer_copy_pdf(copy),
        media_type="application/pdf",
        headers={"Content-Disposition": disposition},
    )


def _own_copy(services: ServicesDep, token: InvitationGrant, version: int | None) -> AnswerCopy:
    context = answering.respondent_context(
        uow=services.uow(), catalog=services.catalog, token=token
    )
    chosen = (
        answering.own_version(uow=services.uow(), token=token, number=version)
        if version is not None
        else None
    )
    return answer_copy(context, services.catalog, chosen)


@router.get("/respond/check-condition", response_model=None)
def check_condition(
    request: Request,
    services: ServicesDep,
    token: RespondentPage,
    text: Annotated[str, Query(max_length=2000)] = "",
) -> Response:
    """The live check of a condition field (JSON for the script, a fragment otherwise)."""
    # the token must still be valid
    answering.respondent_context(uow=services.uow(), catalog=services.catalog, token=token)
    result = check_condition_text(text, services.catalog)
    if wants_json(request):
        return JSONResponse(result.model_dump())
    return render(request, "_condition_check.html", {"result": result, "text": text})


@router.post("/respond/leave")
def leave(_: CsrfChecked, session: SessionDep) -> RedirectResponse:
    session.clear()
    return RedirectResponse("/", status_code=303)


@router.post("/respond/open")
def enter(
    request: Request,
    _: CsrfChecked,
    services: ServicesDep,
    session: SessionDep,
    limiter: LimiterDep,
    client: ClientDep,
    token: Annotated[str, Form(max_length=200)] = "",
) -> RedirectResponse:
    """The "Open the form" button: check the token, start a server-side session that holds
    only the token's hash, and go to the form (the token is in no cookie and no later URL)."""
    request.state.auth_purpose = INVITATION_PURPOSE
    answering.open_invitation(uow=services.uow(), catalog=services.catalog, token=token)
    limiter.count_opening(hash_token(token))
    session.enter_as_respondent(hash_token(token))
    return RedirectResponse("/respond", status_code=303)


@router.get("/respond/{token}", response_class=HTMLResponse)
def invitation_link(request: Request, token: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    """The invitation link shows one button and changes nothing: mail and chat link scanners
    that fetch it neither open the invitation nor learn whether the token is valid."""
    return render(request, "respond_open.html", {"token": token})
