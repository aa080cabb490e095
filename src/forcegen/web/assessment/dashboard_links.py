"""The dashboard's evidence trail: every figure links to its pledges and every pledge to its
sources, as anchors on the page (`#pledge-...`, `#source-...`).

Kept apart from the dashboard's controls (dashboard_view) because these links are the
promise that no figure stands without its sources: tables and charts get their cells' links
here, pledges the sources they cite, sources the pledges citing them and where they can be
read (only http(s) URLs become external links; a response version links to the
coordinator's page for that version).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from forcegen.analysis.assessment import Assessment
from forcegen.model.pledge import Pledge
from forcegen.model.source import Source

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Link:
    """A link to an anchor on the page or to a page; `href` is empty when there is none."""

    text: str
    href: str


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


def anchor(prefix: str, key: str) -> str:
    """A stable element id for a pledge or source id, e.g. `pledge-FRA-troops-1`."""
    return f"{prefix}-{_UNSAFE.sub('-', key).strip('-')}"


def pledge_links(pledges: Sequence[Pledge]) -> dict[str, Link]:
    return {p.id: Link(p.id, "#" + anchor("pledge", p.id)) for p in pledges}


def pledge_views(assessment: Assessment, source_link: Mapping[str, Link]) -> tuple[PledgeView, ...]:
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


def source_views(assessment: Assessment, pledge_link: Mapping[str, Link]) -> tuple[SourceView, ...]:
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
