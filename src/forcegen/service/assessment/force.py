"""What the service adds around the analysis for one pledge set: the named scenarios against
every requirement profile, the force of each minimal package, the pledges held back and what
they wait for, and which pledges each driver concerns.

All figures come from the plain single-scenario assessment (`forcegen.analysis`), so they
carry the ids of the pledges behind them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from forcegen.analysis import (
    FORCE_KINDS,
    Activations,
    Fixpoint,
    WhatItTakes,
    active_range,
    scenario_of,
)
from forcegen.analysis.assessment import (
    BlockedPledge,
    Package,
    RequirementCheck,
    ScenarioForce,
)
from forcegen.conditions import Expr, drivers_of, thresholds_of, to_text
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario


def force_pledges(pledges: Iterable[Pledge], level_floor: Level) -> tuple[Pledge, ...]:
    """Troop and enabler pledges at or above the level floor: the ones that make the force."""
    return tuple(p for p in pledges if p.kind in FORCE_KINDS and p.level.at_least(level_floor))


def active_ids(
    pledges: Sequence[Pledge],
    floor: Level,
    scenario: Scenario,
    fixpoint: Fixpoint,
    force: Activations,
) -> tuple[str, ...]:
    """Every pledge active at the high end, force or not: an unconditional funding pledge is.
    `force` holds the activations of `force_pledges(pledges, floor)`."""
    eligible = [p for p in pledges if p.level.at_least(floor)]
    if all(p.kind in FORCE_KINDS for p in eligible):
        # then they are the force pledges, in order, whose activation is known already
        return force.active(scenario, fixpoint=fixpoint).ids
    return active_range(eligible, scenario, fixpoint=fixpoint).ids


def scenario_force(
    key: str,
    name: str,
    scenario: Scenario,
    force: Activations,
    *,
    fixpoint: Fixpoint,
    requirements: Iterable[Requirement],
) -> ScenarioForce:
    """The force of one scenario at both fixpoints, checked against every profile's total."""
    least, greatest = (
        force.total(scenario, fixpoint=f) for f in (Fixpoint.LEAST, Fixpoint.GREATEST)
    )
    chosen = greatest if fixpoint is Fixpoint.GREATEST else least
    return ScenarioForce(
        key=key,
        name=name,
        total=chosen,
        least_personnel=least.personnel,
        greatest_personnel=greatest.personnel,
        checks=tuple(
            RequirementCheck(r.key, r.total_personnel, chosen.personnel) for r in requirements
        ),
    )


def packages_of(found: WhatItTakes, force: Activations, scenario: Scenario) -> tuple[Package, ...]:
    """Each minimal set of drivers with the force (and pledges) it brings."""
    return tuple(
        Package(
            drivers=names,
            total=force.total(
                scenario_of(scenario, found.drivers, _combination(found.drivers, names)),
                fixpoint=found.fixpoint,
            ),
        )
        for names in found.minimal_sets
    )


def _combination(drivers: Sequence[str], switched_on: Iterable[str]) -> int:
    on = set(switched_on)
    return sum(1 << i for i, driver in enumerate(drivers) if driver in on)


def driver_pledges(
    force: Sequence[Pledge], drivers: Iterable[str], conditions: Mapping[str, Expr]
) -> dict[str, tuple[str, ...]]:
    """Per driver, the force pledges whose condition names it."""
    named = [(p.id, drivers_of(conditions[p.id])) for p in force]  # once, not once a driver
    return {driver: tuple(i for i, names in named if driver in names) for driver in drivers}


def blocked_pledges(
    force: Sequence[Pledge],
    active_ids: Iterable[str],
    scenario: Scenario,
    conditions: Mapping[str, Expr],
) -> tuple[BlockedPledge, ...]:
    """Force pledges that stay inactive, each with the false drivers and the thresholds of
    its condition, largest first."""
    active = set(active_ids)
    blocked = []
    for pledge in force:
        if pledge.id in active:
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
    return tuple(sorted(blocked, key=lambda b: (-(b.personnel.high or 0), b.pledge_id)))
