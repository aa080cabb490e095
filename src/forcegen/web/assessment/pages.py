"""The assessment dashboard: a round's answers (coordinators) or the public record (analysts
and coordinators), with charts drawn offline by the plotly.js we serve ourselves.

    /assessment                         pick what to assess
    /rounds/{round_id}/assessment       a round's dashboard (coordinators)
    /rounds/{round_id}/assessment/differences   why it differs from the public record
    /assessment/public                  the public record's dashboard (analysts, coordinators)
    .../export.xlsx | .../export.json   the same tables as files
    /static/vendor/plotly-basic-<v>.min.js   our pinned plotly.js, cached for a year

The controls form is plain GET (it works without JavaScript); with HTMX each change of a
driver toggle fetches the dashboard fragment again and the script redraws the charts.
Respondents never reach these pages: their sessions carry no username.
"""

from __future__ import annotations

import io
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from markupsafe import Markup

from forcegen.analysis.assessment import Assessment
from forcegen.bootstrap import Services
from forcegen.model.errors import NotFoundError
from forcegen.model.user import Role
from forcegen.reports import assessment_json, assessment_tables, headline, write_xlsx
from forcegen.service.assessment import comparing
from forcegen.service.assessment.cached import (
    cached,
    cached_assessment,
    data_version,
    selection_key,
)
from forcegen.service.assessment.comparing import View
from forcegen.service.assessment.selection import Selection
from forcegen.service.rounds import coordinating
from forcegen.web.accounts.analyst_auth import AnalystPage, analyst_page
from forcegen.web.accounts.auth import coordinator_page
from forcegen.web.assessment.dashboard_parts import (
    DashboardParts,
    DashboardProcesses,
    PartsRequest,
    build_parts,
    params_of,
)
from forcegen.web.assessment.dashboard_query import DashboardQuery, QueryDep, selection_of
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import RoundIdPath
from forcegen.web.render import NavItem, is_htmx, render

router = APIRouter(include_in_schema=False)
# A round's dashboard and what comes with it are for coordinators: included in `router` below.
_round_pages = APIRouter(
    prefix="/rounds/{round_id}/assessment",
    dependencies=[Depends(coordinator_page)],
    include_in_schema=False,
)

NAV = (NavItem("Assessment", "/assessment"),)
PUBLIC_PATH = "/assessment/public"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_IMMUTABLE = "public, max-age=31536000, immutable"
# plotly.js, pinned and vendored: the npm package plotly.js-basic-dist-min (MIT, see
# static/vendor/plotly-LICENSE.txt), the partial bundle with the bar and scatter traces the
# charts use. Upgrade: replace the file, its name, and MAP_STYLE_ID (test_dashboard checks it).
PLOTLY_FILE = "plotly-basic-4.1.1.min.js"
# plotly.js looks for an element with this id before injecting its map library's CSS as an
# inline <style> (blocked by our CSP; the dashboard draws no maps): the page carries one.
MAP_STYLE_ID = "9f215cf04c5486422605d13261cb87401f4e7763b6296af81e98efbc0130da53"
_VENDOR_DIR = Path(__file__).resolve().parents[1] / "static" / "vendor"


def plotly_path() -> str:
    """The URL of plotly.js: versioned by its file name, so that it can be cached for a year."""
    return f"/static/vendor/{PLOTLY_FILE}"


@router.get("/assessment", response_class=HTMLResponse)
def assessment_index(request: Request, services: ServicesDep, user: AnalystPage) -> HTMLResponse:
    listed = coordinating.list_rounds(uow=services.uow()) if user.role is Role.COORDINATOR else []
    return render(request, "assessment_index.html", {"rounds": listed, "public_path": PUBLIC_PATH})


@router.get(PUBLIC_PATH, response_class=HTMLResponse, dependencies=[Depends(analyst_page)])
def public_dashboard(request: Request, services: ServicesDep, query: QueryDep) -> HTMLResponse:
    return _dashboard(request, services, query, None, PUBLIC_PATH)


@_round_pages.get("", response_class=HTMLResponse)
def round_dashboard(
    request: Request, round_id: RoundIdPath, services: ServicesDep, query: QueryDep
) -> HTMLResponse:
    return _dashboard(request, services, query, round_id, f"/rounds/{round_id}/assessment")


