"""Thresholds have at most 17 digits (the import files' limit too): a 17-digit number is
accepted, one digit more is refused in one line.

(Numbers are read through a float64, which is exact only up to 2**53, a 16-digit number: the
17-digit 10**16 reads back exactly, 10**17 - 1 would not. docs/testing.md notes this.)"""

import pytest

from forcegen.conditions import Comparison, Function, Threshold, parse
from forcegen.model.errors import ConditionError


def test_a_seventeen_digit_threshold_is_accepted() -> None:
    seventeen_digits = 10**16

    assert parse(f"troops(FRA) >= {seventeen_digits}") == Threshold(
        Function.TROOPS, "FRA", Comparison.AT_LEAST, seventeen_digits
    )


def test_an_eighteen_digit_threshold_is_refused_with_the_limit() -> None:
    text = f"troops(FRA) >= {10**17}"

    with pytest.raises(ConditionError) as raised:
        parse(text)

    assert raised.value.message == (
        f"Number '{10**17}' has 18 digits at column 16 of \"{text}\": "
        "a threshold has at most 17 digits, e.g. 5000"
    )
