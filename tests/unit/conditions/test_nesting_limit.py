"""The nesting limit counts how deep a condition goes, not how many groups it has, and says how
to get under it."""

import pytest

from forcegen.conditions import Vocabulary, check, parse
from forcegen.model.errors import ConditionError

VOCABULARY = Vocabulary.of(drivers=["ceasefire", "us.isr"])


def test_too_deep_a_condition_is_refused_with_what_to_do() -> None:
    text = "(" * 101 + "ceasefire" + ")" * 101

    message = check(text, VOCABULARY)

    assert message is not None
    assert message.endswith(": use fewer parentheses and fewer 'not' in a row")


@pytest.mark.parametrize(
    "before",
    ["(ceasefire) and ", "((ceasefire)) or ", "not (not ceasefire) and ", "(us.isr) and " * 5],
    ids=["one-group", "a-nested-group", "negations", "several-groups"],
)
def test_closed_groups_before_a_deep_one_do_not_raise_the_limit(before: str) -> None:
    text = before + "(" * 101 + "ceasefire" + ")" * 101

    with pytest.raises(ConditionError, match=r"^Nesting deeper than 100 levels at column "):
        parse(text, VOCABULARY)


def test_many_groups_side_by_side_are_not_nesting() -> None:
    text = " and ".join(["(ceasefire)"] * 150)

    assert check(text, VOCABULARY) is None
