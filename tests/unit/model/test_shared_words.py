"""Rules every door shares: yes/no words and "did you mean" suggestions.

Files, settings and driver switches read the same yes/no words; every "did you mean"
in an error message comes from one function with one cut-off.
"""

from __future__ import annotations

import pytest

from forcegen.model.suggestion import closest, did_you_mean
from forcegen.model.yes_no import yes_no


@pytest.mark.parametrize("word", ["true", "Yes", "y", "ON", "1", " yes "])
def test_yes_words(word: str) -> None:
    assert yes_no(word) is True


@pytest.mark.parametrize("word", ["false", "No", "n", "off", "0"])
def test_no_words(word: str) -> None:
    assert yes_no(word) is False


@pytest.mark.parametrize("word", ["", "maybe", "2", "yess", "nein"])
def test_anything_else_is_not_read_as_no(word: str) -> None:
    assert yes_no(word) is None


def test_case_alone_finds_the_name() -> None:
    assert closest("fra", ["FRA", "DEU"]) == "FRA"


def test_a_typo_finds_the_closest_name() -> None:
    assert did_you_mean("us.isrr", ["us.isr", "us.c2"]) == " (did you mean 'us.isr'?)"


def test_nothing_close_suggests_nothing() -> None:
    assert did_you_mean("zzz", ["us.isr", "us.c2"]) == ""
