"""The dashboard's controls as the query string gives them, and the checked selection they
ask for: shared by the dashboard pages, their exports and the comparison page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

from forcegen.catalog import Catalog
from forcegen.service.assessment import assessing
from forcegen.service.assessment.selection import DEFAULT_REQUIREMENT, DEFAULT_SCENARIO, Selection
from forcegen.web.paths import ShortQuery

Names = Annotated[list[str] | None, Query(max_length=64)]


@dataclass(frozen=True)
class DashboardQuery:
    """The controls as the query string gives them.

    `driver` lists the checked driver boxes; they count only when `toggles` says the form
    sent them and the scenario is the one they were shown for (`scenario_was`), so choosing
    another scenario starts from its own drivers. `set` (DRIVER=true|false) is for links.
    """

    requirement: str = DEFAULT_REQUIREMENT
    scenario: str = DEFAULT_SCENARIO
    level_floor: str = "reported"
    fixpoint: str = "greatest"
    driver: tuple[str, ...] = ()
    toggles: str = ""
    scenario_was: str = ""
    settings: tuple[str, ...] = ()
    fair_share: str = "willing"


async def dashboard_query(
    requirement: ShortQuery = DEFAULT_REQUIREMENT,
    scenario: ShortQuery = DEFAULT_SCENARIO,
    level_floor: ShortQuery = "reported",
    fixpoint: ShortQuery = "greatest",
    driver: Names = None,
    toggles: Annotated[str, Query(max_length=8)] = "",
    scenario_was: ShortQuery = "",
    settings: Annotated[list[str] | None, Query(alias="set", max_length=80)] = None,
    fair_share: ShortQuery = "willing",
) -> DashboardQuery:
    return DashboardQuery(
        requirement.strip(),
        scenario.strip(),
        level_floor.strip(),
        fixpoint.strip(),
        tuple(driver or ()),
        toggles,
        scenario_was.strip(),
        tuple(settings or ()),
        fair_share.strip(),
    )


QueryDep = Annotated[DashboardQuery, Depends(dashboard_query)]


def selection_of(query: DashboardQuery, catalog: Catalog) -> Selection:
    """The checked selection the query asks for.

    Raises:
        NotFoundError, InvalidInputError: an unknown key, driver, level or fixpoint.
    """
    overrides: dict[str, bool] = {}
    if query.toggles and query.scenario_was in ("", query.scenario):
        named = assessing.select(catalog, scenario=query.scenario).scenario
        checked = set(query.driver)
        for key in catalog.drivers:
            if (key in checked) != named.value(key):
                overrides[key] = key in checked
        overrides.update(dict.fromkeys(checked - set(catalog.drivers), True))
    return assessing.select(
        catalog,
        requirement=query.requirement,
        scenario=query.scenario,
        overrides=overrides,
        settings=query.settings,
        level_floor=query.level_floor,
        fixpoint=query.fixpoint,
        fair_share=query.fair_share,
    )
