"""Why two assessments of the same sources differ: one sentence per contribution whose status
or amount differs, force pledges paired by contributor and capability in order, and a summary
that says how many contributions explain the difference.

The assessments are made as `forcegen compare` makes them (the service's `assess`), because
the sentences read what an assessment says about each pledge: active, waiting for drivers or
thresholds, or below the level floor.
"""

from __future__ import annotations

from collections.abc import Mapping

from factories import make_pledge
from forcegen.analysis.assessment import Assessment
from forcegen.analysis.difference import Standing, explain_differences
from forcegen.catalog import load_catalog
from forcegen.model.amount import Count
from forcegen.model.pledge import Level, Pledge
from forcegen.service.assessment import assessing
from forcegen.service.assessment.pledge_set import PledgeSet

CATALOG = load_catalog()
NAMES = {"us.isr": "US intelligence"}


def assessed(
    *pledges: Pledge, drivers: Mapping[str, bool] | None = None, floor: Level = Level.REPORTED
) -> Assessment:
    selection = assessing.select(CATALOG, overrides=dict(drivers or {}), level_floor=floor.value)
    pledge_set = PledgeSet(
        origin=assessing.Origin.PUBLIC, title="test", pledges=pledges, sources={}
    )
    return assessing.assess(pledge_set=pledge_set, selection=selection, catalog=CATALOG)


FRA = make_pledge(id="fra", contributor="FRA", personnel=6000)
GBR = make_pledge(id="gbr", contributor="GBR", personnel=5000, condition="us.isr")


def sentences(left: Assessment, right: Assessment) -> list[str]:
    found = explain_differences(
        left, right, left_name="the record", right_name="the round", driver_names=NAMES
    )
    return [p.sentence for p in found.pledges]


def test_the_same_force_with_no_difference_says_so() -> None:
    same = assessed(FRA, GBR, drivers={"us.isr": True})

    found = explain_differences(same, same, left_name="the record", right_name="the round")

    assert found.pledges == ()
    assert found.summary == (
        "The active force is 11,000 in the record and in the round; no contribution differs."
    )


def test_a_pledge_waiting_on_one_side_names_the_drivers_it_waits_for() -> None:
    left = assessed(FRA, GBR, drivers={"us.isr": True})
    right = assessed(FRA, GBR, drivers={"us.isr": False})

    found = explain_differences(
        left, right, left_name="the record", right_name="the round", driver_names=NAMES
    )

    assert [p.sentence for p in found.pledges] == [
        "GBR 5,000 (land.combat): active in the record, waits for US intelligence in the round."
    ]
    (only,) = found.pledges
    assert (only.contributor, only.capability) == ("GBR", "land.combat")
    assert only.left == Standing("gbr", Count.exact(5000), "active")
    assert only.right == Standing("gbr", Count.exact(5000), "waits for US intelligence")
    assert (found.left_force, found.right_force) == (Count.exact(11_000), Count.exact(6000))
    assert found.summary == (
        "The active force is 11,000 in the record and 6,000 in the round; 1 contribution differs."
    )


def test_a_driver_without_a_name_is_given_by_its_key() -> None:
    left = assessed(FRA, GBR, drivers={"us.isr": True})
    right = assessed(FRA, GBR, drivers={"us.isr": False})

    found = explain_differences(left, right, left_name="A", right_name="B")

    assert [p.sentence for p in found.pledges] == [
        "GBR 5,000 (land.combat): active in A, waits for us.isr in B."
    ]


def test_a_condition_with_no_false_driver_and_no_threshold_is_waited_for_as_a_whole() -> None:
    peace = make_pledge(id="ita", contributor="ITA", personnel=1000, condition="not ceasefire")
    left = assessed(peace, drivers={"ceasefire": False})
    right = assessed(peace, drivers={"ceasefire": True})

    assert sentences(left, right) == [
        "ITA 1,000 (land.combat): active in the record, waits for its condition in the round."
    ]


def test_a_pledge_below_the_level_floor_says_so() -> None:
    reported = make_pledge(id="ita", contributor="ITA", personnel=1000, level=Level.REPORTED)
    left = assessed(FRA, reported)
    right = assessed(FRA, reported, floor=Level.STATED)

    assert sentences(left, right) == [
        "ITA 1,000 (land.combat): active in the record, below the level floor in the round."
    ]


