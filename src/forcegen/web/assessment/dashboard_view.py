"""The dashboard's view-model: the controls (requirement, scenario, level, fixpoint, fair
share, driver toggles), the charts, and the exports, around the evidence trail that links
every figure to its pledges and every pledge to its sources (dashboard_links).

Templates get plain values: options already marked as chosen, and the charts as one JSON
text for the script.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from forcegen.analysis.assessment import Assessment
from forcegen.analysis.burden import FairShareBasis
from forcegen.catalog import Catalog
from forcegen.model.capability import DriverGroup
from forcegen.model.pledge import Level
from forcegen.reports import (
    Chart,
    assessment_tables,
    dashboard_charts,
)
from forcegen.service.assessment.selection import Selection
from forcegen.web.assessment.dashboard_links import (
    Link,
    PledgeView,
    SourceView,
    anchor,
    pledge_links,
    pledge_views,
    source_views,
)
from forcegen.web.assessment.table_html import TableView, table_view

# The report tables the page shows: under their chart, and in the section after the charts.
# (Pledges and sources have tables of their own, with anchors; summary and about are above.)
CHART_TABLES: Mapping[str, tuple[str, ...]] = {
    "force": ("scenarios",),
    "coverage": ("coverage",),
    "sustainment": ("sustainment",),
    "leverage": ("packages", "leverage"),
    "burden": ("burden",),
    "ladder": ("ladder",),
    "sanctions": ("sanctions",),
}
MORE_TABLES = ("activation", "held_back", "enabler_demand", "nominations", "support")
_SHOWN_TABLES = frozenset(MORE_TABLES).union(*CHART_TABLES.values())

_GROUP_LABELS = {
    DriverGroup.US_ENABLER: "US enablers",
    DriverGroup.POLITICAL: "Political conditions",
    DriverGroup.PARLIAMENT: "Parliamentary approval",
}


@dataclass(frozen=True)
class DriverToggle:
    key: str
    name: str
    is_on: bool
    is_overridden: bool  # differs from the chosen scenario
    is_unset: bool = False  # the scenario's sources leave it open; it does not hold


@dataclass(frozen=True)
class ToggleGroup:
    label: str
    toggles: tuple[DriverToggle, ...]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    is_selected: bool


@dataclass(frozen=True)
class ChartView:
    key: str
    title: str
    pledges: tuple[Link, ...]
    sources: tuple[Link, ...]
    is_answers: bool


@dataclass(frozen=True)
class DashboardView:
    assessment: Assessment
    action: str  # the dashboard's own path, for the form
    requirements: tuple[Option, ...]
    scenarios: tuple[Option, ...]
    levels: tuple[Option, ...]
    fixpoints: tuple[Option, ...]
    fair_shares: tuple[Option, ...]
    toggle_groups: tuple[ToggleGroup, ...]
    charts: tuple[ChartView, ...]
    charts_json: str
    chart_tables: Mapping[str, tuple[TableView, ...]]  # chart key -> the tables under it
    more_tables: tuple[TableView, ...]
    pledges: tuple[PledgeView, ...]
    sources: tuple[SourceView, ...]
    gap_pledges: tuple[Link, ...]
    exports: tuple[Link, ...]
    query: str = ""  # the selection as a query string, for links that keep it
    unquantified: tuple[Link, ...] = ()  # active pledges without a number, by contributor
    imputed: str = ""  # the labelled imputed estimate for them, if any


def dashboard_view(
    assessment: Assessment, selection: Selection, catalog: Catalog, action: str
) -> DashboardView:
    """Everything the dashboard template shows."""
    drivers = {key: driver.name for key, driver in catalog.drivers.items()}
    requirements = {key: r.total_personnel for key, r in catalog.requirements.items()}
    charts = dashboard_charts(assessment, requirements, drivers)
    pledge_link = pledge_links(assessment.pledges)
    source_link = {sid: Link(sid, "#" + anchor("source", sid)) for sid in assessment.sources}
    tables = {
        t.key: table_view(t, pledge_link, source_link)
        for t in assessment_tables(assessment, only=_SHOWN_TABLES)
    }
    return DashboardView(
        assessment=assessment,
        action=action,
        requirements=_options(catalog.requirements, selection.requirement.key, "name"),
        scenarios=_options(catalog.scenarios, selection.scenario.key, "name"),
        levels=tuple(Option(v.value, v.value, v is selection.level_floor) for v in Level),
        fixpoints=(
            Option("greatest", "all move together", selection.fixpoint.value == "greatest"),
            Option("least", "nobody moves first", selection.fixpoint.value == "least"),
        ),
        fair_shares=tuple(
            Option(b.value, b.label, b is selection.fair_share_basis) for b in FairShareBasis
        ),
        toggle_groups=_toggle_groups(catalog, selection),
        charts=tuple(_chart_view(c, pledge_link, source_link) for c in charts),
        charts_json=json.dumps([{"key": c.key, "figure": c.figure} for c in charts]),
        chart_tables={
            chart: tuple(tables[key] for key in keys if key in tables)
            for chart, keys in CHART_TABLES.items()
        },
        more_tables=tuple(tables[key] for key in MORE_TABLES if key in tables),
        pledges=pledge_views(assessment, source_link),
        sources=source_views(assessment, pledge_link),
        gap_pledges=tuple(
            pledge_link[p] for p in assessment.chosen.total.pledge_ids if p in pledge_link
        ),
        exports=_exports(action, selection),
        query=selection_query(selection),
        unquantified=tuple(
            Link(contributor, "#" + anchor("pledge", pledge_id))
            for contributor, pledge_id in assessment.unquantified
        ),
        imputed=assessment.imputed.short if assessment.imputed else "",
    )


def _options(items: Mapping[str, object], chosen: str, label: str) -> tuple[Option, ...]:
    return tuple(
        Option(key, f"{getattr(item, label)} ({key})", key == chosen) for key, item in items.items()
    )


def _toggle_groups(catalog: Catalog, selection: Selection) -> tuple[ToggleGroup, ...]:
    scenario = selection.scenario.with_overrides(dict(selection.overrides))
    groups = []
    for group, label in _GROUP_LABELS.items():
        toggles = tuple(
            DriverToggle(
                key=driver.key,
                name=driver.name,
                is_on=scenario.value(driver.key),
                is_overridden=driver.key in selection.overrides
                and selection.overrides[driver.key] != selection.scenario.value(driver.key),
                is_unset=driver.key in selection.scenario.unset
                and driver.key not in selection.overrides,
            )
            for driver in catalog.drivers.values()
            if driver.group is group
        )
        if toggles:
            groups.append(ToggleGroup(label, toggles))
    return tuple(groups)


def _chart_view(
    chart: Chart, pledge_link: Mapping[str, Link], source_link: Mapping[str, Link]
) -> ChartView:
    return ChartView(
        key=chart.key,
        title=chart.title,
        pledges=tuple(pledge_link[p] for p in chart.pledge_ids if p in pledge_link),
        sources=tuple(source_link[s] for s in chart.source_ids if s in source_link),
        is_answers=chart.is_answers,
    )


def _exports(action: str, selection: Selection) -> tuple[Link, ...]:
    encoded = selection_query(selection)
    return (
        Link("Excel workbook (a sheet per table)", f"{action}/export.xlsx?{encoded}"),
        Link("JSON (every table)", f"{action}/export.json?{encoded}"),
    )


def selection_query(selection: Selection) -> str:
    """The selection as the dashboard's query string (`set=` for each changed driver)."""
    query = {
        "requirement": selection.requirement.key,
        "scenario": selection.scenario.key,
        "level_floor": selection.level_floor.value,
        "fixpoint": selection.fixpoint.value,
        "fair_share": selection.fair_share_basis.value,
    }
    sets = [
        ("set", f"{d}={'true' if v else 'false'}") for d, v in sorted(selection.overrides.items())
    ]
    return urlencode([*query.items(), *sets])
