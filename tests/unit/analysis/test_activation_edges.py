"""Activation at both ends of stated amounts, with conditions handed in as trees."""

from __future__ import annotations

from factories import make_pledge, make_scenario
from forcegen.analysis import Fixpoint, active_range
from forcegen.conditions import Comparison, DriverRef, Function, Threshold


def ids(pledges: tuple[object, ...]) -> tuple[str, ...]:
    return tuple(p.id for p in pledges)  # type: ignore[attr-defined]


def test_trees_handed_in_replace_the_condition_texts() -> None:
    pledges = [make_pledge(id="fra", condition="us.isr")]
    scenario = make_scenario({"us.isr": False, "ceasefire": True})

    active = active_range(
        pledges, scenario, fixpoint=Fixpoint.LEAST, conditions={"fra": DriverRef("ceasefire")}
    )

    assert (ids(active.low), ids(active.high)) == (("fra",), ("fra",))


def test_a_tree_handed_in_is_judged_at_each_end_of_the_amounts() -> None:
    pledges = [
        make_pledge(id="gbr", contributor="GBR", personnel="up to 7500"),
        make_pledge(id="bel", contributor="BEL", personnel=500),
    ]
    waits_for_britain = Threshold(Function.TROOPS, "GBR", Comparison.AT_LEAST, 5000)

    active = active_range(
        pledges, make_scenario(), fixpoint=Fixpoint.GREATEST, conditions={"bel": waits_for_britain}
    )

    assert (ids(active.low), ids(active.high)) == (("gbr",), ("gbr", "bel"))
