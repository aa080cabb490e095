"""Sustainment: the deployable force month by month over the requirement's duration.

A sustained pledge of N keeps N deployed every month from its start month on; keeping them
there takes a rotation pool of N x r (one deployed, the others preparing or recovering, for
r = 3). A pledge for m months starting at month s holds only months s..s+m-1; one contingent
serves one tour (the requirement's `tour_months`, six by default), so its pool is N times the
number of tours it spans, at most N x r: a 24-month pledge of 6,000 needs the same 18,000 as
6,000 sustained for 24 months, a 6-month pledge only its 6,000. Months count from 0, the
month of deployment.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from forcegen.analysis.coverage import shortfall
from forcegen.analysis.quantity import FORCE_KINDS
from forcegen.analysis.total import Active, CapabilityTotal, Total, by_capability
from forcegen.model.amount import Bound, Count, Money, scaled
from forcegen.model.amount import total as total_of
from forcegen.model.pledge import Pledge
from forcegen.model.requirement import Requirement

Capabilities = tuple[CapabilityTotal, ...]


class MonthForce(BaseModel):
    """The force deployed in one month."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    month: int
    total: Total
    capabilities: tuple[CapabilityTotal, ...]
    shortfall_personnel: Count  # against the requirement's total


class RotationNeed(BaseModel):
    """The pool of personnel one pledge needs to keep its contribution deployed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pledge_id: str
    contributor: str
    capability: str
    deployed_personnel: Count
    pool_factor: float  # pool per soldier deployed
    pool_personnel: Count
    is_sustained: bool


class Sustainment(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    requirement_key: str
    rotation_ratio: float
    tour_months: int
    duration_months: int
    months: tuple[MonthForce, ...]
    pool: tuple[RotationNeed, ...]
    pool_personnel: Count  # all pledges together
    required_pool_personnel: int  # the requirement's total, rotated
    first_short_month: int | None  # first month below the requirement's total, if any


def sustainment(pledges: Active | Iterable[Pledge], requirement: Requirement) -> Sustainment:
    """Month-by-month force of the given (active) pledges; other kinds than troops and
    enablers are ignored. A pledge counts in a month at the low end of the force from the
    latest start it states, at the high end from the earliest."""
    active = pledges if isinstance(pledges, Active) else Active.same(pledges)
    force = active.where(lambda p: p.kind in FORCE_KINDS)
    capabilities = sorted({p.capability for p in force.high if p.capability})
    months = []
    # Most months hold the same pledges as the month before (sustained pledges hold in
    # all): their figures are added up once per distinct set of pledges present.
    figures: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[Total, Capabilities]] = {}
    at_low = [p.fixed(Bound.LOW) for p in force.low]  # fixed once, not once a month
    at_high = [p.fixed(Bound.HIGH) for p in force.high]
    changes = _change_months([*at_low, *at_high])
    low: tuple[int, ...] = ()
    high: tuple[int, ...] = ()
    for month in range(requirement.duration_months):
        if month in changes:
            low = tuple(i for i, p in enumerate(at_low) if holds_in(p, month))
            high = tuple(i for i, p in enumerate(at_high) if holds_in(p, month))
        if (low, high) not in figures:
            present = Active(tuple(force.low[i] for i in low), tuple(force.high[i] for i in high))
            figures[low, high] = (present.total(), by_capability(present, capabilities))
        total, per_capability = figures[low, high]
        months.append(
            MonthForce(
                month=month,
                total=total,
                capabilities=per_capability,
                shortfall_personnel=shortfall(requirement.total_personnel, total.personnel),
            )
        )
    pool = tuple(_rotation(p, requirement) for p in force.high)
    short = [m.month for m in months if m.shortfall_personnel.low or m.shortfall_personnel.high]
    return Sustainment(
        requirement_key=requirement.key,
        rotation_ratio=requirement.rotation_ratio,
        tour_months=requirement.tour_months,
        duration_months=requirement.duration_months,
        months=tuple(months),
        pool=pool,
        pool_personnel=total_of((need.pool_personnel for need in pool), 0),
        required_pool_personnel=math.ceil(requirement.total_personnel * requirement.rotation_ratio),
        first_short_month=short[0] if short else None,
    )


def _change_months(fixed: Iterable[Pledge]) -> set[int]:
    """The months in which the pledges present may differ from the month before: the first,
    and those in which a pledge (fixed at a bound) starts or ends (see `holds_in`)."""
    months = {0}
    for pledge in fixed:
        start = pledge.start_month.figure
        months.add(start)
        if not pledge.sustained:
            months.add(start + (pledge.duration_months or 0))
    return months


def holds_in(pledge: Pledge, month: int) -> bool:
    """Whether `pledge` (fixed at a bound) is deployed in `month` (0 = month of deployment)."""
    start = pledge.start_month.figure
    if month < start:
        return False
    return pledge.sustained or month < start + (pledge.duration_months or 0)


def pool_factor(pledge: Pledge, requirement: Requirement) -> float:
    """How many soldiers the pool needs per soldier deployed: the rotation ratio for a
    sustained pledge; for one held m months, one contingent per tour, at most the ratio."""
    if pledge.sustained:
        return requirement.rotation_ratio
    tours = math.ceil((pledge.duration_months or 0) / requirement.tour_months)
    return float(min(requirement.rotation_ratio, max(tours, 1)))


def _rotation(pledge: Pledge, requirement: Requirement) -> RotationNeed:
    factor = pool_factor(pledge, requirement)
    return RotationNeed(
        pledge_id=pledge.id,
        contributor=pledge.contributor,
        capability=pledge.capability or "",
        deployed_personnel=pledge.personnel,
        pool_factor=factor,
        pool_personnel=_ceil(scaled(pledge.personnel, factor)),
        is_sustained=pledge.sustained,
    )


def _ceil(amount: Money) -> Count:
    low, central, high = amount.low, amount.central, amount.high
    return Count(
        stated=amount.stated,
        low=math.ceil(low) if low is not None else None,
        central=math.ceil(central) if central is not None else None,
        high=math.ceil(high) if high is not None else None,
    )
