"""Assessing: what force a pledge set adds up to under a scenario and a requirement.

    chosen = assessing.select(catalog, requirement="kyiv_40k", overrides={"us.isr": True})
    result = assessing.run_assessment(uow=uow, catalog=catalog, selection=chosen,
                                      round_id="b99cb4d808ae")   # or no round: public data

`run_assessment` is `assess(pledge_set=pledge_set_for_round(...) or pledge_set_for_public(...))`.

The web dashboard, its JSON endpoint, `forcegen assess` and `forcegen export` all call this
module, so they show the same numbers. Every figure carries pledge ids, and
`Assessment.sources` resolves them to response versions or citations.
"""

from __future__ import annotations

from forcegen.analysis import (
    Activations,
    Fixpoint,
    MetCriterion,
    Total,
    basis_members,
    burden_sharing,
    measure_coverage,
    sustainment,
    what_it_takes,
)
from forcegen.analysis.assessment import (
    AnswerSummaries,
    Assessment,
    Origin,
    ResponseRef,
    ScenarioForce,
)
from forcegen.analysis.imputation import impute
from forcegen.answers.sanctions import sanctions_unanimity
from forcegen.answers.summary import (
    answering,
    enabler_demand,
    nominations,
    response_ladder,
    support_for_ukraine,
)
from forcegen.model.amount import Bound
from forcegen.model.participant import ParticipantKind
from forcegen.model.scenario import Scenario
from forcegen.service.assessment.force import (
    active_ids,
    blocked_pledges,
    driver_pledges,
    force_pledges,
    packages_of,
    scenario_force,
)
from forcegen.service.assessment.pledge_set import (
    PledgeSet,
    pledge_set_for_public,
    pledge_set_for_round,
    response_source_id,
)
from forcegen.service.assessment.selection import (
    AssessmentCatalog,
    Selection,
    combined_drivers,
    parse_override,
    select,
)
from forcegen.service.assessment.summary import summarise
from forcegen.service.ports import UnitOfWork

__all__ = [
    "Assessment",
    "AssessmentCatalog",
    "Origin",
    "PledgeSet",
    "ResponseRef",
    "Selection",
    "assess",
    "parse_override",
    "pledge_set_for_public",
    "pledge_set_for_round",
    "response_source_id",
    "run_assessment",
    "select",
]

SELECTED = "selected"
QUESTIONS = (
    "us_support",
    "participants",
    "troops",
    "if_attacked",
    "support_for_ukraine",
    "sanctions",
)
BOTH_ENDS = (Bound.HIGH, Bound.LOW)


