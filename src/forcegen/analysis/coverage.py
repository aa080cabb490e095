"""Coverage: what the pledges active in one scenario field against a requirement.

For each requirement line, contributions are reported twice: everything *offered* in the
line's capability, and what is *employable* there, leaving out pledges whose caveats the line
excludes (the contact line takes no `no_contact_line` or `training_only` contributions).
Shortfalls and shares are computed on the employable force. Both fixpoints are assessed; the
force present in the greatest and not in the least one is the coordination gap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict, computed_field

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.pledge_conditions import pledge_conditions
from forcegen.analysis.quantity import capabilities_of
from forcegen.analysis.reference import active_pledges
from forcegen.analysis.total import CapabilityTotal, Total, by_capability
from forcegen.conditions import Expr
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement, RequirementLine
from forcegen.model.scenario import Scenario


class LineCoverage(BaseModel):
    """One requirement line: offered and employable contributions, and what is missing."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: str
    capability: str
    required_personnel: int
    required_platforms: int
    offered: Total
    employable: Total
    shortfall_personnel: int
    shortfall_platforms: int
    share_met: float  # the smaller of the personnel and platform shares; 1.0 when met

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_met(self) -> bool:
        return self.shortfall_personnel == 0 and self.shortfall_platforms == 0


class Coverage(BaseModel):
    """The force one scenario yields at one fixpoint, against one requirement."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fixpoint: Fixpoint
    scenario_key: str
    requirement_key: str
    level_floor: Level
    active_pledge_ids: tuple[str, ...]  # every active pledge, force or not
    total: Total  # all force pledges
    required_personnel: int
    shortfall_personnel: int
    share_met: float  # total personnel against the requirement's total, at most 1.0
    capabilities: tuple[CapabilityTotal, ...]
    lines: tuple[LineCoverage, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_met(self) -> bool:
        """Whether the total and every line are met."""
        return self.shortfall_personnel == 0 and all(line.is_met for line in self.lines)


class CoordinationGap(BaseModel):
    """Force that exists only if governments commit together: greatest minus least."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    total: Total
    capabilities: tuple[CapabilityTotal, ...]


class CoverageAssessment(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    least: Coverage
    greatest: Coverage
    gap: CoordinationGap


def measure_coverage(
    pledges: Sequence[Pledge],
    requirement: Requirement,
    scenario: Scenario,
    *,
    level_floor: Level = Level.REPORTED,
    conditions: Mapping[str, Expr] | None = None,
) -> CoverageAssessment:
    """Assess `scenario` at both fixpoints, counting only pledges at or above `level_floor`.

    Raises:
        ConditionError: a condition does not parse or negates a pledge reference.
        InvalidInputError: two pledges share an id.
    """
    exprs = pledge_conditions(pledges, conditions)
    least, greatest = (
        coverage_at(
            pledges, requirement, scenario, fixpoint=f, level_floor=level_floor, conditions=exprs
        )
        for f in (Fixpoint.LEAST, Fixpoint.GREATEST)
    )
    gap = CoordinationGap(
        total=greatest.total.minus(least.total),
        capabilities=tuple(
            CapabilityTotal(capability=high.capability, total=high.total.minus(low.total))
            for high, low in zip(greatest.capabilities, least.capabilities, strict=True)
        ),
    )
    return CoverageAssessment(least=least, greatest=greatest, gap=gap)


def coverage_at(
    pledges: Sequence[Pledge],
    requirement: Requirement,
    scenario: Scenario,
    *,
    fixpoint: Fixpoint,
    level_floor: Level = Level.REPORTED,
    conditions: Mapping[str, Expr] | None = None,
) -> Coverage:
    """Assess `scenario` at one fixpoint.

    Raises:
        ConditionError: a condition does not parse or negates a pledge reference.
        InvalidInputError: two pledges share an id.
    """
    active = active_pledges(
        pledges, scenario, fixpoint=fixpoint, level_floor=level_floor, conditions=conditions
    )
    total = Total.of(active)
    required = requirement.total_personnel
    return Coverage(
        fixpoint=fixpoint,
        scenario_key=scenario.key,
        requirement_key=requirement.key,
        level_floor=level_floor,
        active_pledge_ids=tuple(p.id for p in active),
        total=total,
        required_personnel=required,
        shortfall_personnel=max(0, required - total.personnel),
        share_met=_share(total.personnel, required),
        capabilities=by_capability(active, capabilities_of(pledges, requirement)),
        lines=tuple(line_coverage(line, active) for line in requirement.lines),
    )


def line_coverage(line: RequirementLine, active: Sequence[Pledge]) -> LineCoverage:
    """Offered and employable contributions of the `active` pledges to one line."""
    offered = Total.of(p for p in active if p.capability == line.capability)
    employable = Total.of(
        p
        for p in active
        if p.capability == line.capability and not p.caveats & line.excluded_caveats
    )
    return LineCoverage(
        key=line.key,
        label=line.label,
        capability=line.capability,
        required_personnel=line.personnel,
        required_platforms=line.platforms,
        offered=offered,
        employable=employable,
        shortfall_personnel=max(0, line.personnel - employable.personnel),
        shortfall_platforms=max(0, line.platforms - employable.platforms),
        share_met=min(
            _share(employable.personnel, line.personnel),
            _share(employable.platforms, line.platforms),
        ),
    )


def _share(have: int, need: int) -> float:
    return 1.0 if need <= 0 else min(1.0, have / need)