@_round_pages.get("/differences", response_class=HTMLResponse)
def round_differences(
    request: Request, round_id: RoundIdPath, services: ServicesDep, query: QueryDep
) -> HTMLResponse:
    """Why the round's figures differ from the public record's under the same selection,
    pledge by pledge (what `forcegen compare --round ID --public` prints)."""
    selection = selection_of(query, services.catalog)
    found = comparing.compare(
        uow=services.uow,
        catalog=services.catalog,
        left=View(selection, round_id, "the round"),
        right=View(selection, None, "the public record"),
    )
    context = {
        "found": found,
        "round_id": round_id,
        "back": f"/rounds/{round_id}/assessment?{request.url.query}",
        "scenario": selection.scenario,
    }
    return render(request, "assessment_differences.html", context)


@router.get(PUBLIC_PATH + "/export.{extension}", dependencies=[Depends(analyst_page)])
def public_export(extension: str, services: ServicesDep, query: QueryDep) -> Response:
    return _export(services, query, None, extension)


@_round_pages.get("/export.{extension}")
def round_export(
    round_id: RoundIdPath, extension: str, services: ServicesDep, query: QueryDep
) -> Response:
    return _export(services, query, round_id, extension)


router.include_router(_round_pages)


@router.get(plotly_path())
def plotly_js() -> FileResponse:
    """Our own copy of plotly.js (no CDN), cached for a year: its name changes with it."""
    return FileResponse(
        _VENDOR_DIR / PLOTLY_FILE,
        media_type="text/javascript",
        headers={"Cache-Control": _IMMUTABLE},
    )


def _assess(
    services: Services, query: DashboardQuery, round_id: str | None
) -> tuple[Assessment, Selection]:
    selection = selection_of(query, services.catalog)
    assessment = cached_assessment(
        uow=services.uow(),
        catalog=services.catalog,
        selection=selection,
        cache=services.assessments,
        round_id=round_id,
        pledge_sets=services.page_parts,
    )
    return assessment, selection


def _dashboard(
    request: Request,
    services: Services,
    query: DashboardQuery,
    round_id: str | None,
    action: str,
) -> HTMLResponse:
    selection = selection_of(query, services.catalog)
    params = params_of(request.query_params.multi_items())
    asked = PartsRequest(
        query=query,
        round_id=round_id,
        params=params,
        action=action,
        at=data_version(services.uow(), round_id),  # once: every part is built from it
    )
    processes: DashboardProcesses | None = getattr(request.app.state, "dashboard_processes", None)

    def parts() -> DashboardParts:
        """As costly as the assessment itself, and reloaded as often: built in a dashboard
        process when the server has them (see dashboard_parts), inside the cached call, so
        never from data older than the version they are kept under."""
        if processes is not None:
            return processes.build(asked)
        return build_parts(services, request.app.state.templates, asked)

    built = cached(
        services.page_parts,
        uow=services.uow(),
        round_id=round_id,
        key=("dashboard", selection_key(selection), params, action),
        compute=parts,
        at=asked.at,
    )
    parts_html = Markup(built.html)  # rendered by Jinja with autoescape
    if is_htmx(request):
        return HTMLResponse(parts_html)
    context = {
        "title": built.title,
        "dashboard_html": parts_html,
        "illustrative": built.is_illustrative,
        "plotly_src": plotly_path(),
        "map_style_id": MAP_STYLE_ID,
    }
    return render(request, "assessment_dashboard.html", context)


def _export(
    services: Services, query: DashboardQuery, round_id: str | None, extension: str
) -> Response:
    if extension not in ("xlsx", "json"):
        raise NotFoundError(f"No export as {extension!r}: use export.xlsx or export.json.")
    assessment, _ = _assess(services, query, round_id)
    tables = assessment_tables(assessment)
    name = f"assessment-{round_id or 'public'}.{extension}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if extension == "json":
        document = assessment_json(tables, headline=headline(assessment))
        return Response(document, media_type="application/json", headers=headers)
    buffer = io.BytesIO()
    write_xlsx(buffer, tables)
    return Response(buffer.getvalue(), media_type=_XLSX, headers=headers)
