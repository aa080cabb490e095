"""The assessment in the JSON API: the same tables as `forcegen assess --format json`.

    GET /api/rounds/{round_id}/assessment   a round's answers (coordinator token)
    GET /api/public/assessment              the public record (analyst or coordinator token)

Query: `requirement`, `scenario`, `set=DRIVER=true|false` (repeatable), `level_floor`,
`fixpoint`. Every table row that shows a figure names its pledges (`pledge_ids`); the
`pledges` and `sources` tables resolve them.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from forcegen.bootstrap import Services
from forcegen.reports import assessment_json, assessment_tables, headline
from forcegen.service.assessment import assessing
from forcegen.service.assessment.selection import DEFAULT_REQUIREMENT, DEFAULT_SCENARIO
from forcegen.web.accounts.analyst_auth import analyst_api
from forcegen.web.accounts.auth import coordinator_api
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import RoundIdPath, ShortQuery
from forcegen.web.schemas.assessment import AssessmentRead
from forcegen.web.schemas.common import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["assessment"], responses=ERROR_RESPONSES)

Settings = Annotated[
    list[str] | None,
    Query(alias="set", max_length=80, description="A driver setting, e.g. us.isr=true"),
]


@router.get(
    "/rounds/{round_id}/assessment",
    summary="Assess a round's latest submitted answers",
    dependencies=[Depends(coordinator_api)],
)
def round_assessment(
    round_id: RoundIdPath,
    services: ServicesDep,
    settings: Settings = None,
    requirement: ShortQuery = DEFAULT_REQUIREMENT,
    scenario: ShortQuery = DEFAULT_SCENARIO,
    level_floor: ShortQuery = "reported",
    fixpoint: ShortQuery = "greatest",
) -> AssessmentRead:
    return _read(services, round_id, requirement, scenario, settings, level_floor, fixpoint)


@router.get(
    "/public/assessment",
    summary="Assess the pledges reported in public sources",
    dependencies=[Depends(analyst_api)],
)
def public_assessment(
    services: ServicesDep,
    settings: Settings = None,
    requirement: ShortQuery = DEFAULT_REQUIREMENT,
    scenario: ShortQuery = DEFAULT_SCENARIO,
    level_floor: ShortQuery = "reported",
    fixpoint: ShortQuery = "greatest",
) -> AssessmentRead:
    return _read(services, None, requirement, scenario, settings, level_floor, fixpoint)


def _read(
    services: Services,
    round_id: str | None,
    requirement: str,
    scenario: str,
    settings: list[str] | None,
    level_floor: str,
    fixpoint: str,
) -> AssessmentRead:
    selection = assessing.select(
        services.catalog,
        requirement=requirement,
        scenario=scenario,
        settings=settings or (),
        level_floor=level_floor,
        fixpoint=fixpoint,
    )
    assessment = assessing.run_assessment(
        uow=services.uow(), catalog=services.catalog, selection=selection, round_id=round_id
    )
    document = assessment_json(assessment_tables(assessment), headline=headline(assessment))
    return AssessmentRead.model_validate(json.loads(document))
