"""Totals that name the pledges behind them: the unit every analysis result is built from.

A total is a sum of amounts as they were stated, so it is a range wherever a pledge is
("6,350–13,850"), exact only where every pledge is; pledges without a number are never
counted as zero but listed as `unquantified`.

Which pledges are active may itself depend on the amounts (a condition such as
`troops(GBR) >= 5000` holds at the high end of "up to 7,500" and not at the low end), so
`Active` holds the pledges active at each end: its total counts the low end over the pledges
active at the low end, the high end over those active at the high end.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from forcegen.analysis.quantity import FORCE_KINDS
from forcegen.model.amount import Bound, Count, Stated, total
from forcegen.model.pledge import Pledge

ZERO = Count.exact(0)
K = TypeVar("K", bound=Hashable)


class Total(BaseModel):
    """Personnel and platforms of some force pledges, with the ids of those pledges.

    `pledge_ids` are the pledges counted (at the high end, which holds those of the low end);
    `unquantified` those among them whose personnel is unknown, `unquantified_platforms`
    those whose platforms are.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    personnel: Count = ZERO
    platforms: Count = ZERO
    pledge_ids: tuple[str, ...] = ()
    unquantified: tuple[str, ...] = ()
    unquantified_platforms: tuple[str, ...] = ()

    @classmethod
    def of(cls, pledges: Iterable[Pledge]) -> Total:
        """The total of the force pledges among `pledges` (troops and enablers)."""
        # One pass over the pledges: totals are taken hundreds of times an assessment.
        ids: list[str] = []
        personnel: list[Count] = []
        platforms: list[Count] = []
        unquantified: list[str] = []
        unquantified_platforms: list[str] = []
        for pledge in pledges:
            if pledge.kind not in FORCE_KINDS:
                continue
            ids.append(pledge.id)
            personnel.append(pledge.personnel)
            platforms.append(pledge.platforms)
            if pledge.personnel.stated is Stated.UNKNOWN:
                unquantified.append(pledge.id)
            if pledge.platforms.stated is Stated.UNKNOWN:
                unquantified_platforms.append(pledge.id)
        return cls(
            personnel=total(personnel, 0),
            platforms=total(platforms, 0),
            pledge_ids=tuple(ids),
            unquantified=tuple(unquantified),
            unquantified_platforms=tuple(unquantified_platforms),
        )

    @property
    def contributors_unquantified(self) -> int:
        """How many pledges add force of unknown size (personnel or platforms)."""
        return len(set(self.unquantified) | set(self.unquantified_platforms))

    def minus(self, other: Total, pledges: Iterable[Pledge]) -> Total:
        """The total of the `pledges` counted here and not in `other`."""
        gone = set(other.pledge_ids)
        mine = set(self.pledge_ids) - gone
        return Total.of(p for p in pledges if p.id in mine)


@dataclass(frozen=True, slots=True)
class Active:
    """The pledges active at the low end and at the high end of every stated amount.

    Conditions only grow easier to meet as amounts grow, so `high` holds every pledge of
    `low`; both hold the pledges as stated (not fixed at a bound).
    """

    low: tuple[Pledge, ...]
    high: tuple[Pledge, ...]

    @classmethod
    def same(cls, pledges: Iterable[Pledge]) -> Active:
        """The same pledges at both ends."""
        both = tuple(pledges)
        return cls(both, both)

    def where(self, keep: Callable[[Pledge], bool]) -> Active:
        return Active(tuple(filter(keep, self.low)), tuple(filter(keep, self.high)))

    def grouped(self, key: Callable[[Pledge], K]) -> dict[K, Active]:
        """The pledges of each `key`, in their order (each group is what `where` would keep):
        one pass, not one filter per group."""
        low: dict[K, list[Pledge]] = {}
        high: dict[K, list[Pledge]] = {}
        for pledge in self.low:
            low.setdefault(key(pledge), []).append(pledge)
        for pledge in self.high:
            high.setdefault(key(pledge), []).append(pledge)
        return {
            group: Active(tuple(low.get(group, ())), tuple(high.get(group, ())))
            for group in high | low
        }

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.high)

    def total(self) -> Total:
        """The total: the low end over `low`, the high end over `high`."""
        at_high = Total.of(self.high)
        if self.low is self.high or {p.id for p in self.low} == {p.id for p in self.high}:
            return at_high
        at_low = Total.of(self.low)
        return at_high.model_copy(
            update={
                "personnel": _between(at_low.personnel, at_high.personnel),
                "platforms": _between(at_low.platforms, at_high.platforms),
            }
        )


def _between(low: Count, high: Count) -> Count:
    """From the low end of one total to the high end of another (no central value)."""
    bottom = low.counted(Bound.LOW) or 0
    if high.high is None:
        return Count(stated=Stated.AT_LEAST, low=bottom)
    return Count(stated=Stated.RANGE, low=bottom, high=high.high)


class CapabilityTotal(BaseModel):
    """The total of one capability."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    capability: str
    total: Total


NO_PLEDGES = Active((), ())


def by_capability(active: Active, capabilities: Iterable[str]) -> tuple[CapabilityTotal, ...]:
    """One total per capability, in the order given (empty totals included)."""
    in_capability = active.grouped(capability_of)
    return tuple(
        CapabilityTotal(capability=c, total=in_capability.get(c, NO_PLEDGES).total())
        for c in capabilities
    )


def capability_of(pledge: Pledge) -> str | None:
    return pledge.capability