def assess(
    *,
    pledge_set: PledgeSet,
    selection: Selection,
    catalog: AssessmentCatalog,
    criterion: MetCriterion = MetCriterion.ALL_LINES,
) -> Assessment:
    """Assess `pledge_set` against the selected requirement under the selected scenario.

    `criterion` says when the requirement counts as met for the minimal packages: the total
    and every requirement line (default), or the total personnel only.

    Raises:
        ConditionError: a pledge condition does not parse or negates a pledge reference.
    """
    requirement, floor, fixpoint = selection.requirement, selection.level_floor, selection.fixpoint
    scenario = selection.scenario.with_overrides(dict(selection.overrides))
    force = force_pledges(pledge_set.pledges, floor)
    # Coverage, the named scenarios, what it takes and its packages ask for many of the same
    # activations of these pledges: each is worked out once.
    activations = Activations(force)
    conditions = activations.conditions
    coverage = measure_coverage(force, requirement, scenario, activations=activations)
    chosen = coverage.greatest if fixpoint is Fixpoint.GREATEST else coverage.least
    active = activations.active(scenario, fixpoint=fixpoint)
    us_drivers = combined_drivers(catalog)
    bounds = (Bound.HIGH,) if all(p.is_same_at_both_ends for p in force) else BOTH_ENDS
    found, *low_end = (
        what_it_takes(
            force,
            requirement,
            scenario,
            drivers=us_drivers,
            fixpoint=fixpoint,
            criterion=criterion,
            bound=bound,
            activations=activations,
        )
        for bound in bounds
    )
    found_low = low_end[0] if low_end else found
    asked = driver_pledges(force, catalog.drivers, conditions)
    blocked = blocked_pledges(force, chosen.active_pledge_ids, scenario, conditions)
    pledged = Total.of(force)
    missing = set(chosen.total.unquantified)
    imputed = (
        impute(
            [p for p in force if p.id in missing],
            [p for p in force if p.id not in missing],
            catalog.participants,
        )
        if missing
        else None
    )
    burden = burden_sharing(
        active,
        catalog.participants,
        requirement.total_personnel,
        among=basis_members(
            selection.fair_share_basis,
            catalog.participants,
            force_contributors={p.contributor for p in force},
            respondents=pledge_set.respondents,
        ),
        basis=selection.fair_share_basis,
    )
    return Assessment(
        title=pledge_set.title,
        origin=pledge_set.origin,
        round_id=pledge_set.round_id,
        is_illustrative=pledge_set.is_illustrative,
        requirement=requirement,
        scenario=scenario,
        overrides=dict(selection.overrides),
        level_floor=floor,
        fixpoint=fixpoint,
        pledges=pledge_set.pledges,
        pledged=pledged,
        coverage=coverage,
        sustainment=sustainment(active, requirement),
        what_it_takes=found,
        what_it_takes_low=found_low,
        packages=packages_of(found, activations, scenario),
        driver_pledges=asked,
        scenarios=_scenario_forces(activations, selection, scenario, catalog),
        burden=burden,
        blocked=blocked,
        answers=_answer_summaries(pledge_set, catalog) if pledge_set.answer_sets else None,
        summary=summarise(
            scenario_name=selection.scenario.name,
            overrides=selection.overrides,
            coverage=coverage,
            fixpoint=fixpoint,
            pledged=pledged,
            what_it_takes=found,
            what_it_takes_low=found_low,
            driver_pledges={d: ids for d, ids in asked.items() if d in us_drivers},
            blocked=blocked,
            driver_names={key: driver.name for key, driver in catalog.drivers.items()},
            not_answered=pledge_set.not_answered,
            contributors={p.id: p.contributor for p in force},
            imputed=imputed.sentence if imputed else "",
        ),
        sources=pledge_set.sources,
        active_pledge_ids=active_ids(pledge_set.pledges, floor, scenario, fixpoint, activations),
        named_scenarios=dict(catalog.scenarios),
        imputed=imputed,
        not_answered=pledge_set.not_answered,
        skipped=pledge_set.skipped,
        response_refs=pledge_set.response_refs,
    )


def run_assessment(
    *,
    uow: UnitOfWork,
    catalog: AssessmentCatalog,
    selection: Selection,
    round_id: str | None = None,
) -> Assessment:
    """Assess a round's answers (`round_id`) or, without one, the public record.

    Raises:
        NotFoundError: no such round.
        ConditionError: a pledge condition does not parse or negates a pledge reference.
    """
    if round_id is None:
        pledge_set = pledge_set_for_public(uow=uow)
    else:
        pledge_set = pledge_set_for_round(uow=uow, round_id=round_id)
    return assess(pledge_set=pledge_set, selection=selection, catalog=catalog)


def _scenario_forces(
    force: Activations,
    selection: Selection,
    selected: Scenario,
    catalog: AssessmentCatalog,
) -> tuple[ScenarioForce, ...]:
    """The selected scenario, then each named one. A named scenario keeps the drivers it sets;
    the overrides of drivers it leaves open (a peace agreement, a parliament's vote) apply."""
    chosen = [(SELECTED, f"Selected: {selected.name}", selected)]
    for key, named in catalog.scenarios.items():
        open_overrides = {d: v for d, v in selection.overrides.items() if d not in named.drivers}
        chosen.append((key, named.name, named.with_overrides(open_overrides)))
    return tuple(
        scenario_force(
            key,
            name,
            scenario,
            force,
            fixpoint=selection.fixpoint,
            requirements=catalog.requirements.values(),
        )
        for key, name, scenario in chosen
    )


def _answer_summaries(pledge_set: PledgeSet, catalog: AssessmentCatalog) -> AnswerSummaries:
    answer_sets = pledge_set.answer_sets
    participants = catalog.participants
    gdp = {
        code: p.figures.gdp_usd_bn
        for code, p in participants.items()
        if p.figures is not None and p.kind is ParticipantKind.STATE
    }
    eu_members = {code for code, p in participants.items() if p.is_member_of("EU")}
    return AnswerSummaries(
        enabler_demand=enabler_demand(answer_sets),
        nominations=nominations(answer_sets, pledge_set.invited),
        ladder=response_ladder(answer_sets),
        support=support_for_ukraine(answer_sets, gdp),
        sanctions=sanctions_unanimity(answer_sets, eu_members),
        not_answered={
            question: tuple(
                sorted(
                    {
                        s.participant
                        for s in answer_sets
                        if question != "sanctions" or s.participant in eu_members
                    }
                    - set(answering(answer_sets, question))
                )
            )
            for question in QUESTIONS
        },
    )
