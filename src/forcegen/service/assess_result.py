"""The assessment as one value: what a pledge set adds up to under a scenario and a requirement.

Every figure names the pledges behind it (`pledge_ids`), and `Assessment.sources` resolves
each pledge's `source_ids` to a response version or a citation, so the CLI, the exports and
the dashboard can all show where a number comes from. The parts follow DESIGN "What the
assessment computes": activation, coverage, sustainment, what it takes, burden sharing,
the named scenarios, and the answers that are not force.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from forcegen.analysis.answer_summary import (
    EnablerDemand,
    LadderSummary,
    MeasureSupport,
    Nomination,
    SupportSummary,
)
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario
from forcegen.model.source import Source
from forcegen.service.assess_pledge_set import Origin, ResponseRef


@dataclass(frozen=True, slots=True)
class Activation:
    """Which force pledges activate if nobody moves first (least) or all move together
    (greatest); the coordination gap is the force only joint commitment brings."""

    least_ids: tuple[str, ...]
    greatest_ids: tuple[str, ...]
    least_personnel: int
    greatest_personnel: int

    @property
    def gap_ids(self) -> tuple[str, ...]:
        least = set(self.least_ids)
        return tuple(pledge_id for pledge_id in self.greatest_ids if pledge_id not in least)

    @property
    def gap_personnel(self) -> int:
        return self.greatest_personnel - self.least_personnel


@dataclass(frozen=True, slots=True)
class CoverageLine:
    """One requirement line: what is offered in its capability, and what can be employed on it
    (contributions with an excluded caveat are offered but not employable)."""

    key: str
    label: str
    capability: str
    required_personnel: int
    required_platforms: int
    offered_personnel: int
    offered_platforms: int
    employable_personnel: int
    employable_platforms: int
    excluded_caveats: tuple[str, ...]
    offered_ids: tuple[str, ...]
    employable_ids: tuple[str, ...]

    @property
    def shortfall_personnel(self) -> int:
        return max(self.required_personnel - self.employable_personnel, 0)

    @property
    def shortfall_platforms(self) -> int:
        return max(self.required_platforms - self.employable_platforms, 0)

    @property
    def share_met(self) -> float:
        """The smaller of the personnel and platform shares met, capped at 1 (1 if none needed)."""
        shares = [
            min(have / need, 1.0)
            for have, need in (
                (self.employable_personnel, self.required_personnel),
                (self.employable_platforms, self.required_platforms),
            )
            if need > 0
        ]
        return min(shares, default=1.0)


@dataclass(frozen=True, slots=True)
class ForceTotal:
    """The active force personnel against the requirement's total."""

    required: int
    personnel: int
    pledge_ids: tuple[str, ...]
    pledged_personnel: int  # every force pledge at or above the floor, whatever its condition

    @property
    def gap(self) -> int:
        return max(self.required - self.personnel, 0)

    @property
    def share_met(self) -> float:
        return min(self.personnel / self.required, 1.0) if self.required else 1.0


@dataclass(frozen=True, slots=True)
class SustainmentMonth:
    """Personnel deployed in one month of the mission (month 0 = deployment)."""

    month: int
    personnel: int
    pledge_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sustainment:
    """The deployed force month by month; `pool_needed` = deployed × rotation ratio."""

    rotation_ratio: float
    required: int
    months: tuple[SustainmentMonth, ...]

    @property
    def pool_needed(self) -> int:
        peak = max((m.personnel for m in self.months), default=0)
        return round(peak * self.rotation_ratio)


@dataclass(frozen=True, slots=True)
class Package:
    """A minimal set of drivers (e.g. US enablers) under which the requirement is met."""

    drivers: tuple[str, ...]
    personnel: int


@dataclass(frozen=True, slots=True)
class Leverage:
    """The personnel a driver unlocks, averaged over every setting of the other drivers."""

    driver: str
    personnel: float
    pledge_ids: tuple[str, ...]  # pledges whose condition names the driver


@dataclass(frozen=True, slots=True)
class BlockedPledge:
    """A force pledge that stays inactive, and the drivers of its condition that are false."""

    pledge_id: str
    contributor: str
    personnel: int
    waits_for: tuple[str, ...]
    condition: str


@dataclass(frozen=True, slots=True)
class WhatItTakes:
    """Over every combination of `drivers` (others as in the scenario): the minimal packages,
    each driver's leverage, and the force with none and with all of them."""

    drivers: tuple[str, ...]
    packages: tuple[Package, ...]
    leverage: tuple[Leverage, ...]
    none_personnel: int
    all_personnel: int
    pivotal: tuple[str, ...]  # contributors without whom no package suffices

    @property
    def is_any_sufficient(self) -> bool:
        return bool(self.packages)


@dataclass(frozen=True, slots=True)
class RequirementCheck:
    """One requirement profile's total against a scenario's force."""

    key: str
    required: int
    personnel: int

    @property
    def gap(self) -> int:
        return max(self.required - self.personnel, 0)

    @property
    def is_met(self) -> bool:
        return self.personnel >= self.required


@dataclass(frozen=True, slots=True)
class ScenarioForce:
    """A named scenario's force (at the chosen fixpoint) against every requirement's total."""

    key: str
    name: str
    personnel: int
    least_personnel: int
    greatest_personnel: int
    pledge_ids: tuple[str, ...]
    checks: tuple[RequirementCheck, ...]


@dataclass(frozen=True, slots=True)
class BurdenRow:
    """One contributor's active force against its reference figures.

    `fair_share` is the requirement's total split among the contributors in proportion to
    GDP; the ratios are None where the figure is missing.
    """

    contributor: str
    name: str
    personnel: int
    platforms: int
    value_eur: float
    per_gdp_usd_bn: float | None  # personnel per US$ bn of GDP
    per_million_people: float | None
    per_thousand_active: float | None  # personnel per 1,000 active soldiers
    fair_share: int | None
    figures_year: int | None
    figures_source: str
    pledge_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AnswerSummaries:
    """Questions 1, 2, 4, 5 and 6 of a round, aggregated with their sources."""

    enabler_demand: tuple[EnablerDemand, ...]
    nominations: tuple[Nomination, ...]
    ladder: LadderSummary
    support: SupportSummary
    sanctions: tuple[MeasureSupport, ...]


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything one assessment says, with the pledges and sources behind each figure."""

    title: str
    origin: Origin
    round_id: str | None
    is_illustrative: bool
    requirement: Requirement
    scenario: Scenario  # with the overrides applied
    overrides: Mapping[str, bool]
    level_floor: Level
    fixpoint: Fixpoint
    pledges: tuple[Pledge, ...]
    activation: Activation
    total: ForceTotal
    coverage: tuple[CoverageLine, ...]
    sustainment: Sustainment
    what_it_takes: WhatItTakes
    scenarios: tuple[ScenarioForce, ...]
    burden: tuple[BurdenRow, ...]
    blocked: tuple[BlockedPledge, ...]
    answers: AnswerSummaries | None
    summary: tuple[str, ...]
    sources: Mapping[str, Source]
    not_answered: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    response_refs: Mapping[str, ResponseRef] = field(default_factory=dict)

    @property
    def active_ids(self) -> tuple[str, ...]:
        return self.total.pledge_ids

    @property
    def pledges_by_id(self) -> dict[str, Pledge]:
        return {pledge.id: pledge for pledge in self.pledges}
