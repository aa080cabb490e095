"""Coordinator pages for answers: one response with its versions and diffs, joint responses."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from forcegen.model.participant import participant_name
from forcegen.model.response import diff_answers
from forcegen.model.response_head import ResponseHead
from forcegen.model.round import Round
from forcegen.reports.raw_answers import raw_answers_csv
from forcegen.service.joint import backing
from forcegen.service.rounds import coordinating, response_views
from forcegen.web.accounts.auth import coordinator_page
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import CodePath, PageQuery, RoundIdPath, VersionQuery
from forcegen.web.render import render
from forcegen.web.responding.answer_view import answer_sections, diff_rows

router = APIRouter(dependencies=[Depends(coordinator_page)], include_in_schema=False)


@router.get("/rounds/{round_id}/answers.csv")
def raw_answers(round_id: RoundIdPath, services: ServicesDep) -> Response:
    """Every raw answer of the round, remarks included, as one CSV file."""
    responses = coordinating.round_responses(uow=services.uow(), round_id=round_id)
    return Response(
        raw_answers_csv(responses, participant_name),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="answers-{round_id}.csv"'},
    )


@router.get("/rounds/{round_id}/responses/{code}", response_class=HTMLResponse)
def response_detail(
    request: Request,
    round_id: RoundIdPath,
    code: CodePath,
    services: ServicesDep,
    version: VersionQuery = None,
    page: PageQuery | None = None,
) -> HTMLResponse:
    """One version of a response and the page of its history that lists it."""
    view = response_views.response_view(
        uow=services.uow(), round_id=round_id, participant_code=code, version=version, page=page
    )
    shown = view.shown
    participant = services.catalog.participant(view.response.participant_code)
    questions = view.round.questionnaire.questions_for(participant)
    context = _context(view.round, view.response) | {
        "shown": shown,
        "history": view.history,
        "base": f"/rounds/{view.round.id}/responses/{view.response.participant_code}",
        "sections": answer_sections(questions, shown.answers, services.catalog),
        "diff_from": max(shown.number - 1, 1),
        "diff_to": shown.number,
    }
    return render(request, "response_detail.html", context)


@router.get("/rounds/{round_id}/responses/{code}/diff", response_class=HTMLResponse)
def response_diff(
    request: Request,
    round_id: RoundIdPath,
    code: CodePath,
    services: ServicesDep,
    a: VersionQuery = None,
    b: VersionQuery = None,
) -> HTMLResponse:
    """What changed between versions `a` and `b` (HTMX gets the table alone)."""
    round_, head, before, after = response_views.compare_versions(
        uow=services.uow(), round_id=round_id, participant_code=code, a=a, b=b
    )
    changes = diff_answers(before.answers, after.answers)
    context = _context(round_, head) | {
        "before": before,
        "after": after,
        "changes": diff_rows(round_.questionnaire, changes),
    }
    return render(request, "response_diff.html", context, fragment="_diff.html")


@router.get("/rounds/{round_id}/joint", response_class=HTMLResponse)
def joint_overview(request: Request, round_id: RoundIdPath, services: ServicesDep) -> HTMLResponse:
    overview = backing.joint_overview(
        uow=services.uow(), catalog=services.catalog, round_id=round_id
    )
    round_ = coordinating.get_round(uow=services.uow(), round_id=round_id)
    context = {
        "round": round_,
        "overview": overview,
        "illustrative": round_.is_illustrative,
        "names": {code: participant_name(code) for code in _codes(overview)},
    }
    return render(request, "joint_overview.html", context)


def _context(round_: Round, response: ResponseHead) -> dict[str, object]:
    return {
        "round": round_,
        "response": response,
        "participant_name": participant_name(response.participant_code),
        "illustrative": round_.is_illustrative,
    }


def _codes(overview: backing.JointOverview) -> set[str]:
    codes: set[str] = set()
    for joint in overview.joints:
        codes.add(joint.joint_participant)
        codes.update(joint.members)
    return codes
