"""An imputed estimate for troop pledges that state no number: clearly labelled, never mixed
into the plain figures (docs/imputation.md).

Method: the share of its active forces a contributor pledges. Every contributor with troop
pledges that state a number, and with reference figures, gives one share (its pledged
personnel over its active soldiers, at the low and at the high end); a contributor whose
troop pledge states no number is estimated at its own active forces times the lower
quartile, the median and the upper quartile of those shares (the smallest and largest share
when fewer than four contributors give one). Each input names its contributor, the figure
used, its year and its source, so the estimate can be traced to the packaged country figures.

Platforms whose crew is unknown are not estimated: an army's size says nothing about a ship.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from forcegen.model.amount import Bound, Count, Stated
from forcegen.model.participant import Participant
from forcegen.model.pledge import Pledge, PledgeKind

METHOD = (
    "share of active forces of comparable contributors (their pledged troops over their "
    "active soldiers: lower quartile, median, upper quartile), times the contributor's own "
    "active soldiers"
)
_QUARTILES_FROM = 4
ROUNDING = 100


@dataclass(frozen=True, slots=True)
class ShareInput:
    """One contributor's figures used by the estimate: a share it gives, or its army."""

    contributor: str
    active_military_k: float
    year: int
    source: str
    share_low: float | None = None  # pledged over active soldiers, for comparable contributors
    share_high: float | None = None


@dataclass(frozen=True, slots=True)
class ImputedEstimate:
    """The estimate for `pledge_ids` (unquantified troop pledges), and what it rests on."""

    pledge_ids: tuple[str, ...]
    personnel: Count | None  # None when there is nothing to base it on
    method: str
    comparables: tuple[ShareInput, ...]
    estimated: tuple[ShareInput, ...]  # the armies of the contributors estimated
    not_estimated: tuple[str, ...]  # pledge ids left out (no figures, or crews of platforms)

    @property
    def sentence(self) -> str:
        if self.personnel is None and not self.pledge_ids:
            return (
                "No imputed estimate: an army's size says nothing about a platform's crew, and "
                "governments without reference figures are not estimated."
            )
        if self.personnel is None:
            return "No imputed estimate: no comparable contributor states a number."
        who = ", ".join(i.contributor for i in self.estimated)
        return (
            f"Imputed estimate for the troop pledges without a number ({who}), not included "
            f"in the figures above: about {self.personnel.text} personnel (from the share of "
            "their armies that comparable contributors pledge; docs/imputation.md)."
        )

    @property
    def short(self) -> str:
        """The estimate in a few words, for a note beside the figures."""
        if self.personnel is None:
            return ""
        return f"Imputed estimate (not included): about {self.personnel.text} personnel."


def impute(
    unquantified: Sequence[Pledge],
    quantified: Sequence[Pledge],
    participants: Mapping[str, Participant],
) -> ImputedEstimate:
    """The labelled estimate for the `unquantified` troop pledges (see the module doc)."""
    comparables = _shares(quantified, participants)
    troops = [p for p in unquantified if p.kind is PledgeKind.TROOPS]
    armies = {
        c: i for c in sorted({p.contributor for p in troops}) if (i := _army(c, participants))
    }
    left_out = [p.id for p in unquantified if p not in troops or p.contributor not in armies]
    estimated = tuple(p.id for p in troops if p.contributor in armies)
    lows = [c.share_low for c in comparables if c.share_low is not None]
    highs = [c.share_high for c in comparables if c.share_high is not None]
    if not lows or not armies:
        return ImputedEstimate(estimated, None, METHOD, comparables, (), tuple(left_out))
    soldiers = sum(i.active_military_k for i in armies.values()) * 1000
    low, mid, high = _spread(lows)[0], statistics.median(lows + highs), _spread(highs)[1]
    # Rounded to hundreds (the low end down, the high end up): an estimate, not a count.
    personnel = Count(
        stated=Stated.RANGE,
        low=math.floor(soldiers * min(low, mid) / ROUNDING) * ROUNDING,
        central=round(soldiers * mid / ROUNDING) * ROUNDING,
        high=math.ceil(soldiers * max(high, mid) / ROUNDING) * ROUNDING,
    )
    return ImputedEstimate(
        estimated, personnel, METHOD, comparables, tuple(armies.values()), tuple(left_out)
    )


def _shares(
    pledges: Sequence[Pledge], participants: Mapping[str, Participant]
) -> tuple[ShareInput, ...]:
    totals: dict[str, tuple[int, int]] = {}
    for p in pledges:
        if p.kind is PledgeKind.TROOPS and p.personnel.is_quantified:
            low, high = totals.get(p.contributor, (0, 0))
            top = p.personnel.counted(Bound.HIGH) or 0
            totals[p.contributor] = (low + (p.personnel.counted(Bound.LOW) or 0), high + top)
    found = []
    for code, (low, high) in sorted(totals.items()):
        army = _army(code, participants)
        if army is not None and high > 0:
            soldiers = army.active_military_k * 1000
            found.append(
                ShareInput(
                    code,
                    army.active_military_k,
                    army.year,
                    army.source,
                    share_low=low / soldiers,
                    share_high=high / soldiers,
                )
            )
    return tuple(found)


def _army(code: str, participants: Mapping[str, Participant]) -> ShareInput | None:
    participant = participants.get(code)
    figures = participant.figures if participant is not None else None
    if figures is None or not figures.active_military_k:
        return None
    source = figures.sources.get("active_military_k", "")
    return ShareInput(code, figures.active_military_k, figures.year, source)


def _spread(shares: list[float]) -> tuple[float, float]:
    """The lower and upper quartile, or the extremes of fewer than four shares."""
    if len(shares) < _QUARTILES_FROM:
        return min(shares), max(shares)
    quartiles = statistics.quantiles(shares, n=4)
    return quartiles[0], quartiles[2]
