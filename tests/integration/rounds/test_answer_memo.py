"""What a submitted version's answers mean is derived once per server process and kept
(service/assessment/answer_memo.py): an assessment run with the kept answer sets, right after
new submissions and a revision, is the one a run from scratch gives."""

from __future__ import annotations

from round_env import RoundsEnv, troops

from forcegen.analysis.assessment import Assessment
from forcegen.analysis.probability_report import ProbabilityReport
from forcegen.model.round import Round
from forcegen.service.assessment import assessing
from forcegen.service.assessment.answer_memo import forget_answer_sets
from forcegen.service.assessment.probability import ProbabilityOptions, run_probability


def assess(env: RoundsEnv, round_: Round) -> tuple[Assessment, ProbabilityReport]:
    selection = assessing.select(env.catalog, scenario="us_offer_aug_2025")
    assessment = assessing.run_assessment(
        uow=env.uow(), catalog=env.catalog, selection=selection, round_id=round_.id
    )
    options = ProbabilityOptions(probabilities={"us.air_cover": 0.5})
    report = run_probability(
        uow=env.uow(),
        catalog=env.catalog,
        selection=selection,
        options=options,
        round_id=round_.id,
    )
    return assessment, report


def odds(report: ProbabilityReport) -> object:
    """The report as plain values (its force distributions are arrays, unequal as objects)."""
    ends = (report.likelihood.least, report.likelihood.greatest)
    return [(end.met, end.lines, end.force.mass.tolist()) for end in ends], report.pivotal


def test_kept_answer_sets_give_the_result_of_a_run_from_scratch(rounds_env: RoundsEnv) -> None:
    round_ = rounds_env.round_with(["FRA", "DEU", "POL"])
    rounds_env.submit("FRA", troops(5000, condition="us.air_cover"), 0)
    rounds_env.submit("DEU", troops(3000), 0)
    forget_answer_sets()
    assess(rounds_env, round_)  # keeps FRA's and DEU's answer sets

    rounds_env.submit("POL", troops(2000), 0)
    rounds_env.submit("FRA", troops(6000), 1)  # a revision: FRA's kept set is out of date
    kept = assess(rounds_env, round_)
    forget_answer_sets()
    from_scratch = assess(rounds_env, round_)

    assert kept[0] == from_scratch[0]
    assert odds(kept[1]) == odds(from_scratch[1])
    personnel = {p.contributor: p.personnel for p in kept[0].pledges}
    assert personnel == {"DEU": 3000, "FRA": 6000, "POL": 2000}
