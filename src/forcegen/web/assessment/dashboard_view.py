"""The dashboard's view-model: controls, charts, and links from every figure to its pledges
and from every pledge to its sources.

Templates get plain values: anchors (`#pledge-...`, `#source-...`), link targets already
checked (only http(s) URLs become external links; a response version links to the
coordinator's page for that version), and the charts as one JSON text for the script.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from forcegen.analysis.assessment import Assessment
from forcegen.analysis.burden import FairShareBasis
from forcegen.catalog import Catalog
from forcegen.model.capability import DriverGroup
from forcegen.model.pledge import Level, Pledge
from forcegen.model.source import Source
from forcegen.reports import (
    Cell,
    Chart,
    Table,
    assessment_tables,
    cell_display,
    dashboard_charts,
)
from forcegen.service.assessment.selection import Selection

LONG_TABLE_ROWS = 12
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
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
class Link:
    """A link to an anchor on the page or to a page; `href` is empty when there is none."""

    text: str
    href: str


@dataclass(frozen=True)
class ChartView:
    key: str
    title: str
    pledges: tuple[Link, ...]
    sources: tuple[Link, ...]
    is_answers: bool


@dataclass(frozen=True)
class PledgeView:
    pledge: Pledge
    anchor: str
    is_active: bool
    sources: tuple[Link, ...]


@dataclass(frozen=True)
class SourceView:
    source: Source
    anchor: str
    target: Link  # where the source itself can be read
    cited_by: tuple[Link, ...]


@dataclass(frozen=True)
class CellView:
    """One table cell: text, or links (to pledges or sources) when it lists ids."""

    text: str
    links: tuple[Link, ...] = ()
    is_number: bool = False


@dataclass(frozen=True)
class TableView:
    key: str
    title: str
    description: str
    columns: tuple[str, ...]
    rows: tuple[tuple[CellView, ...], ...]
    is_long: bool


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
    tables: Mapping[str, TableView]
    pledges: tuple[PledgeView, ...]
    sources: tuple[SourceView, ...]
    gap_pledges: tuple[Link, ...]
    exports: tuple[Link, ...]
    query: str = ""  # the selection as a query string, for links that keep it
    unquantified: tuple[Link, ...] = ()  # active pledges without a number, by contributor
    imputed: str = ""  # the labelled imputed estimate for them, if any


def anchor(prefix: str, key: str) -> str:
    """A stable element id for a pledge or source id, e.g. `pledge-FRA-troops-1`."""
    return f"{prefix}-{_UNSAFE.sub('-', key).strip('-')}"


def dashboard_view(
    assessment: Assessment, selection: Selection, catalog: Catalog, action: str
) -> DashboardView:
    """Everything the dashboard template shows."""
    drivers = {key: driver.name for key, driver in catalog.drivers.items()}
    requirements = {key: r.total_personnel for key, r in catalog.requirements.items()}
    charts = dashboard_charts(assessment, requirements, drivers)
    pledge_link = _pledge_links(assessment.pledges)
    source_link = {sid: Link(sid, "#" + anchor("source", sid)) for sid in assessment.sources}
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
        tables={
            t.key: _table_view(t, pledge_link, source_link) for t in assessment_tables(assessment)
        },
        pledges=_pledge_views(assessment, source_link),
        sources=_source_views(assessment, pledge_link),
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


def _table_view(
    t: Table, pledge_link: Mapping[str, Link], source_link: Mapping[str, Link]
) -> TableView:
    rows = tuple(
        tuple(
            _cell_view(column, cell, pledge_link, source_link)
            for column, cell in zip(t.columns, row, strict=True)
        )
        for row in t.rows
    )
    return TableView(
        key=t.key,
        title=t.title,
        description=t.description,
        columns=tuple(column.replace("_", " ") for column in t.columns),
        rows=rows,
        is_long=len(rows) > LONG_TABLE_ROWS,
    )


def _cell_view(
    column: str, cell: Cell, pledge_link: Mapping[str, Link], source_link: Mapping[str, Link]
) -> CellView:
    if isinstance(cell, tuple) and column.endswith("pledge_ids"):
        return CellView("", tuple(pledge_link.get(i, Link(i, "")) for i in cell))
    if isinstance(cell, tuple) and column.endswith("source_ids"):
        return CellView("", tuple(source_link.get(i, Link(i, "")) for i in cell))
    is_number = isinstance(cell, int | float) and not isinstance(cell, bool)
    return CellView(cell_display(cell), is_number=is_number)


def _pledge_links(pledges: Sequence[Pledge]) -> dict[str, Link]:
    return {p.id: Link(p.id, "#" + anchor("pledge", p.id)) for p in pledges}


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


def _pledge_views(
    assessment: Assessment, source_link: Mapping[str, Link]
) -> tuple[PledgeView, ...]:
    active = set(assessment.active_ids)
    return tuple(
        PledgeView(
            pledge=p,
            anchor=anchor("pledge", p.id),
            is_active=p.id in active,
            sources=tuple(source_link.get(s, Link(s, "")) for s in p.source_ids),
        )
        for p in assessment.pledges
    )


def _source_views(
    assessment: Assessment, pledge_link: Mapping[str, Link]
) -> tuple[SourceView, ...]:
    cited: dict[str, list[Link]] = {}
    for pledge in assessment.pledges:
        for source_id in pledge.source_ids:
            cited.setdefault(source_id, []).append(pledge_link[pledge.id])
    return tuple(
        SourceView(
            source=source,
            anchor=anchor("source", source_id),
            target=_target(assessment, source_id, source),
            cited_by=tuple(cited.get(source_id, ())),
        )
        for source_id, source in assessment.sources.items()
    )


def _target(assessment: Assessment, source_id: str, source: Source) -> Link:
    ref = assessment.response_refs.get(source_id)
    if ref is not None and assessment.round_id:
        path = f"/rounds/{assessment.round_id}/responses/{ref.participant}?version={ref.number}"
        return Link(f"{ref.participant}'s answers, version {ref.number}", path)
    if source.locator.startswith(("https://", "http://")):
        return Link(source.locator, source.locator)
    return Link(source.locator, "")


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
