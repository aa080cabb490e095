"""Thresholds have at most 17 digits (the import files' limit too): the largest is read exactly
(beyond 2**53 a float64 would round 99,999,999,999,999,999 up to 18 digits, a condition that
then prints as one the parser refuses), one digit more is refused in one line."""

import pytest

from forcegen.conditions import Comparison, Function, Threshold, parse, to_text
from forcegen.model.errors import ConditionError


@pytest.mark.parametrize("written", ["99999999999999999", "99,999,999,999,999,999"])
def test_the_largest_threshold_is_read_exactly_and_prints_back(written: str) -> None:
    condition = parse(f"troops(FRA) >= {written}")

    assert condition == Threshold(Function.TROOPS, "FRA", Comparison.AT_LEAST, 10**17 - 1)
    assert parse(to_text(condition)) == condition


def test_an_eighteen_digit_threshold_is_refused_with_the_limit() -> None:
    text = f"troops(FRA) >= {10**17}"

    with pytest.raises(ConditionError) as raised:
        parse(text)

    assert raised.value.message == (
        f"Number '{10**17}' has 18 digits at column 16 of \"{text}\": "
        "a threshold has at most 17 digits, e.g. 5000"
    )
