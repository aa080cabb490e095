"""Sustainment and burden sharing of the active force.

Sustainment (DESIGN item 3): a sustained pledge of N keeps N deployed from its start month
for the whole mission (the contributor rotates its units, so it needs a pool of r × N with
rotation ratio r); a pledge for m months holds only from its start month for m months.

Burden sharing (item 5): each contributor's active personnel per US$ bn of GDP, per million
people and per thousand active soldiers, using the packaged reference figures, and against a
fair share: the requirement's total split across the coalition in proportion to GDP.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from forcegen.model.errors import UnknownParticipantError
from forcegen.model.participant import Participant, ReferenceFigures, participant_name
from forcegen.model.pledge import Pledge, PledgeKind
from forcegen.model.requirement import Requirement
from forcegen.service.assess_force import ids_of, personnel_of
from forcegen.service.assess_result import BurdenRow, Sustainment, SustainmentMonth

_SUPPORT_KINDS = frozenset({PledgeKind.EQUIPMENT, PledgeKind.FUNDING})
_USED_FIGURES = ("gdp_usd_bn", "population_m", "active_military_k")


def is_deployed(pledge: Pledge, month: int) -> bool:
    """Whether `pledge` has personnel deployed in `month` (0 = the month of deployment)."""
    if month < pledge.start_month:
        return False
    return pledge.sustained or month < pledge.start_month + (pledge.duration_months or 0)


def sustainment(requirement: Requirement, active: Sequence[Pledge]) -> Sustainment:
    """The deployed personnel in each month of the requirement's duration."""
    months = []
    for month in range(requirement.duration_months):
        deployed = [p for p in active if p.personnel > 0 and is_deployed(p, month)]
        months.append(SustainmentMonth(month, personnel_of(deployed), ids_of(deployed)))
    return Sustainment(
        rotation_ratio=requirement.rotation_ratio,
        required=requirement.total_personnel,
        months=tuple(months),
    )


def burden_sharing(
    requirement: Requirement,
    active_force: Sequence[Pledge],
    support: Sequence[Pledge],
    coalition: Collection[str],
    participants: Mapping[str, Participant],
) -> tuple[BurdenRow, ...]:
    """One row per member of the coalition (and per other contributor), most personnel first.

    `active_force` are the active force pledges, `support` the active equipment and funding
    pledges (their value in EUR is reported beside the force).
    """
    members = sorted(set(coalition) | {p.contributor for p in active_force})
    gdp = {code: _figures(participants, code) for code in members}
    gdp_total = sum(f.gdp_usd_bn for f in gdp.values() if f is not None)
    rows = []
    for code in members:
        own = [p for p in active_force if p.contributor == code]
        value = sum(p.value_eur or 0.0 for p in support if p.contributor == code)
        personnel = personnel_of(own)
        figures = gdp[code]
        share = None
        if figures is not None and gdp_total > 0:
            share = round(requirement.total_personnel * figures.gdp_usd_bn / gdp_total)
        rows.append(
            BurdenRow(
                contributor=code,
                name=_name(participants, code),
                personnel=personnel,
                platforms=sum(p.platforms for p in own),
                value_eur=value,
                per_gdp_usd_bn=_ratio(personnel, figures.gdp_usd_bn if figures else None),
                per_million_people=_ratio(personnel, figures.population_m if figures else None),
                per_thousand_active=_ratio(
                    personnel, figures.active_military_k if figures else None
                ),
                fair_share=share,
                figures_year=figures.year if figures else None,
                figures_source=_figure_sources(figures),
                pledge_ids=ids_of(own)
                + ids_of([p for p in support if p.contributor == code and p.value_eur]),
            )
        )
    return tuple(sorted(rows, key=lambda r: (-r.personnel, -r.value_eur, r.contributor)))


def support_pledges(pledges: Sequence[Pledge]) -> tuple[Pledge, ...]:
    """Equipment and funding pledges (support for Ukraine, not force)."""
    return tuple(p for p in pledges if p.kind in _SUPPORT_KINDS)


def _figures(participants: Mapping[str, Participant], code: str) -> ReferenceFigures | None:
    participant = participants.get(code)
    return participant.figures if participant is not None else None


def _name(participants: Mapping[str, Participant], code: str) -> str:
    participant = participants.get(code)
    if participant is not None:
        return participant.name
    try:
        return participant_name(code)
    except UnknownParticipantError:
        return code


def _ratio(amount: int, per: float | None) -> float | None:
    return amount / per if per else None


def _figure_sources(figures: ReferenceFigures | None) -> str:
    if figures is None:
        return ""
    used = {k: v for k, v in figures.sources.items() if k in _USED_FIGURES}
    return "; ".join(f"{column}: {source}" for column, source in sorted(used.items()))
