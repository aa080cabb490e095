"""Coverage: what the pledges active in one scenario field against a requirement.

For each requirement line, contributions are reported twice: everything *offered* in the
line's capability, and what is *employable* there, leaving out pledges whose caveats the line
excludes (the contact line takes no `no_contact_line` or `training_only` contributions).
Shortfalls and shares are computed on the employable force. Both fixpoints are assessed; the
force present in the greatest and not in the least one is the coordination gap.

Totals, shortfalls and shares are ranges wherever a pledge states a range or a bound: the
shortfall runs from what is missing at the high end of every stated amount to what is missing
at the low end, and a requirement counts as met only when it is met at the low end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict, computed_field

from forcegen.analysis.activation import Activations, activations_of
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.quantity import capabilities_of
from forcegen.analysis.total import (
    NO_PLEDGES,
    Active,
    CapabilityTotal,
    Total,
    by_capability,
    capability_of,
)
from forcegen.conditions import Expr
from forcegen.model.amount import Bound, Count, Money, Stated
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
    shortfall_personnel: Count  # from the high end's shortfall to the low end's
    shortfall_platforms: Count
    share_met: Money  # the smaller of the personnel and platform shares; 1.0 when met

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_met(self) -> bool:
        """Met even at the low end of every stated amount."""
        return _none_short(self.shortfall_personnel) and _none_short(self.shortfall_platforms)


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
    shortfall_personnel: Count
    share_met: Money  # total personnel against the requirement's total, at most 1.0
    capabilities: tuple[CapabilityTotal, ...]
    lines: tuple[LineCoverage, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_met(self) -> bool:
        """Whether the total and every line are met, even at the low end."""
        return _none_short(self.shortfall_personnel) and all(line.is_met for line in self.lines)


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
    activations: Activations | None = None,
) -> CoverageAssessment:
    """Assess `scenario` at both fixpoints, counting only pledges at or above `level_floor`.
    `activations` (of `pledges`, instead of `conditions`) shares the activations worked out.

    Raises:
        ConditionError: a condition does not parse or negates a pledge reference.
        InvalidInputError: two pledges share an id; activations of other pledges.
    """
    shared = activations_of(pledges, conditions, activations)
    least, greatest = (
        coverage_at(
            pledges,
            requirement,
            scenario,
            fixpoint=f,
            level_floor=level_floor,
            activations=shared,
        )
        for f in (Fixpoint.LEAST, Fixpoint.GREATEST)
    )
    gap = CoordinationGap(
        total=greatest.total.minus(least.total, pledges),
        capabilities=tuple(
            CapabilityTotal(capability=high.capability, total=high.total.minus(low.total, pledges))
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
    activations: Activations | None = None,
) -> Coverage:
    """Assess `scenario` at one fixpoint (`activations` as for `measure_coverage`).

    Raises:
        ConditionError: a condition does not parse or negates a pledge reference.
        InvalidInputError: two pledges share an id; activations of other pledges.
    """
    shared = activations_of(pledges, conditions, activations)
    active = shared.active(scenario, fixpoint=fixpoint, level_floor=level_floor)
    total = shared.total(scenario, fixpoint=fixpoint, level_floor=level_floor)
    required = requirement.total_personnel
    return Coverage(
        fixpoint=fixpoint,
        scenario_key=scenario.key,
        requirement_key=requirement.key,
        level_floor=level_floor,
        active_pledge_ids=active.ids,
        total=total,
        required_personnel=required,
        shortfall_personnel=shortfall(required, total.personnel),
        share_met=share(total.personnel, required),
        capabilities=by_capability(active, capabilities_of(pledges, requirement)),
        lines=lines_coverage(requirement.lines, active),
    )


def lines_coverage(lines: Iterable[RequirementLine], active: Active) -> tuple[LineCoverage, ...]:
    """Offered and employable contributions of the `active` pledges to each line (the pledges
    split by capability once, not filtered once a line)."""
    in_capability = active.grouped(capability_of)
    return tuple(_coverage(line, in_capability.get(line.capability, NO_PLEDGES)) for line in lines)


def _coverage(line: RequirementLine, in_capability: Active) -> LineCoverage:
    """The coverage of `line` by `in_capability`, the active pledges in its capability."""
    offered = in_capability.total()
    usable = in_capability.where(lambda p: not p.caveats & line.excluded_caveats)
    employable = offered if usable == in_capability else usable.total()  # most lines exclude none
    personnel_share = share(employable.personnel, line.personnel)
    platform_share = share(employable.platforms, line.platforms)
    return LineCoverage(
        key=line.key,
        label=line.label,
        capability=line.capability,
        required_personnel=line.personnel,
        required_platforms=line.platforms,
        offered=offered,
        employable=employable,
        shortfall_personnel=shortfall(line.personnel, employable.personnel),
        shortfall_platforms=shortfall(line.platforms, employable.platforms),
        share_met=min(personnel_share, platform_share, key=_low_then_high),
    )


def _low_then_high(share: Money) -> tuple[float, float]:
    """Order shares by their low end, then their high end (`share` states both): an exact 0
    is the smallest share, below a range from 0."""
    return (share.low or 0.0, share.high or 0.0)


def shortfall(required: int, have: Count) -> Count:
    """What is missing to `required`: at the high end of `have`, then at its low end."""
    most = max(0, required - (have.counted(Bound.LOW) or 0))
    least = max(0, required - have.high) if have.high is not None else 0
    if least == most:
        return Count.exact(most)
    return Count(stated=Stated.RANGE, low=least, high=most)


def share(have: Count, need: int) -> Money:
    """`have` as a share of `need`, at most 1.0 (1.0 when nothing is needed)."""
    if need <= 0:
        return Money.exact(1.0)
    low = min(1.0, (have.counted(Bound.LOW) or 0) / need)
    high = min(1.0, have.high / need) if have.high is not None else 1.0
    return Money.exact(low) if low == high else Money(stated=Stated.RANGE, low=low, high=high)


def _none_short(missing: Count) -> bool:
    """No shortfall even at the low end of the force (the high end of the shortfall)."""
    return (missing.high or 0) == 0
