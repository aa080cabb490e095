"""What it takes: the smallest sets of drivers (by default the US enablers) that meet the
requirement, each driver's leverage, and the contributors without whom no set suffices.

All 2^K combinations of the chosen drivers are assessed at once by the fast kernel
(`forcegen.analysis.compile_combinations`); the other drivers keep their scenario values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from forcegen.analysis import CombinationResult, Fixpoint, MetCriterion, compile_combinations
from forcegen.conditions import Expr, drivers_of
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario
from forcegen.service.assess_force import force_pledges
from forcegen.service.assess_result import Leverage, Package, WhatItTakes

# Contributors tried one by one for "without X no package suffices", largest first.
MAX_PIVOTAL_CHECKS = 12


def what_it_takes(
    pledges: Sequence[Pledge],
    requirement: Requirement,
    scenario: Scenario,
    drivers: Sequence[str],
    *,
    level_floor: Level,
    fixpoint: Fixpoint,
    criterion: MetCriterion,
    conditions: Mapping[str, Expr],
) -> WhatItTakes:
    """Minimal packages, leverage, and pivotal contributors over all combinations of `drivers`.

    Raises:
        InvalidInputError: too many drivers to combine.
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    force = force_pledges(pledges, level_floor)
    combine = _Combiner(requirement, scenario, tuple(drivers), level_floor, fixpoint, criterion)
    result = combine(force, conditions)
    totals = result.total()
    packages = tuple(
        Package(drivers=names, personnel=int(totals[result.combination(names)]))
        for names in result.minimal_sets()
    )
    leverage = tuple(
        Leverage(
            driver=driver,
            personnel=value,
            pledge_ids=tuple(p.id for p in force if driver in drivers_of(conditions[p.id])),
        )
        for driver, value in sorted(result.leverage().items(), key=lambda item: -item[1])
    )
    return WhatItTakes(
        drivers=tuple(drivers),
        packages=packages,
        leverage=leverage,
        none_personnel=int(totals[0]),
        all_personnel=int(totals[result.size - 1]),
        pivotal=_pivotal(force, combine, conditions) if packages else (),
    )


@dataclass(frozen=True, slots=True)
class _Combiner:
    """Assess every combination of `drivers` for a pledge set, all else fixed."""

    requirement: Requirement
    scenario: Scenario
    drivers: tuple[str, ...]
    level_floor: Level
    fixpoint: Fixpoint
    criterion: MetCriterion

    def __call__(
        self, force: Sequence[Pledge], conditions: Mapping[str, Expr]
    ) -> CombinationResult:
        kernel = compile_combinations(
            force,
            self.requirement,
            self.scenario,
            self.drivers,
            level_floor=self.level_floor,
            conditions={p.id: conditions[p.id] for p in force},
        )
        return kernel.assess(self.fixpoint, self.criterion)


def _pivotal(
    force: Sequence[Pledge], combine: _Combiner, conditions: Mapping[str, Expr]
) -> tuple[str, ...]:
    """Contributors without whose pledges no combination of the drivers meets the requirement."""
    personnel: dict[str, int] = {}
    for pledge in force:
        personnel[pledge.contributor] = personnel.get(pledge.contributor, 0) + pledge.personnel
    largest = sorted(personnel, key=lambda code: (-personnel[code], code))[:MAX_PIVOTAL_CHECKS]
    return tuple(
        code
        for code in largest
        if not combine([p for p in force if p.contributor != code], conditions).met.any()
    )
