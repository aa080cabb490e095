"""The assessment as one value: what a pledge set adds up to under a scenario and a requirement.

It bundles the results of the pure analysis (`forcegen.analysis`: coverage at both fixpoints,
sustainment, burden sharing, what it takes) with what the service adds around them: the
named scenarios against every requirement profile, the pledges held back by their
conditions, the minimal packages with their force, the answers that are not force, and the
plain-language summary. Every figure names the pledges behind it (`pledge_ids`), and
`Assessment.sources` resolves each pledge's `source_ids` to a response version or a citation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from forcegen.analysis import (
    BurdenSharing,
    Coverage,
    CoverageAssessment,
    Fixpoint,
    Sustainment,
    Total,
    WhatItTakes,
)
from forcegen.analysis.coverage import shortfall
from forcegen.analysis.imputation import ImputedEstimate
from forcegen.answers.sanctions import MeasureSupport
from forcegen.answers.summary import (
    EnablerDemand,
    LadderSummary,
    Nomination,
    SupportSummary,
)
from forcegen.model.amount import Count
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario
from forcegen.model.source import Source


class Origin(StrEnum):
    """Where the pledges of a set come from."""

    ROUND = "round"
    PUBLIC = "public"


@dataclass(frozen=True, slots=True)
class ResponseRef:
    """Which participant's response, and which version of it, a source id stands for."""

    participant: str
    number: int


@dataclass(frozen=True, slots=True)
class Package:
    """A minimal set of drivers (e.g. US enablers) that meets the requirement, and the force
    it brings."""

    drivers: tuple[str, ...]
    total: Total


@dataclass(frozen=True, slots=True)
class BlockedPledge:
    """A force pledge that stays inactive, and what its condition waits for: the drivers that
    are false in the scenario and the thresholds on other pledges."""

    pledge_id: str
    contributor: str
    personnel: Count
    waits_for: tuple[str, ...]
    condition: str


@dataclass(frozen=True, slots=True)
class RequirementCheck:
    """One requirement profile's total against a scenario's force."""

    key: str
    required: int
    personnel: Count

    @property
    def gap(self) -> Count:
        """What is missing: from the high end of the force's shortfall to the low end's."""
        return shortfall(self.required, self.personnel)

    @property
    def is_met(self) -> bool:
        """Met even at the low end of every stated amount."""
        return (self.gap.high or 0) == 0


@dataclass(frozen=True, slots=True)
class ScenarioForce:
    """A scenario's force (at the chosen fixpoint, and at both) against every profile."""

    key: str
    name: str
    total: Total
    least_personnel: Count
    greatest_personnel: Count
    checks: tuple[RequirementCheck, ...]


@dataclass(frozen=True, slots=True)
class AnswerSummaries:
    """Questions 1, 2, 4, 5 and 6 of a round, aggregated with their sources."""

    enabler_demand: tuple[EnablerDemand, ...]
    nominations: tuple[Nomination, ...]
    ladder: LadderSummary
    support: SupportSummary
    sanctions: tuple[MeasureSupport, ...]
    # question key -> respondents that left it unanswered ("not answered" is not "none")
    not_answered: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything one assessment says, with the pledges and sources behind each figure.

    `coverage` holds both fixpoints; `chosen` is the one the assessment reports (the others
    parts use it too). `pledged` is every force pledge at or above the level floor, whatever
    its condition: the ceiling of what the pledges can bring. `driver_pledges` names, per
    driver, the pledges whose condition mentions it. Figures are ranges where pledges state
    ranges or bounds; `what_it_takes` combines the drivers at the high end of every stated
    amount, `what_it_takes_low` at the low end. `active_pledge_ids` are every pledge active in
    the scenario, force or not (an unconditional funding pledge is active).
    """

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
    pledged: Total
    coverage: CoverageAssessment
    sustainment: Sustainment
    what_it_takes: WhatItTakes
    what_it_takes_low: WhatItTakes
    packages: tuple[Package, ...]
    driver_pledges: Mapping[str, tuple[str, ...]]
    scenarios: tuple[ScenarioForce, ...]
    burden: BurdenSharing
    blocked: tuple[BlockedPledge, ...]
    answers: AnswerSummaries | None
    summary: tuple[str, ...]
    sources: Mapping[str, Source]
    active_pledge_ids: tuple[str, ...] = ()
    named_scenarios: Mapping[str, Scenario] = field(default_factory=dict)
    imputed: ImputedEstimate | None = None  # for the active pledges without a number
    not_answered: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    response_refs: Mapping[str, ResponseRef] = field(default_factory=dict)

    @property
    def chosen(self) -> Coverage:
        """The coverage at the chosen fixpoint."""
        return self.coverage.greatest if self.fixpoint is Fixpoint.GREATEST else self.coverage.least

    @property
    def gap(self) -> Count:
        """Personnel missing to the requirement's total at the chosen fixpoint."""
        return self.chosen.shortfall_personnel

    @property
    def active_ids(self) -> tuple[str, ...]:
        """Every pledge active in the scenario at the chosen fixpoint, force or not."""
        return self.active_pledge_ids or self.chosen.active_pledge_ids

    @property
    def unquantified(self) -> tuple[tuple[str, str], ...]:
        """(contributor, pledge id) of the active force pledges without a number."""
        by_id: dict[str, Pledge] = {p.id: p for p in self.pledges}
        missing = (*self.chosen.total.unquantified, *self.chosen.total.unquantified_platforms)
        return tuple((by_id[i].contributor, i) for i in sorted(set(missing)) if i in by_id)
