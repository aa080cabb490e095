"""Burden sharing: each contributor's force against its economy, people and army.

Ratios use the participant's reference figures (GDP in US$ billions, population in millions,
active soldiers in thousands), each with its source. The fair share splits the required
personnel among the participants of a named basis (`FairShareBasis`, chosen by the user and
named in every output) in proportion to their GDP. A participant without figures is listed
as such and never estimated. Force and ratios are ranges where the pledges state ranges.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from forcegen.analysis.quantity import FORCE_KINDS
from forcegen.analysis.total import Active
from forcegen.model.amount import Count, Money, scaled
from forcegen.model.participant import Participant, ParticipantKind, ReferenceFigures
from forcegen.model.pledge import Pledge


class FairShareBasis(StrEnum):
    """Who the required force is shared among; the same definition for rounds and the record."""

    WILLING = "willing"  # every government with a force pledge, whatever its condition
    RESPONDENTS = "respondents"  # every government that answered (the record: took a position)
    EU_NATO = "eu_nato"  # every EU or NATO member state

    @property
    def label(self) -> str:
        return _BASIS_LABELS[self]


_BASIS_LABELS = {
    FairShareBasis.WILLING: "willing contributors",
    FairShareBasis.RESPONDENTS: "all respondents",
    FairShareBasis.EU_NATO: "EU and NATO members",
}


class ContributorBurden(BaseModel):
    """One participant's force and its ratios; ratios are None where a figure is missing."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    contributor: str
    personnel: Count
    pledge_ids: tuple[str, ...]
    unquantified: tuple[str, ...]  # its active pledges without a number
    figures_year: int | None
    figure_sources: dict[str, str]
    personnel_per_gdp_bn: Money | None  # per US$ billion of GDP
    personnel_per_million: Money | None  # per million inhabitants
    personnel_per_thousand_active: Money | None  # per thousand active soldiers
    fair_share_personnel: float | None  # None outside the fair-share basis or without GDP
    ratio_to_fair_share: Money | None  # personnel / fair share


class BurdenSharing(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    required_personnel: int
    fair_share_basis: FairShareBasis
    basis: tuple[str, ...]  # participants the fair share is split among (with figures)
    basis_gdp_usd_bn: float
    contributors: tuple[ContributorBurden, ...]
    without_figures: tuple[str, ...]  # listed, never estimated


def burden_sharing(
    pledges: Active | Iterable[Pledge],
    participants: Mapping[str, Participant],
    required_personnel: int,
    *,
    among: Iterable[str] | None = None,
    basis: FairShareBasis = FairShareBasis.WILLING,
) -> BurdenSharing:
    """Burden of the given (active) pledges' contributors, and of every participant in
    `among` (default: the contributors themselves), which is the fair-share `basis`."""
    active = pledges if isinstance(pledges, Active) else Active.same(pledges)
    force = active.where(lambda p: p.kind in FORCE_KINDS)
    contributors = {p.contributor for p in force.high}
    basis_codes = sorted(set(among) if among is not None else contributors)
    figures = {code: _figures(participants, code) for code in contributors | set(basis_codes)}
    shared = tuple(code for code in basis_codes if figures[code] is not None)
    basis_gdp = sum(f.gdp_usd_bn for code in shared if (f := figures[code]) is not None)
    own = force.grouped(lambda p: p.contributor)
    rows = []
    for code in sorted(figures):
        share = None
        known = figures[code]
        if code in shared and known is not None and basis_gdp > 0:
            share = required_personnel * known.gdp_usd_bn / basis_gdp
        rows.append(_row(code, own.get(code, _NONE), known, share))
    return BurdenSharing(
        required_personnel=required_personnel,
        fair_share_basis=basis,
        basis=shared,
        basis_gdp_usd_bn=basis_gdp,
        contributors=tuple(rows),
        without_figures=tuple(code for code in sorted(figures) if figures[code] is None),
    )


def basis_members(
    basis: FairShareBasis,
    participants: Mapping[str, Participant],
    *,
    force_contributors: Iterable[str],
    respondents: Iterable[str],
) -> tuple[str, ...]:
    """The participant codes a basis names, sorted."""
    if basis is FairShareBasis.WILLING:
        return tuple(sorted(set(force_contributors)))
    if basis is FairShareBasis.RESPONDENTS:
        return tuple(sorted(set(respondents)))
    return tuple(
        sorted(
            code
            for code, p in participants.items()
            if p.kind is ParticipantKind.STATE and (p.is_member_of("EU") or p.is_member_of("NATO"))
        )
    )


_NONE = Active((), ())


def _figures(participants: Mapping[str, Participant], code: str) -> ReferenceFigures | None:
    participant = participants.get(code)
    return participant.figures if participant is not None else None


def _row(
    code: str, active: Active, figures: ReferenceFigures | None, share: float | None
) -> ContributorBurden:
    total = active.total()
    personnel = total.personnel
    army = figures.active_military_k if figures is not None else None
    return ContributorBurden(
        contributor=code,
        personnel=personnel,
        pledge_ids=total.pledge_ids,
        unquantified=total.unquantified,
        figures_year=figures.year if figures is not None else None,
        figure_sources=dict(figures.sources) if figures is not None else {},
        personnel_per_gdp_bn=_per(personnel, figures.gdp_usd_bn if figures else None),
        personnel_per_million=_per(personnel, figures.population_m if figures else None),
        personnel_per_thousand_active=_per(personnel, army),
        fair_share_personnel=share,
        ratio_to_fair_share=_per(personnel, share),
    )


def _per(personnel: Count, divisor: float | None) -> Money | None:
    return scaled(personnel, 1 / divisor) if divisor else None
