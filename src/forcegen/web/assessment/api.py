"""The assessment in the JSON API: the same tables as `forcegen assess --format json`.

    GET /api/rounds/{round_id}/assessment   a round's answers (coordinator token)
    GET /api/public/assessment              the public record (analyst or coordinator token)

Query: `requirement`, `scenario`, `set=DRIVER=true|false` (repeatable), `level_floor`,
`fixpoint`, `fair_share` (willing, respondents or eu_nato: who the requirement is shared among,
as `forcegen assess --fair-share` and the dashboard). Every table row that shows a figure
names its pledges (`pledge_ids`); the `pledges` and `sources` tables resolve them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

from forcegen.bootstrap import Services
from forcegen.reports import assessment_json, assessment_tables, headline
from forcegen.service.assessment import assessing
from forcegen.service.assessment.cached import cached_assessment
from forcegen.service.assessment.selection import DEFAULT_REQUIREMENT, DEFAULT_SCENARIO
from forcegen.web.accounts.analyst_auth import analyst_api
from forcegen.web.accounts.auth import coordinator_api
from forcegen.web.api_router import api_router
from forcegen.web.deps import ServicesDep
from forcegen.web.paths import RoundIdPath, ShortQuery
from forcegen.web.schemas.assessment import AssessmentRead

router = api_router("/api", "assessment")

Settings = Annotated[
    list[str] | None,
    Query(alias="set", max_length=80, description="A driver setting, e.g. us.isr=true"),
]


@dataclass(frozen=True)
class SelectionQuery:
    """The query parameters both assessments take, as typed: `select` checks them."""

    settings: Settings = None
    requirement: ShortQuery = DEFAULT_REQUIREMENT
    scenario: ShortQuery = DEFAULT_SCENARIO
    level_floor: ShortQuery = "reported"
    fixpoint: ShortQuery = "greatest"
    fair_share: ShortQuery = "willing"


SelectionDep = Annotated[SelectionQuery, Depends()]


@router.get(
    "/rounds/{round_id}/assessment",
    summary="Assess a round's latest submitted answers",
    dependencies=[Depends(coordinator_api)],
)
def round_assessment(
    round_id: RoundIdPath, services: ServicesDep, query: SelectionDep
) -> AssessmentRead:
    return _read(services, round_id, query)


@router.get(
    "/public/assessment",
    summary="Assess the pledges reported in public sources",
    dependencies=[Depends(analyst_api)],
)
def public_assessment(services: ServicesDep, query: SelectionDep) -> AssessmentRead:
    return _read(services, None, query)


def _read(services: Services, round_id: str | None, query: SelectionQuery) -> AssessmentRead:
    selection = assessing.select(
        services.catalog,
        requirement=query.requirement,
        scenario=query.scenario,
        settings=query.settings or (),
        level_floor=query.level_floor,
        fixpoint=query.fixpoint,
        fair_share=query.fair_share,
    )
    assessment = cached_assessment(
        uow=services.uow(),
        catalog=services.catalog,
        selection=selection,
        cache=services.assessments,
        round_id=round_id,
    )
    document = assessment_json(assessment_tables(assessment), headline=headline(assessment))
    return AssessmentRead.model_validate(json.loads(document))
