"""Exact probabilities: every combination of the uncertain drivers, weighted by its probability.

The kernel assesses all 2^K combinations at both fixpoints; each combination's weight is its
probability under the odds (`odds.combination_weights`), so P(met) is the weight of the
combinations that meet the requirement and the force distribution is the weight of each
total. Only uncertain drivers that some condition names are combined: the others change
nothing, and their probabilities sum out.

Past `INNER_DRIVERS` drivers the combinations are split into independent parts, one per
setting of the remaining ("outer") drivers, each a kernel sweep of 2^INNER_DRIVERS whose
tallies are added (see `likelihood.Tally`): memory stays that of one part, and the parts can
run anywhere a `runner` sends them (in order here, or on a Dask cluster).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np

from forcegen.analysis._kernel.combinations import compile_planned, plan_combinations
from forcegen.analysis._kernel.layout import MAX_DRIVERS
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.likelihood import Likelihood, Method, Tally, likelihood_of
from forcegen.analysis.odds import DriverOdds, combination_weights
from forcegen.analysis.pledge_conditions import pledge_conditions
from forcegen.analysis.quantity import FORCE_KINDS, MetCriterion, line_quantities
from forcegen.conditions import Expr, drivers_of
from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario

INNER_DRIVERS = 20  # drivers combined by one kernel sweep; the others split the work
MOST_DRIVERS = 40  # beyond this even a cluster would run for ever; sample instead

Runner = Callable[[Callable[[int], Tally], Sequence[int]], Iterable[Tally]]


@dataclass(frozen=True)
class ExactProblem:
    """Everything one part needs (it travels to Dask workers, so it holds only values)."""

    pledges: tuple[Pledge, ...]
    requirements: tuple[Requirement, ...]
    scenario: Scenario  # certain drivers set
    odds: DriverOdds
    inner: tuple[str, ...]  # combined by the kernel in every part
    outer: tuple[str, ...]  # fixed in each part: part p sets outer[j] to bit j of p
    level_floor: Level
    criterion: MetCriterion
    conditions: Mapping[str, Expr]

    @property
    def parts(self) -> int:
        return 1 << len(self.outer)


def exact_problem(
    pledges: Sequence[Pledge],
    requirements: Sequence[Requirement],
    scenario: Scenario,
    odds: DriverOdds,
    *,
    level_floor: Level = Level.REPORTED,
    criterion: MetCriterion = MetCriterion.ALL_LINES,
    conditions: Mapping[str, Expr] | None = None,
) -> ExactProblem:
    """The exact assessment of `pledges` (amounts already fixed at one bound) against each
    requirement profile, drivers drawn from `odds` (the others as `scenario` sets them).

    Raises:
        InvalidInputError: more than `MOST_DRIVERS` uncertain drivers matter.
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    exprs = pledge_conditions(pledges, conditions)
    named: set[str] = set()
    for pledge in pledges:
        if pledge.kind in FORCE_KINDS and pledge.level.at_least(level_floor):
            named |= drivers_of(exprs[pledge.id])
    uncertain = tuple(d for d in odds.uncertain if d in named)
    if len(uncertain) > MOST_DRIVERS:
        raise InvalidInputError(
            f"{len(uncertain)} uncertain drivers make {2 ** len(uncertain):,} combinations, "
            f"too many to assess exactly (at most {MOST_DRIVERS}); use Monte Carlo sampling."
        )
    return ExactProblem(
        pledges=tuple(pledges),
        requirements=tuple(requirements),
        scenario=odds.fixing(scenario),
        odds=odds,
        inner=uncertain[:INNER_DRIVERS],
        outer=uncertain[INNER_DRIVERS:],
        level_floor=level_floor,
        criterion=criterion,
        conditions=exprs,
    )


def exact_likelihood(problem: ExactProblem, *, runner: Runner | None = None) -> Likelihood:
    """P(met) per profile and line and the force distribution, at both fixpoints, exactly.

    Without a `runner` the parts run here, one after another, and at most `MAX_DRIVERS`
    uncertain drivers are accepted; a runner (e.g. a Dask client's map) takes up to
    `MOST_DRIVERS`.

    Raises:
        InvalidInputError: too many drivers to run here; use a cluster or sampling.
    """
    drivers = (*problem.inner, *problem.outer)
    if runner is None and len(drivers) > MAX_DRIVERS:
        raise InvalidInputError(
            f"{len(drivers)} uncertain drivers make {2 ** len(drivers):,} combinations; at "
            f"most {MAX_DRIVERS} are assessed exactly on this machine. Run them on a cluster "
            "(--workers N or --scheduler ADDRESS) or use Monte Carlo sampling."
        )
    run: Runner = runner or map
    tally = sum(run(partial(exact_part, problem), range(problem.parts)), Tally())
    profiles = {r.key: tuple(line.key for line in r.lines) for r in problem.requirements}
    return likelihood_of(tally, method=Method.EXACT, drivers=drivers, profiles=profiles)


def exact_part(problem: ExactProblem, part: int) -> Tally:
    """The tallies of one part: every combination of the inner drivers, with the outer
    drivers set by the bits of `part`."""
    fixed = {d: bool(part >> j & 1) for j, d in enumerate(problem.outer)}
    scenario = problem.scenario.with_overrides(fixed)
    weights = combination_weights(problem.inner, problem.odds, fixed)
    tally = Tally(weight=float(weights.sum()))
    if not problem.requirements:
        return tally
    planned = plan_combinations(  # one plan for every requirement profile
        problem.pledges,
        scenario,
        problem.inner,
        level_floor=problem.level_floor,
        conditions=problem.conditions,
    )
    for index, requirement in enumerate(problem.requirements):
        kernel = compile_planned(planned, requirement)
        for fixpoint, result in zip(Fixpoint, kernel.assess_both(problem.criterion), strict=True):
            tally.met[fixpoint, requirement.key] = float(weights[result.met].sum())
            for line in requirement.lines:
                personnel, platforms = line_quantities(line)
                met = result.total(personnel) >= line.personnel
                met &= result.total(platforms) >= line.platforms
                tally.lines[fixpoint, requirement.key, line.key] = float(weights[met].sum())
            if index == 0:
                # float64 already (weights given): one entry per personnel, so not copied
                histogram = np.bincount(result.total(), weights=weights)
                tally.histogram[fixpoint] = np.asarray(histogram, dtype=np.float64)
    return tally
