"""What it takes: which combinations of chosen drivers (the US enablers by default) make the
pledged force meet the requirement, the smallest such packages, each driver's leverage, the
contributors without whom no package suffices, and a one-paragraph summary.

All combinations are assessed at once by the kernel; the figures quoted in the summary are
recomputed for their single scenario, so that they carry the ids of the pledges behind them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from forcegen.analysis._kernel.combinations import compile_combinations
from forcegen.analysis._kernel.result import CombinationResult
from forcegen.analysis.activation import Activations, activations_of
from forcegen.analysis.coverage import LineCoverage, lines_coverage
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.quantity import MetCriterion
from forcegen.analysis.reference import scenario_of
from forcegen.analysis.total import Total
from forcegen.conditions import Expr, drivers_of
from forcegen.model.amount import Bound
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario

US_PREFIX = "us."


class DriverLeverage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    driver: str
    personnel: float  # force it unlocks, averaged over the other drivers' combinations


class WhatItTakes(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    drivers: tuple[str, ...]
    fixpoint: Fixpoint
    criterion: MetCriterion
    required_personnel: int
    bound: Bound  # the end of every stated amount the combinations were assessed at
    baseline: Total  # none of the drivers on
    baseline_short_lines: tuple[LineCoverage, ...]  # lines short at the baseline
    everything: Total  # all of the drivers on
    combinations: int
    met_combinations: int
    minimal_set_count: int
    minimal_sets: tuple[tuple[str, ...], ...]  # smallest first, at most `limit`
    alternatives: int  # other minimal sets as small as the first
    smallest_package: Total | None  # the force with the first minimal set on
    leverage: tuple[DriverLeverage, ...]  # largest first
    pivotal_contributors: tuple[str, ...]  # without any one of them, nothing suffices
    summary: str


def default_drivers(
    pledges: Sequence[Pledge], scenario: Scenario, conditions: Mapping[str, Expr]
) -> tuple[str, ...]:
    """The US enablers: every `us.*` driver the scenario sets or a condition names."""
    named = set(scenario.drivers)
    for pledge in pledges:
        named |= drivers_of(conditions[pledge.id])
    return tuple(sorted(d for d in named if d.startswith(US_PREFIX)))


def what_it_takes(
    pledges: Sequence[Pledge],
    requirement: Requirement,
    scenario: Scenario,
    *,
    drivers: Iterable[str] | None = None,
    level_floor: Level = Level.REPORTED,
    fixpoint: Fixpoint = Fixpoint.GREATEST,
    criterion: MetCriterion = MetCriterion.ALL_LINES,
    conditions: Mapping[str, Expr] | None = None,
    limit: int = 20,
    bound: Bound = Bound.HIGH,
    activations: Activations | None = None,
) -> WhatItTakes:
    """Assess every combination of `drivers` (default: the US enablers), the others fixed by
    `scenario`, counting every stated amount at `bound` (the high end by default: what the
    pledges can bring at most; the low end: what they surely bring). The forces quoted keep
    their ranges. `activations` (of `pledges`, instead of `conditions`) shares the activations
    worked out.

    Raises:
        ConditionError: a condition does not parse or negates a pledge reference.
        InvalidInputError: repeated or too many drivers, two pledges sharing an id, or
            activations of other pledges.
    """
    shared = activations_of(pledges, conditions, activations)
    exprs = shared.conditions
    chosen = tuple(drivers) if drivers is not None else default_drivers(pledges, scenario, exprs)
    fixed = [p.fixed(bound) for p in pledges]
    result = compile_combinations(
        fixed, requirement, scenario, chosen, level_floor=level_floor, conditions=exprs
    ).assess(fixpoint, criterion)

    def force(combination: int) -> Total:
        changed = scenario_of(scenario, chosen, combination)
        return shared.total(changed, fixpoint=fixpoint, level_floor=level_floor)

    baseline = shared.active(
        scenario_of(scenario, chosen, 0), fixpoint=fixpoint, level_floor=level_floor
    )
    minimal = result.minimal_sets()
    pivotal: tuple[str, ...] = ()
    if minimal:
        pivotal = _pivotal(fixed, requirement, scenario, result, level_floor, exprs)
    leverage = sorted(result.leverage().items(), key=lambda item: (-item[1], item[0]))
    found = WhatItTakes(
        drivers=chosen,
        fixpoint=fixpoint,
        criterion=criterion,
        required_personnel=requirement.total_personnel,
        bound=bound,
        baseline=force(0),
        baseline_short_lines=tuple(
            c for c in lines_coverage(requirement.lines, baseline) if not c.is_met
        ),
        everything=force(result.size - 1),
        combinations=result.size,
        met_combinations=int(result.met.sum()),
        minimal_set_count=len(minimal),
        minimal_sets=minimal[:limit],
        alternatives=sum(1 for s in minimal if len(s) == len(minimal[0])) - 1 if minimal else 0,
        smallest_package=force(result.combination(minimal[0])) if minimal else None,
        leverage=tuple(DriverLeverage(driver=d, personnel=v) for d, v in leverage),
        pivotal_contributors=pivotal,
        summary="",
    )
    return found.model_copy(update={"summary": summarise(found)})


def _pivotal(
    pledges: Sequence[Pledge],
    requirement: Requirement,
    scenario: Scenario,
    result: CombinationResult,
    level_floor: Level,
    conditions: Mapping[str, Expr],
) -> tuple[str, ...]:
    """Contributors without whose pledges no combination meets the requirement."""
    found = []
    considered = set(result.pledge_ids)
    for contributor in sorted({p.contributor for p in pledges if p.id in considered}):
        others = [p for p in pledges if p.contributor != contributor]
        kernel = compile_combinations(
            others,
            requirement,
            scenario,
            result.drivers,
            level_floor=level_floor,
            conditions=conditions,
        )
        if not kernel.assess(result.fixpoint, result.criterion).met.any():
            found.append(contributor)
    return tuple(found)


def summarise(found: WhatItTakes) -> str:
    """One plain-language paragraph: the baseline, the smallest package, the pivotal ones."""
    is_us = bool(found.drivers) and all(d.startswith(US_PREFIX) for d in found.drivers)
    none_on = "With no US support" if is_us else "With none of the chosen drivers"
    package = "US package" if is_us else "combination of drivers"
    parts = [
        f"{none_on} the pledged force reaches {found.baseline.personnel.text} of "
        f"{found.required_personnel:,}"
    ]
    short = [
        f"{c.label} {c.employable.personnel.text} of {c.required_personnel:,}"
        for c in found.baseline_short_lines
        if c.shortfall_personnel.high
    ]
    if short and found.criterion is MetCriterion.ALL_LINES:
        parts[0] += f" (short on {', '.join(short)})"
    if found.minimal_sets and not found.minimal_sets[0]:
        parts.append("that already meets the requirement")
    elif found.minimal_sets:
        smallest = found.minimal_sets[0]
        text = f"the smallest {package} that closes the gap is {' + '.join(smallest)}"
        if found.alternatives:
            plural = "s" if found.alternatives > 1 else ""
            text += f" ({found.alternatives} other{plural} of the same size)"
        parts.append(text)
    else:
        enablers = "the US enablers" if is_us else "the chosen drivers"
        parts.append(
            f"no combination of {enablers} closes the gap (all of them together reach "
            f"{found.everything.personnel.text})"
        )
    if len(found.pivotal_contributors) == 1:
        parts.append(f"without {found.pivotal_contributors[0]} no package suffices")
    elif found.pivotal_contributors:
        parts.append(
            f"without any one of {', '.join(found.pivotal_contributors)} no package suffices"
        )
    return "; ".join(parts) + "."
