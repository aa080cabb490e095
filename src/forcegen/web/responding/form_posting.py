"""Saving the posted respondent form: a draft (autosave or the Save button) or a submission.

Read by the page routes of responding/pages.py. The answer is JSON for the form's script, or
for a browser without script a redirect to the form with a notice; when the save is refused
(invalid answers, or someone saved since), the form again with what was posted, so nothing
typed is lost.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from forcegen.model.errors import ConflictError
from forcegen.model.questionnaire import FieldProblem
from forcegen.model.respondent import RespondentContext
from forcegen.model.response import InvalidAnswersError, ResponseVersion
from forcegen.service.responding import answering
from forcegen.service.responding.form_questions import form_of
from forcegen.service.rounds.access import InvitationGrant
from forcegen.web.deps import ServicesDep
from forcegen.web.errors import wants_json
from forcegen.web.render import format_when, render
from forcegen.web.responding.answer_form import answers_from_form
from forcegen.web.responding.respondent_form import FormState, form_context, posted_values


async def save_posted_form(
    request: Request, services: ServicesDep, token: InvitationGrant, *, is_submission: bool
) -> Response:
    """Read the posted form here, then save in the thread pool: the database calls block,
    and in the event loop they would stall every other request while they wait."""
    values = await posted_values(request)
    return await run_in_threadpool(_save_posted, request, services, token, values, is_submission)


def _save_posted(
    request: Request,
    services: ServicesDep,
    token: InvitationGrant,
    values: dict[str, list[str]],
    is_submission: bool,
) -> Response:
    form = form_of(uow=services.uow(), catalog=services.catalog, token=token, cache=services.forms)
    answers = answers_from_form(form.questions, values)
    base_version = base_version_of(values)
    attestation = (_first(values, "attestation_name"), _first(values, "attestation_title"))
    try:
        version = _call(services, token, answers, base_version, attestation, is_submission)
    except (InvalidAnswersError, ConflictError) as err:
        if wants_json(request):
            raise
        context = answering.respondent_context(
            uow=services.uow(), catalog=services.catalog, token=token
        )
        return _form_again(request, services, context, answers, base_version, attestation, err)
    if wants_json(request):
        problems = answering.check_answers(
            context=form,
            answers=answers,
            vocabulary=answering.answer_vocabulary(services.catalog),
        )
        return JSONResponse(
            {
                "ok": True,
                "version": version.number,
                "saved_at": version.saved_at.isoformat(),
                "saved_at_text": format_when(version.saved_at),
                "problems": [problem.model_dump() for problem in problems],
            }
        )
    notice = "submitted" if is_submission else "saved"
    return RedirectResponse(f"/respond?notice={notice}", status_code=303)


def _call(
    services: ServicesDep,
    token: InvitationGrant,
    answers: Mapping[str, object],
    base_version: int,
    attestation: tuple[str, str],
    is_submission: bool,
) -> ResponseVersion:
    vocabulary = answering.answer_vocabulary(services.catalog)
    if is_submission:
        return answering.submit_response(
            uow=services.uow(),
            catalog=services.catalog,
            token=token,
            answers=answers,
            base_version=base_version,
            attestation_name=attestation[0],
            attestation_title=attestation[1],
            vocabulary=vocabulary,
        )
    return answering.save_draft(
        uow=services.uow(),
        catalog=services.catalog,
        token=token,
        answers=answers,
        base_version=base_version,
        vocabulary=vocabulary,
    )


def _form_again(
    request: Request,
    services: ServicesDep,
    context: RespondentContext,
    answers: Mapping[str, object],
    base_version: int,
    attestation: tuple[str, str],
    error: InvalidAnswersError | ConflictError,
) -> HTMLResponse:
    """The form with what the respondent posted, and why it was not saved: nothing is lost."""
    problems: list[FieldProblem] = list(getattr(error, "problems", []))
    state = FormState(
        answers=answers,
        base_version=base_version,
        problems=problems,
        conflict=error.message if isinstance(error, ConflictError) else None,
        attestation=attestation,
    )
    status_code = 409 if isinstance(error, ConflictError) else 422
    page = form_context(context, state, services.catalog)
    return render(request, "respond_form.html", page, status_code=status_code)


def base_version_of(values: dict[str, list[str]]) -> int:
    """The version the posted form was loaded from; -1 (never a version) when it is absent or
    not a small whole number, which the use case refuses as no version number."""
    text = _first(values, "base_version")
    return int(text) if text.isdigit() and len(text) < 8 else -1


def _first(values: dict[str, list[str]], name: str) -> str:
    found = values.get(name) or [""]
    return found[0]
