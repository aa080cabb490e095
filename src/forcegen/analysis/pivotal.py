"""Pivotal contributors: each contributor's power in the game "does this coalition meet the
requirement?".

A coalition's force is what its members' pledges bring under the scenario, at the chosen
fixpoint, counting only pledges of members (conditions on others' troops or on the number
of contributors see only members). Adding a member never removes force, so the game is
monotone and the power indices of `power` apply.

When no condition links contributors and "met" is one test (a requirement line with one
minimum, or a total only), a coalition meets the requirement exactly when its members'
force reaches the minimum: a weighted game, solved exactly. Otherwise (several lines, or
reciprocity conditions) the values are sampled, with confidence intervals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from forcegen.analysis._kernel.pledge_plan import plan_pledges
from forcegen.analysis._kernel.vectorised import BoolArray
from forcegen.analysis._sampling.chunk import coalitions_met
from forcegen.analysis._sampling.model import sampling_model
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.odds import DriverOdds
from forcegen.analysis.power import PowerIndices, sampled_power, weighted_power
from forcegen.analysis.quantity import (
    FORCE_KINDS,
    MetCriterion,
    Quantity,
    line_quantities,
    met_tests,
)
from forcegen.conditions import Const, Expr
from forcegen.model.amount import Bound
from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Level, Pledge
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario

DEFAULT_SAMPLES = 4000


def pivotal_contributors(
    pledges: Sequence[Pledge],
    requirement: Requirement,
    scenario: Scenario,
    *,
    line: str | None = None,
    level_floor: Level = Level.REPORTED,
    fixpoint: Fixpoint = Fixpoint.GREATEST,
    criterion: MetCriterion = MetCriterion.ALL_LINES,
    conditions: Mapping[str, Expr] | None = None,
    bound: Bound = Bound.HIGH,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> PowerIndices:
    """Shapley–Shubik and Banzhaf values of the contributors for meeting `requirement` (or its
    `line`) under `scenario`, amounts counted at `bound`.

    Raises:
        InvalidInputError: `line` is not a line of the requirement.
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    fixed = [p.fixed(bound) for p in pledges]
    players = tuple(
        sorted(
            {
                p.contributor
                for p in fixed
                if p.kind in FORCE_KINDS and p.level.at_least(level_floor)
            }
        )
    )
    tests = _tests(requirement, line, criterion)
    plan = plan_pledges(fixed, scenario, (), level_floor, conditions)
    if not plan.reciprocal and len(tests) <= 1:
        return _weighted(players, plan.direct, plan.exprs, tests)
    model = sampling_model(
        fixed,
        [requirement],
        scenario,
        DriverOdds({}),
        ladder=None,
        level_floor=level_floor,
        criterion=criterion,
        conditions=conditions,
        bound=bound,
    )

    def wins(coalitions: BoolArray) -> BoolArray:
        return coalitions_met(model, players, coalitions, fixpoint, tests)

    return sampled_power(players, wins, samples=samples, seed=seed)


def _tests(
    requirement: Requirement, line: str | None, criterion: MetCriterion
) -> tuple[tuple[Quantity, int], ...]:
    if line is None:
        return met_tests(requirement, criterion)
    for candidate in requirement.lines:
        if candidate.key == line:
            personnel, platforms = line_quantities(candidate)
            found = ((personnel, candidate.personnel), (platforms, candidate.platforms))
            return tuple((q, m) for q, m in found if m > 0)
    keys = ", ".join(candidate.key for candidate in requirement.lines) or "none"
    raise InvalidInputError(f"{requirement.key!r} has no line {line!r}; its lines are: {keys}.")


def _weighted(
    players: tuple[str, ...],
    active: Sequence[Pledge],
    exprs: Mapping[str, Expr],
    tests: tuple[tuple[Quantity, int], ...],
) -> PowerIndices:
    """The weighted game: each contributor's force in the one tested quantity (pledges whose
    condition holds under the scenario: with drivers fixed they are constants)."""
    if not tests:  # nothing is required: every coalition wins, nobody is pivotal
        return weighted_power(dict.fromkeys(players, 0), 0)
    quantity, minimum = tests[0]
    weights = dict.fromkeys(players, 0)
    for pledge in active:
        if exprs[pledge.id] == Const(True):
            weights[pledge.contributor] += quantity.of(pledge)
    return weighted_power(weights, minimum)
