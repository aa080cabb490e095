"""The parsed condition of each pledge: errors point into the condition text, and `not` over a
pledge reference is refused wherever it sits in the condition."""

from __future__ import annotations

import pytest

from factories import make_pledge
from forcegen.analysis.pledge_conditions import pledge_conditions
from forcegen.conditions import (
    And,
    Comparison,
    DriverRef,
    Expr,
    Function,
    Not,
    Or,
    Threshold,
)
from forcegen.model.errors import ConditionError

GBR_PLEDGES = Threshold(Function.TROOPS, "GBR", Comparison.AT_LEAST, 5000)


def test_a_condition_that_does_not_parse_keeps_its_text_and_the_place_of_the_problem() -> None:
    pledge = make_pledge(id="fra", condition="us.isr and and us.air")

    with pytest.raises(ConditionError) as raised:
        pledge_conditions([pledge])

    assert raised.value.text == "us.isr and and us.air"
    assert raised.value.position == len("us.isr and ")


@pytest.mark.parametrize(
    ("tree", "shown"),
    [
        (And((DriverRef("us.isr"), Not(GBR_PLEDGES))), "not troops(GBR) >= 5000"),
        (Or((DriverRef("us.isr"), Not(GBR_PLEDGES))), "not troops(GBR) >= 5000"),
        (Not(Or((DriverRef("us.isr"), GBR_PLEDGES))), "not (us.isr or troops(GBR) >= 5000)"),
    ],
    ids=["inside and", "inside or", "over a group"],
)
def test_a_tree_with_not_over_a_pledge_reference_is_refused_wherever_it_sits(
    tree: Expr, shown: str
) -> None:
    # The parser refuses such text itself; trees handed in are checked here, and the message
    # quotes the part that negates the pledge reference.
    pledge = make_pledge(id="fra")

    with pytest.raises(ConditionError) as raised:
        pledge_conditions([pledge], {"fra": tree})

    assert raised.value.message == (
        f"Pledge 'fra' of FRA has the condition {shown!r}, which applies 'not' to a pledge "
        "reference: a pledge may not depend on someone NOT pledging. Apply 'not' to drivers "
        "only, or drop it."
    )


def test_a_tree_that_cannot_be_written_as_text_is_quoted_as_it_was_built() -> None:
    unwritable = Not(Threshold(Function.TROOPS, "not a code", Comparison.AT_LEAST, 1))
    pledge = make_pledge(id="fra")

    with pytest.raises(ConditionError) as raised:
        pledge_conditions([pledge], {"fra": unwritable})

    assert repr(unwritable) in raised.value.message


def test_not_over_drivers_only_is_accepted_inside_and_and_or() -> None:
    pledge = make_pledge(id="fra", condition="not us.isr and (not ceasefire or us.air)")

    assert set(pledge_conditions([pledge])) == {"fra"}
