"""Totals that name the pledges behind them: the unit every analysis result is built from."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from forcegen.analysis.quantity import FORCE_KINDS
from forcegen.model.pledge import Pledge


class Total(BaseModel):
    """Personnel and platforms of some force pledges, with the ids of those pledges."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    personnel: int = 0
    platforms: int = 0
    pledge_ids: tuple[str, ...] = ()

    @classmethod
    def of(cls, pledges: Iterable[Pledge]) -> Total:
        """The total of the force pledges among `pledges` (troops and enablers)."""
        force = [p for p in pledges if p.kind in FORCE_KINDS]
        return cls(
            personnel=sum(p.personnel.figure for p in force),
            platforms=sum(p.platforms.figure for p in force),
            pledge_ids=tuple(p.id for p in force),
        )

    def minus(self, other: Total) -> Total:
        """What this total has beyond `other` (pledges in this one and not in the other)."""
        gone = set(other.pledge_ids)
        return Total(
            personnel=self.personnel - other.personnel,
            platforms=self.platforms - other.platforms,
            pledge_ids=tuple(i for i in self.pledge_ids if i not in gone),
        )


class CapabilityTotal(BaseModel):
    """The total of one capability."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    capability: str
    total: Total


def by_capability(
    pledges: Iterable[Pledge], capabilities: Iterable[str]
) -> tuple[CapabilityTotal, ...]:
    """One total per capability, in the order given (empty totals included)."""
    pledges = tuple(pledges)
    return tuple(
        CapabilityTotal(capability=c, total=Total.of(p for p in pledges if p.capability == c))
        for c in capabilities
    )
