"""The probability use case's inputs: probabilities as written, and what may not be combined."""

from __future__ import annotations

import pytest

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.catalog import load_catalog
from forcegen.model.errors import InvalidInputError
from forcegen.service.assessment import assessing
from forcegen.service.assessment.pledge_set import PledgeSet
from forcegen.service.assessment.probability import (
    ProbabilityOptions,
    assess_probability,
    parse_probability,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("us.isr=0.4", ("us.isr", 0.4)), ("us.isr=40%", ("us.isr", 0.4)), (" a = 1 ", ("a", 1.0))],
    ids=["fraction", "percentage", "spaces"],
)
def test_a_probability_is_read_as_a_fraction_or_a_percentage(
    text: str, expected: tuple[str, float]
) -> None:
    assert parse_probability(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["us.isr", "us.isr=x", "us.isr=1.5", "=0.5", "us.isr=-1%"])
def test_anything_else_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(InvalidInputError, match=r"write DRIVER=P with P from 0 to 1"):
        parse_probability(text)


def test_a_driver_both_set_and_given_a_probability_is_refused() -> None:
    catalog = load_catalog()
    selection = assessing.select(catalog, overrides={"us.isr": True}, fixpoint=Fixpoint.LEAST)
    empty = PledgeSet(origin=assessing.Origin.PUBLIC, title="empty", pledges=(), sources={})

    with pytest.raises(InvalidInputError, match=r"us\.isr is both set"):
        assess_probability(
            pledge_set=empty,
            selection=selection,
            catalog=catalog,
            options=ProbabilityOptions(probabilities={"us.isr": 0.5}),
        )