def test_a_pledge_on_one_side_only_is_not_pledged_on_the_other() -> None:
    left = assessed(FRA)
    right = assessed(FRA, make_pledge(id="gbr", contributor="GBR", personnel=5000))

    assert sentences(left, right) == [
        "GBR 5,000 (land.combat): not pledged in the record, active in the round."
    ]
    assert sentences(right, left) == [
        "GBR 5,000 (land.combat): active in the record, not pledged in the round."
    ]


def test_other_amounts_are_given_with_both_statuses_or_one_if_they_agree() -> None:
    left = assessed(FRA, GBR, drivers={"us.isr": True})
    bigger_gbr = GBR.model_copy(update={"personnel": Count.exact(7500)})
    bigger_fra = FRA.model_copy(update={"personnel": Count.exact(8000)})

    same_status = assessed(bigger_fra, GBR, drivers={"us.isr": True})
    other_status = assessed(FRA, bigger_gbr, drivers={"us.isr": False})

    assert sentences(left, same_status) == [
        "FRA (land.combat): 6,000 in the record, 8,000 in the round; active in both."
    ]
    assert sentences(left, other_status) == [
        "GBR (land.combat): 5,000 in the record, 7,500 in the round; active in the record, "
        "waits for US intelligence in the round."
    ]


def test_several_pledges_of_one_contributor_pair_in_order_and_other_kinds_are_left_out() -> None:
    first = make_pledge(id="a", contributor="FRA", personnel=1000)
    second = make_pledge(id="b", contributor="FRA", personnel=2000)
    funding = make_pledge(id="c", contributor="FRA", kind="funding", personnel=0, capability=None)
    left = assessed(first, second)
    right = assessed(first, second.model_copy(update={"personnel": Count.exact(3000)}), funding)

    assert sentences(left, right) == [
        "FRA (land.combat): 2,000 in the record, 3,000 in the round; active in both."
    ]


def test_a_troop_pledge_without_a_capability_is_named_by_its_contributor_only() -> None:
    unspecified = make_pledge(id="ita", contributor="ITA", personnel="unknown", capability=None)

    assert sentences(assessed(FRA), assessed(FRA, unspecified)) == [
        f"ITA {unspecified.personnel.text}: not pledged in the record, active in the round."
    ]


def test_equal_forces_made_of_different_pledges_still_count_the_differences() -> None:
    swap_a = make_pledge(id="a", contributor="FRA", personnel=1000, condition="us.isr")
    swap_b = make_pledge(
        id="b", contributor="GBR", personnel=1000, condition="not us.isr", capability="air.defence"
    )
    left = assessed(swap_a, swap_b, drivers={"us.isr": True})
    right = assessed(swap_a, swap_b, drivers={"us.isr": False})

    found = explain_differences(left, right, left_name="A", right_name="B")

    assert found.left_force == found.right_force
    assert [p.contributor for p in found.pledges] == ["FRA", "GBR"]
    assert found.summary == (
        "The active force is 1,000 in A and 1,000 in B; 2 contributions differ."
    )


def test_a_pledge_waiting_on_the_left_names_every_driver_it_waits_for() -> None:
    both = make_pledge(
        id="gbr", contributor="GBR", personnel=5000, condition="us.isr and us.logistics"
    )
    left = assessed(FRA, both, drivers={"us.isr": False, "us.logistics": False})
    right = assessed(FRA, both, drivers={"us.isr": True, "us.logistics": True})

    assert sentences(left, right) == [
        "GBR 5,000 (land.combat): waits for US intelligence, us.logistics in the record, active in "
        "the round."
    ]


def test_the_second_pledge_of_a_contributor_pairs_with_the_second_and_differences_keep_order() -> (
    None
):
    first = make_pledge(id="a", contributor="FRA", personnel=1000)
    second = make_pledge(id="b", contributor="FRA", personnel=2000)
    more = {"personnel": Count.exact(1500)}
    both_changed = (
        first.model_copy(update=more),
        second.model_copy(update={"personnel": Count.exact(2500)}),
    )

    assert sentences(assessed(first, second), assessed(first)) == [
        "FRA 2,000 (land.combat): active in the record, not pledged in the round."
    ]
    assert sentences(assessed(first, second), assessed(*both_changed)) == [
        "FRA (land.combat): 1,000 in the record, 1,500 in the round; active in both.",
        "FRA (land.combat): 2,000 in the record, 2,500 in the round; active in both.",
    ]
