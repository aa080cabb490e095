"""Sustainment: the deployable force month by month over the requirement's duration.

A sustained pledge of N keeps N deployed every month from its start month on; keeping them
there takes a rotation pool of N x r (one deployed, the others preparing or recovering, for
r = 3). A pledge for m months starting at month s holds only months s..s+m-1 and is not
rotated, so its pool is what it deploys. Months count from 0, the month of deployment.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from forcegen.analysis.quantity import FORCE_KINDS
from forcegen.analysis.total import CapabilityTotal, Total, by_capability
from forcegen.model.pledge import Pledge
from forcegen.model.requirement import Requirement


class MonthForce(BaseModel):
    """The force deployed in one month."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    month: int
    total: Total
    capabilities: tuple[CapabilityTotal, ...]
    shortfall_personnel: int  # against the requirement's total


class RotationNeed(BaseModel):
    """The pool of personnel one pledge needs to keep its contribution deployed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pledge_id: str
    contributor: str
    capability: str
    deployed_personnel: int
    pool_personnel: int
    is_sustained: bool


class Sustainment(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    requirement_key: str
    rotation_ratio: float
    duration_months: int
    months: tuple[MonthForce, ...]
    pool: tuple[RotationNeed, ...]
    pool_personnel: int  # all pledges together
    required_pool_personnel: int  # the requirement's total, rotated
    first_short_month: int | None  # first month below the requirement's total, if any


def sustainment(pledges: Iterable[Pledge], requirement: Requirement) -> Sustainment:
    """Month-by-month force of the given (active) pledges; other kinds than troops and
    enablers are ignored."""
    force = [p for p in pledges if p.kind in FORCE_KINDS]
    capabilities = sorted({p.capability for p in force if p.capability})
    months = []
    for month in range(requirement.duration_months):
        present = [p for p in force if holds_in(p, month)]
        total = Total.of(present)
        months.append(
            MonthForce(
                month=month,
                total=total,
                capabilities=by_capability(present, capabilities),
                shortfall_personnel=max(0, requirement.total_personnel - total.personnel),
            )
        )
    pool = tuple(_rotation(p, requirement.rotation_ratio) for p in force)
    short = [m.month for m in months if m.shortfall_personnel > 0]
    return Sustainment(
        requirement_key=requirement.key,
        rotation_ratio=requirement.rotation_ratio,
        duration_months=requirement.duration_months,
        months=tuple(months),
        pool=pool,
        pool_personnel=sum(need.pool_personnel for need in pool),
        required_pool_personnel=math.ceil(requirement.total_personnel * requirement.rotation_ratio),
        first_short_month=short[0] if short else None,
    )


def holds_in(pledge: Pledge, month: int) -> bool:
    """Whether `pledge` is deployed in `month` (0 = the month of deployment)."""
    start = pledge.start_month.figure
    if month < start:
        return False
    return pledge.sustained or month < start + (pledge.duration_months or 0)


def _rotation(pledge: Pledge, ratio: float) -> RotationNeed:
    deployed = pledge.personnel.figure
    pool = math.ceil(deployed * ratio) if pledge.sustained else deployed
    return RotationNeed(
        pledge_id=pledge.id,
        contributor=pledge.contributor,
        capability=pledge.capability or "",
        deployed_personnel=deployed,
        pool_personnel=pool,
        is_sustained=pledge.sustained,
    )
