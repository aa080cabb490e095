"""How likely: the probability that the selected pledges meet each requirement profile, the
distribution of the force, and the pivotal contributors for the selected requirement.

    options = ProbabilityOptions(probabilities={"us.isr": 0.4}, honouring=True)
    report = run_probability(uow=uow, catalog=catalog, selection=chosen, options=options)

Drivers are uncertain where the scenario or `options` give them a probability (joint
scenarios from the scenario file), certain elsewhere. Without honouring the probabilities are
exact, over every combination of the uncertain drivers, with amounts counted at the high end
of what was stated as the rest of the assessment does; with honouring (the ladder) they are
estimated by Monte Carlo, drawing amounts within their stated ranges. `forcegen assess`, its
JSON and the dashboard's probability panel all call this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from forcegen.analysis import pledge_conditions
from forcegen.analysis.exact_likelihood import Runner, exact_likelihood, exact_problem
from forcegen.analysis.likelihood import Method
from forcegen.analysis.monte_carlo import DEFAULT_SAMPLES, monte_carlo_likelihood, sampling_model
from forcegen.analysis.odds import odds_of
from forcegen.analysis.pivotal import pivotal_contributors
from forcegen.analysis.probability_report import ProbabilityReport
from forcegen.model.amount import Bound
from forcegen.model.errors import InvalidInputError
from forcegen.model.odds import HonouringLadder
from forcegen.service.assessment.force import force_pledges
from forcegen.service.assessment.pledge_set import (
    PledgeSet,
    pledge_set_for_public,
    pledge_set_for_round,
)
from forcegen.service.assessment.selection import AssessmentCatalog, Selection
from forcegen.service.ports import UnitOfWork


class OddsCatalog(AssessmentCatalog, Protocol):
    """The catalog, with the honouring ladder."""

    @property
    def honouring(self) -> HonouringLadder: ...


@dataclass(frozen=True, slots=True)
class ProbabilityOptions:
    """What to take as uncertain, and how to compute.

    `probabilities` overrides the scenario's (driver -> P); `honouring` lets pledges go
    unhonoured as the ladder says; `method` forces exact or Monte Carlo (default: exact
    unless honouring); `line` asks for the pivotal contributors of one requirement line.
    """

    probabilities: Mapping[str, float] = field(default_factory=dict)
    honouring: bool = False
    method: Method | None = None
    samples: int = DEFAULT_SAMPLES
    seed: int = 0
    line: str | None = None


def parse_probability(text: str) -> tuple[str, float]:
    """`us.isr=0.4` or `us.isr=40%` -> ("us.isr", 0.4).

    Raises:
        InvalidInputError: not DRIVER=P with P from 0 to 1 (or 0% to 100%).
    """
    name, sep, value = text.partition("=")
    number = value.strip().removesuffix("%")
    try:
        probability = float(number) / (100.0 if value.strip().endswith("%") else 1.0)
    except ValueError:
        probability = -1.0
    if not sep or not name.strip() or not 0.0 <= probability <= 1.0:
        raise InvalidInputError(
            f"Cannot read the probability {text!r}: write DRIVER=P with P from 0 to 1, "
            "e.g. --probability us.isr=0.4 (or us.isr=40%)."
        )
    return name.strip(), probability


def assess_probability(
    *,
    pledge_set: PledgeSet,
    selection: Selection,
    catalog: OddsCatalog,
    options: ProbabilityOptions,
    runner: Runner | None = None,
) -> ProbabilityReport:
    """P(met) for every requirement profile, the force distribution, the pivotal contributors.

    Raises:
        InvalidInputError: an unknown driver, a driver both set and given a probability, too
            many uncertain drivers to assess exactly here, or an unknown line.
        ConditionError: a pledge condition does not parse or negates a pledge reference.
    """
    _check(options, selection, catalog)
    scenario = selection.scenario.with_overrides(dict(selection.overrides))
    probabilities = {
        d: p for d, p in scenario.probabilities.items() if d not in selection.overrides
    }
    odds = odds_of(
        scenario.model_copy(update={"probabilities": probabilities}), options.probabilities
    )
    floor, requirements = selection.level_floor, list(catalog.requirements.values())
    force = force_pledges(pledge_set.pledges, floor)
    counted = [p.fixed(Bound.HIGH) for p in force]
    conditions = pledge_conditions(counted)
    method = options.method or (Method.MONTE_CARLO if options.honouring else Method.EXACT)
    if method is Method.EXACT:
        problem = exact_problem(
            counted, requirements, scenario, odds, level_floor=floor, conditions=conditions
        )
        likelihood = exact_likelihood(problem, runner=runner)
    else:
        ladder = catalog.honouring if options.honouring else None
        model = sampling_model(
            force,
            requirements,
            scenario,
            odds,
            ladder=ladder,
            level_floor=floor,
            conditions=conditions,
        )
        likelihood = monte_carlo_likelihood(
            model, samples=options.samples, seed=options.seed, runner=runner
        )
    pivotal = pivotal_contributors(
        counted,
        selection.requirement,
        scenario,
        line=options.line,
        level_floor=floor,
        fixpoint=selection.fixpoint,
        conditions=conditions,
        seed=options.seed,
    )
    return ProbabilityReport(
        likelihood=likelihood,
        fixpoint=selection.fixpoint,
        requirement=selection.requirement.key,
        probabilities={d: odds.independent[d] for d in odds.uncertain if d in odds.independent},
        joint=odds.joint,
        pivotal=pivotal,
        pivotal_line=options.line,
    )


def run_probability(
    *,
    uow: UnitOfWork,
    catalog: OddsCatalog,
    selection: Selection,
    options: ProbabilityOptions,
    round_id: str | None = None,
    runner: Runner | None = None,
) -> ProbabilityReport:
    """`assess_probability` for a round's answers (`round_id`) or the public record.

    Raises:
        NotFoundError: no such round.
    """
    if round_id is None:
        pledge_set = pledge_set_for_public(uow=uow)
    else:
        pledge_set = pledge_set_for_round(uow=uow, round_id=round_id)
    return assess_probability(
        pledge_set=pledge_set, selection=selection, catalog=catalog, options=options, runner=runner
    )


def _check(options: ProbabilityOptions, selection: Selection, catalog: OddsCatalog) -> None:
    for driver in options.probabilities:
        if driver not in catalog.drivers:
            known = ", ".join(sorted(catalog.drivers))
            raise InvalidInputError(
                f"No driver {driver!r} to give a probability; the drivers are: {known}."
            )
        if driver in selection.overrides:
            raise InvalidInputError(
                f"{driver} is both set (--set) and given a probability (--probability); "
                "give it one or the other."
            )
