"""Assessments are cached per (round, data version, selection): a coordinator reloading the
dashboard gets the same result without recomputing it, and the moment a submission commits,
every server process shows the new one, including a process that had the old one cached."""

from __future__ import annotations

from round_env import RoundsEnv, troops

from forcegen.analysis.assessment import Assessment
from forcegen.model.round import Round
from forcegen.service.assessment import assessing
from forcegen.service.assessment.cached import (
    AssessmentCache,
    DataAt,
    cached_assessment,
    cached_pledge_set,
    data_version,
)
from forcegen.service.assessment.pledge_set import PledgeSet
from forcegen.service.result_cache import ResultCache


def assess(
    env: RoundsEnv,
    round_: Round,
    cache: AssessmentCache,
    scenario: str = "us_offer_aug_2025",
    pledge_sets: ResultCache[PledgeSet] | None = None,
) -> Assessment:
    return cached_assessment(
        uow=env.uow(),
        catalog=env.catalog,
        selection=assessing.select(env.catalog, scenario=scenario),
        cache=cache,
        round_id=round_.id,
        pledge_sets=pledge_sets,
    )


def pledged_troops(assessment: Assessment) -> tuple[str, ...]:
    return tuple(sorted(p.contributor for p in assessment.pledges))


def test_a_reload_is_served_from_the_cache_until_a_submission(rounds_env: RoundsEnv) -> None:
    round_ = rounds_env.round_with(["FRA", "DEU"])
    rounds_env.submit("FRA", troops(5000), 0)
    cache: AssessmentCache = ResultCache()

    first = assess(rounds_env, round_, cache)
    rounds_env.save("FRA", troops(9000), 1)  # a draft: the submitted answers are unchanged
    reloaded = assess(rounds_env, round_, cache)
    rounds_env.submit("DEU", troops(3000), 0)
    after_submission = assess(rounds_env, round_, cache)

    assert reloaded is first
    assert pledged_troops(first) == ("FRA",)
    assert after_submission is not first
    assert pledged_troops(after_submission) == ("DEU", "FRA")


def test_each_selection_has_its_own_entry(rounds_env: RoundsEnv) -> None:
    round_ = rounds_env.round_with(["FRA"])
    rounds_env.submit("FRA", troops(5000, condition="us.air_cover"), 0)
    cache: AssessmentCache = ResultCache()

    with_us = assess(rounds_env, round_, cache, scenario="full_backstop")
    without_us = assess(rounds_env, round_, cache, scenario="no_us_support")

    assert with_us is not without_us
    assert with_us.active_pledge_ids
    assert not without_us.active_pledge_ids
    assert assess(rounds_env, round_, cache, scenario="full_backstop") is with_us


def test_a_process_with_a_cached_result_shows_a_submission_made_through_another(
    rounds_env: RoundsEnv,
) -> None:
    round_ = rounds_env.round_with(["FRA", "DEU", "POL"])
    rounds_env.submit("FRA", troops(5000), 0)
    first_process: AssessmentCache = ResultCache()
    second_process: AssessmentCache = ResultCache()
    assess(rounds_env, round_, first_process)
    assess(rounds_env, round_, second_process)

    rounds_env.submit("POL", troops(2000), 0)  # saved through whichever process
    rounds_env.submit("DEU", troops(3000), 0)

    assert pledged_troops(assess(rounds_env, round_, first_process)) == ("DEU", "FRA", "POL")
    assert pledged_troops(assess(rounds_env, round_, second_process)) == ("DEU", "FRA", "POL")


def test_the_pledges_kept_for_the_page_move_on_with_a_submission(rounds_env: RoundsEnv) -> None:
    """The dashboard's assessment and probability panel share one pledge set per data
    version: a submission shows in the next assessment, also under another selection."""
    round_ = rounds_env.round_with(["FRA", "DEU"])
    rounds_env.submit("FRA", troops(5000), 0)
    cache: AssessmentCache = ResultCache()
    pledge_sets: ResultCache[PledgeSet] = ResultCache()

    before = assess(rounds_env, round_, cache, pledge_sets=pledge_sets)
    rounds_env.submit("DEU", troops(3000), 0)
    after = assess(rounds_env, round_, cache, "full_backstop", pledge_sets=pledge_sets)

    assert pledged_troops(before) == ("FRA",)
    assert pledged_troops(after) == ("DEU", "FRA")
    assert (
        after.pledges
        == cached_pledge_set(uow=rounds_env.uow(), cache=pledge_sets, round_id=round_.id).pledges
    )


def test_a_page_builds_its_parts_from_the_version_it_read_once(rounds_env: RoundsEnv) -> None:
    """The dashboard reads the version once: its assessment and its probability panel share the
    pledges loaded for it even when a submission lands between the two, and the next page,
    reading the version again, shows that submission."""
    round_ = rounds_env.round_with(["FRA", "DEU"])
    rounds_env.submit("FRA", troops(5000), 0)
    cache: AssessmentCache = ResultCache()
    pledge_sets: ResultCache[PledgeSet] = ResultCache()
    at = data_version(rounds_env.uow(), round_.id)
    selection = assessing.select(rounds_env.catalog, scenario="us_offer_aug_2025")

    def page_assessment(version: DataAt) -> Assessment:
        return cached_assessment(
            uow=rounds_env.uow(),
            catalog=rounds_env.catalog,
            selection=selection,
            cache=cache,
            round_id=round_.id,
            pledge_sets=pledge_sets,
            at=version,
        )

    assessed = page_assessment(at)
    rounds_env.submit("DEU", troops(3000), 0)  # lands while the page is being built
    panel_pledges = cached_pledge_set(
        uow=rounds_env.uow(), cache=pledge_sets, round_id=round_.id, at=at
    )
    next_page = page_assessment(data_version(rounds_env.uow(), round_.id))

    assert panel_pledges is cached_pledge_set(
        uow=rounds_env.uow(), cache=pledge_sets, round_id=round_.id, at=at
    )
    assert assessed.pledges == panel_pledges.pledges
    assert pledged_troops(assessed) == ("FRA",)
    assert pledged_troops(next_page) == ("DEU", "FRA")
