"""The plain, obviously correct probability of meeting a requirement: enumerate everything.

Every combination of the uncertain drivers, every subset of honoured pledges and every whole
number within each stated range, each weighted by its probability, assessed one by one with
the reference activation (`reference.active_pledges`). Exponential in everything, so only
for small cases: it is what the exact kernel and the Monte Carlo sampler are tested against.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.odds import DriverOdds
from forcegen.analysis.pledge_conditions import pledge_conditions
from forcegen.analysis.quantity import FORCE_KINDS, MetCriterion, is_met, quantities_for
from forcegen.analysis.reference import active_pledges, totals
from forcegen.conditions import Expr
from forcegen.model.amount import Bound, Count
from forcegen.model.odds import HonouringLadder
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario


def reference_met(
    pledges: Sequence[Pledge],
    requirement: Requirement,
    scenario: Scenario,
    odds: DriverOdds,
    *,
    ladder: HonouringLadder | None = None,
    level_floor: Level = Level.REPORTED,
    criterion: MetCriterion = MetCriterion.ALL_LINES,
    conditions: Mapping[str, Expr] | None = None,
) -> dict[Fixpoint, float]:
    """P(requirement met) at each fixpoint, by enumeration."""
    exprs = pledge_conditions(pledges, conditions)
    force = [p for p in pledges if p.kind in FORCE_KINDS and p.level.at_least(level_floor)]
    quantities = quantities_for(requirement, {p.capability or "" for p in force})
    met = dict.fromkeys(Fixpoint, 0.0)
    for values, driver_weight in _driver_outcomes(odds):
        world = odds.fixing(scenario).with_overrides(values)
        for honoured, honour_weight in _honoured_sets(force, ladder):
            for drawn, amount_weight in _amounts(honoured):
                weight = driver_weight * honour_weight * amount_weight
                for fixpoint in Fixpoint:
                    active = active_pledges(drawn, world, fixpoint=fixpoint, conditions=exprs)
                    if is_met(totals(active, quantities), requirement, criterion):
                        met[fixpoint] += weight
    return met


def _driver_outcomes(odds: DriverOdds) -> Iterator[tuple[dict[str, bool], float]]:
    alone = [(d, p) for d, p in odds.independent.items() if 0.0 < p < 1.0]
    groups = [
        [(dict(o.drivers), o.probability) for o in g.outcomes if o.probability > 0]
        for g in odds.joint
    ]
    for bits in itertools.product((False, True), repeat=len(alone)):
        weight = 1.0
        values: dict[str, bool] = {}
        for (driver, probability), bit in zip(alone, bits, strict=True):
            values[driver] = bit
            weight *= probability if bit else 1.0 - probability
        for chosen in itertools.product(*groups):
            joint_weight = weight
            joint_values = dict(values)
            for outcome, probability in chosen:
                joint_values.update(outcome)
                joint_weight *= probability
            yield joint_values, joint_weight


def _honoured_sets(
    pledges: Sequence[Pledge], ladder: HonouringLadder | None
) -> Iterator[tuple[list[Pledge], float]]:
    if ladder is None:
        yield list(pledges), 1.0
        return
    for bits in itertools.product((False, True), repeat=len(pledges)):
        weight = 1.0
        for pledge, bit in zip(pledges, bits, strict=True):
            probability = ladder.probability(pledge.level)
            weight *= probability if bit else 1.0 - probability
        if weight > 0:
            yield [p for p, bit in zip(pledges, bits, strict=True) if bit], weight


def _amounts(pledges: Sequence[Pledge]) -> Iterator[tuple[list[Pledge], float]]:
    """Every choice of whole numbers within each pledge's stated personnel and platforms."""
    choices = [
        [
            (personnel, platforms)
            for personnel in _span(p.personnel)
            for platforms in _span(p.platforms)
        ]
        for p in pledges
    ]
    for picked in itertools.product(*choices):
        weight = 1.0
        drawn = []
        for pledge, options, (personnel, platforms) in zip(pledges, choices, picked, strict=True):
            weight /= len(options)
            drawn.append(
                pledge.model_copy(
                    update={
                        "personnel": Count.exact(personnel),
                        "platforms": Count.exact(platforms),
                    }
                )
            )
        yield drawn, weight


def _span(amount: Count) -> range:
    return range(amount.counted(Bound.LOW) or 0, (amount.counted(Bound.HIGH) or 0) + 1)
