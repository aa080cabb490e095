"""Respondent pages for joint responses: a member reads the organisation's draft (read-only)
and records its verdict: endorse, endorse with reservations on named questions, or reject."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from forcegen.bootstrap import Services
from forcegen.model.errors import InvalidInputError, NotFoundError
from forcegen.model.respondent import JointDraft, RespondentContext
from forcegen.service.responding import answering
from forcegen.web.accounts.auth import RespondentPage
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import CodePath
from forcegen.web.render import render
from forcegen.web.responding.answer_view import answer_sections
from forcegen.web.responding.respondent_form import KIND_LABELS
from forcegen.web.security import CsrfChecked

router = APIRouter(include_in_schema=False)


@router.get("/respond/joint/{code}", response_class=HTMLResponse)
def joint_draft(
    request: Request,
    code: CodePath,
    services: ServicesDep,
    token: RespondentPage,
    notice: str = "",
) -> HTMLResponse:
    context = answering.respondent_context(
        uow=services.uow(), catalog=services.catalog, token=token
    )
    page = _page(services, context, code) | {
        "error": None,
        "notice": "Your verdict is recorded." if notice == "recorded" else None,
    }
    return render(request, "respond_joint.html", page)


@router.post("/respond/joint/{code}", response_model=None)
def endorse(
    request: Request,
    _: CsrfChecked,
    code: CodePath,
    services: ServicesDep,
    token: RespondentPage,
    kind: Annotated[str, Form(max_length=40)] = "",
    reserved: Annotated[list[str], Form(max_length=50)] = [],  # noqa: B006 (FastAPI default)
    comment: Annotated[str, Form(max_length=8000)] = "",
) -> Response:
    try:
        answering.endorse_joint(
            uow=services.uow(),
            catalog=services.catalog,
            token=token,
            joint_participant=code,
            kind=kind,
            reserved_questions=reserved,
            comment=comment.replace("\x00", ""),
        )
    except InvalidInputError as err:
        context = answering.respondent_context(
            uow=services.uow(), catalog=services.catalog, token=token
        )
        page = _page(services, context, code) | {"error": err.message, "notice": None}
        return render(request, "respond_joint.html", page, status_code=422)
    return RedirectResponse(f"/respond/joint/{code.upper()}?notice=recorded", status_code=303)


def _page(services: Services, context: RespondentContext, code: str) -> dict[str, object]:
    draft = _draft(context, code)
    latest = draft.response.latest
    questions = context.round.questionnaire.questions_for(
        services.catalog.participant(draft.joint_participant)
    )
    mine = next(
        (e for e in context.own_endorsements if e.joint_participant == draft.joint_participant),
        None,
    )
    return {
        "round": context.round,
        "participant": context.participant,
        "joint_code": draft.joint_participant,
        "joint_name": services.catalog.participant(draft.joint_participant).name,
        "latest": latest,
        "questions": questions,
        "sections": answer_sections(questions, latest.answers if latest else {}, services.catalog),
        "mine": mine,
        "mine_label": KIND_LABELS.get(mine.kind) if mine else None,
        "kinds": list(KIND_LABELS.items()),
        "is_open": context.round.is_open,
        "illustrative": context.round.is_illustrative,
    }


def _draft(context: RespondentContext, code: str) -> JointDraft:
    wanted = code.upper()
    for draft in context.joint_drafts:
        if draft.joint_participant == wanted:
            return draft
    raise NotFoundError(
        f"There is no joint response of {wanted} for {context.participant.code} to review: "
        "either it is not a member, or the organisation has saved nothing yet."
    )
