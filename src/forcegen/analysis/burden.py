"""Burden sharing: each contributor's force against its economy, people and army.

Ratios use the participant's reference figures (GDP in US$ billions, population in millions,
active soldiers in thousands), each with its source. The fair share splits the required
personnel among a set of participants in proportion to their GDP. A participant without
figures is listed as such and never estimated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict

from forcegen.analysis.quantity import FORCE_KINDS
from forcegen.model.participant import Participant, ReferenceFigures
from forcegen.model.pledge import Pledge


class ContributorBurden(BaseModel):
    """One participant's force and its ratios; ratios are None where a figure is missing."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    contributor: str
    personnel: int
    pledge_ids: tuple[str, ...]
    figures_year: int | None
    figure_sources: dict[str, str]
    personnel_per_gdp_bn: float | None  # per US$ billion of GDP
    personnel_per_million: float | None  # per million inhabitants
    personnel_per_thousand_active: float | None  # per thousand active soldiers
    fair_share_personnel: float | None  # None outside the fair-share basis or without GDP
    ratio_to_fair_share: float | None  # personnel / fair share


class BurdenSharing(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    required_personnel: int
    basis: tuple[str, ...]  # participants the fair share is split among (with figures)
    basis_gdp_usd_bn: float
    contributors: tuple[ContributorBurden, ...]
    without_figures: tuple[str, ...]  # listed, never estimated


def burden_sharing(
    pledges: Iterable[Pledge],
    participants: Mapping[str, Participant],
    required_personnel: int,
    *,
    among: Iterable[str] | None = None,
) -> BurdenSharing:
    """Burden of the given (active) pledges' contributors, and of every participant in
    `among` (default: the contributors themselves), which is also the fair-share basis."""
    by_contributor: dict[str, list[Pledge]] = {}
    for pledge in pledges:
        if pledge.kind in FORCE_KINDS:
            by_contributor.setdefault(pledge.contributor, []).append(pledge)
    basis_codes = sorted(set(among) if among is not None else set(by_contributor))
    figures = {
        code: _figures(participants, code) for code in set(by_contributor) | set(basis_codes)
    }
    basis = tuple(code for code in basis_codes if figures[code] is not None)
    basis_gdp = sum(f.gdp_usd_bn for code in basis if (f := figures[code]) is not None)
    rows = []
    for code in sorted(figures):
        share = None
        known = figures[code]
        if code in basis and known is not None and basis_gdp > 0:
            share = required_personnel * known.gdp_usd_bn / basis_gdp
        rows.append(_row(code, by_contributor.get(code, []), known, share))
    return BurdenSharing(
        required_personnel=required_personnel,
        basis=basis,
        basis_gdp_usd_bn=basis_gdp,
        contributors=tuple(rows),
        without_figures=tuple(code for code in sorted(figures) if figures[code] is None),
    )


def _figures(participants: Mapping[str, Participant], code: str) -> ReferenceFigures | None:
    participant = participants.get(code)
    return participant.figures if participant is not None else None


def _row(
    code: str, pledges: list[Pledge], figures: ReferenceFigures | None, share: float | None
) -> ContributorBurden:
    personnel = sum(p.personnel.figure for p in pledges)
    active = figures.active_military_k if figures is not None else None
    return ContributorBurden(
        contributor=code,
        personnel=personnel,
        pledge_ids=tuple(p.id for p in pledges),
        figures_year=figures.year if figures is not None else None,
        figure_sources=dict(figures.sources) if figures is not None else {},
        personnel_per_gdp_bn=personnel / figures.gdp_usd_bn if figures is not None else None,
        personnel_per_million=personnel / figures.population_m if figures is not None else None,
        personnel_per_thousand_active=personnel / active if active else None,
        fair_share_personnel=share,
        ratio_to_fair_share=personnel / share if share else None,
    )
