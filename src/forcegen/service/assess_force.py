"""The force in one scenario: activation at both fixpoints, the total, coverage per line, and
the pledges that stay inactive with the drivers they wait for.

Built on the plain single-scenario assessment (`forcegen.analysis.reference`), which is fast
enough for one scenario and is the specification the fast kernel is tested against; the
quantities are those of `forcegen.analysis.quantity`, so these figures are the kernel's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.quantity import FORCE_KINDS, Measure, Quantity, line_quantities
from forcegen.analysis.reference import active_pledges
from forcegen.conditions import Expr, drivers_of, thresholds_of, to_text
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement, RequirementLine
from forcegen.model.scenario import Scenario
from forcegen.service.assess_result import Activation, BlockedPledge, CoverageLine, ForceTotal


def force_pledges(pledges: Sequence[Pledge], level_floor: Level) -> tuple[Pledge, ...]:
    """Troop and enabler pledges at or above the level floor: the ones that make the force."""
    return tuple(p for p in pledges if p.kind in FORCE_KINDS and p.level.at_least(level_floor))


def personnel_of(pledges: Sequence[Pledge]) -> int:
    return sum(p.personnel for p in pledges if p.kind in FORCE_KINDS)


def ids_of(pledges: Sequence[Pledge]) -> tuple[str, ...]:
    return tuple(p.id for p in pledges)


def activate(
    pledges: Sequence[Pledge],
    scenario: Scenario,
    *,
    level_floor: Level,
    conditions: Mapping[str, Expr],
) -> tuple[tuple[Pledge, ...], tuple[Pledge, ...]]:
    """The active pledges at the least and at the greatest fixpoint (force pledges only).

    Raises:
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    force = force_pledges(pledges, level_floor)
    least, greatest = (
        active_pledges(force, scenario, fixpoint=f, level_floor=level_floor, conditions=conditions)
        for f in (Fixpoint.LEAST, Fixpoint.GREATEST)
    )
    return least, greatest


def activation_of(least: Sequence[Pledge], greatest: Sequence[Pledge]) -> Activation:
    return Activation(
        least_ids=ids_of(least),
        greatest_ids=ids_of(greatest),
        least_personnel=personnel_of(least),
        greatest_personnel=personnel_of(greatest),
    )


def force_total(
    requirement: Requirement, active: Sequence[Pledge], *, pledged: Sequence[Pledge]
) -> ForceTotal:
    """The active personnel against the requirement; `pledged` are all eligible force pledges."""
    return ForceTotal(
        required=requirement.total_personnel,
        personnel=personnel_of(active),
        pledge_ids=ids_of(active),
        pledged_personnel=personnel_of(pledged),
    )


def coverage(requirement: Requirement, active: Sequence[Pledge]) -> tuple[CoverageLine, ...]:
    """Each requirement line: offered in its capability, employable on it, and required."""
    return tuple(_line(line, active) for line in requirement.lines)


def _line(line: RequirementLine, active: Sequence[Pledge]) -> CoverageLine:
    offered_personnel = Quantity(Measure.PERSONNEL, line.capability, line.capability)
    offered_platforms = Quantity(Measure.PLATFORMS, line.capability, line.capability)
    employable_personnel, employable_platforms = line_quantities(line)
    offered = [p for p in active if offered_personnel.of(p) or offered_platforms.of(p)]
    employable = [p for p in active if employable_personnel.of(p) or employable_platforms.of(p)]
    return CoverageLine(
        key=line.key,
        label=line.label,
        capability=line.capability,
        required_personnel=line.personnel,
        required_platforms=line.platforms,
        offered_personnel=sum(offered_personnel.of(p) for p in active),
        offered_platforms=sum(offered_platforms.of(p) for p in active),
        employable_personnel=sum(employable_personnel.of(p) for p in active),
        employable_platforms=sum(employable_platforms.of(p) for p in active),
        excluded_caveats=tuple(sorted(line.excluded_caveats)),
        offered_ids=ids_of(offered),
        employable_ids=ids_of(employable),
    )


def blocked_pledges(
    pledges: Sequence[Pledge],
    active: Sequence[Pledge],
    scenario: Scenario,
    conditions: Mapping[str, Expr],
) -> tuple[BlockedPledge, ...]:
    """Force pledges that stay inactive, each with the false drivers and the thresholds of its
    condition (what it waits for), largest first."""
    active_ids = {p.id for p in active}
    blocked = []
    for pledge in pledges:
        if pledge.id in active_ids:
            continue
        expr = conditions[pledge.id]
        false_drivers = sorted(d for d in drivers_of(expr) if not scenario.value(d))
        thresholds = [to_text(t) for t in thresholds_of(expr)]
        blocked.append(
            BlockedPledge(
                pledge_id=pledge.id,
                contributor=pledge.contributor,
                personnel=pledge.personnel,
                waits_for=tuple(false_drivers + thresholds),
                condition=pledge.condition,
            )
        )
    return tuple(sorted(blocked, key=lambda b: (-b.personnel, b.pledge_id)))
