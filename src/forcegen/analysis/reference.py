"""The plain, obviously correct assessment of one scenario: loops over pledges, no arrays.

It is the specification the fast kernel is tested against (on every driver combination of
random instances), and it is fast enough to assess one scenario for the dashboard.

Activation follows the definitions in `fixpoint`: Kleene iteration from the empty set (least)
or from every pledge at or above the level floor (greatest), re-evaluating every condition on
the currently active set until the set stops changing. Pledges below the floor take no part:
they are never active and count in no threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.pledge_conditions import pledge_conditions
from forcegen.analysis.quantity import (
    FORCE_KINDS,
    MetCriterion,
    Quantity,
    capabilities_of,
    is_met,
    quantities_for,
)
from forcegen.conditions import Expr, evaluate
from forcegen.model.pledge import Level, Pledge, PledgeKind
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario


def active_pledges(
    pledges: Sequence[Pledge],
    scenario: Scenario,
    *,
    fixpoint: Fixpoint,
    level_floor: Level = Level.REPORTED,
    conditions: Mapping[str, Expr] | None = None,
) -> tuple[Pledge, ...]:
    """The pledges active under `scenario` at the chosen fixpoint, in their given order.

    Raises:
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    eligible = [p for p in pledges if p.level.at_least(level_floor)]
    exprs = pledge_conditions(eligible, conditions)
    active = set() if fixpoint is Fixpoint.LEAST else {p.id for p in eligible}
    # Pledges of the same condition text share one tree: each round evaluates each tree once.
    trees = {id(expr): expr for expr in exprs.values()}
    while True:
        troops, contributors = aggregates(p for p in eligible if p.id in active)
        truth = {
            key: evaluate(expr, drivers=scenario.drivers, troops=troops, contributors=contributors)
            for key, expr in trees.items()
        }
        holding = {p.id for p in eligible if truth[id(exprs[p.id])]}
        if holding == active:
            return tuple(p for p in eligible if p.id in active)
        active = holding


def aggregates(active: Iterable[Pledge]) -> tuple[dict[str, int], dict[str, int]]:
    """What thresholds test: personnel of troop pledges per participant, and the number of
    distinct participants with a force pledge per capability."""
    troops: dict[str, int] = {}
    members: dict[str, set[str]] = {}
    for pledge in active:
        if pledge.kind is PledgeKind.TROOPS:
            troops[pledge.contributor] = troops.get(pledge.contributor, 0) + pledge.personnel.figure
        if pledge.kind in FORCE_KINDS and pledge.capability:
            members.setdefault(pledge.capability, set()).add(pledge.contributor)
    return troops, {capability: len(who) for capability, who in members.items()}


def totals(active: Iterable[Pledge], quantities: Iterable[Quantity]) -> dict[Quantity, int]:
    """The sum of each quantity over the active pledges."""
    active = tuple(active)
    return {q: sum(q.of(p) for p in active) for q in quantities}


def scenario_of(base: Scenario, drivers: Sequence[str], combination: int) -> Scenario:
    """`base` with the chosen drivers set by the bits of `combination` (bit i = drivers[i])."""
    values = {driver: bool(combination >> i & 1) for i, driver in enumerate(drivers)}
    return base.with_overrides(values)


@dataclass(frozen=True, slots=True)
class ReferenceRow:
    """The reference assessment of one driver combination."""

    combination: int
    totals: dict[Quantity, int]
    is_met: bool
    active_ids: frozenset[str]


def reference_combinations(
    pledges: Sequence[Pledge],
    requirement: Requirement,
    base_scenario: Scenario,
    drivers: Sequence[str],
    combinations: Iterable[int],
    *,
    fixpoint: Fixpoint,
    level_floor: Level = Level.REPORTED,
    criterion: MetCriterion = MetCriterion.ALL_LINES,
    conditions: Mapping[str, Expr] | None = None,
) -> list[ReferenceRow]:
    """Assess each listed combination of `drivers` one by one, as the kernel does all at once."""
    exprs = pledge_conditions(pledges, conditions)
    quantities = quantities_for(requirement, capabilities_of(pledges, requirement))
    rows = []
    for combination in combinations:
        scenario = scenario_of(base_scenario, drivers, combination)
        active = active_pledges(
            pledges, scenario, fixpoint=fixpoint, level_floor=level_floor, conditions=exprs
        )
        sums = totals(active, quantities)
        met = is_met(sums, requirement, criterion)
        rows.append(ReferenceRow(combination, sums, met, frozenset(p.id for p in active)))
    return rows
