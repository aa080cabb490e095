"""Fuzzing the condition parser: whatever text arrives (typed, pasted, imported, hostile), it
parses to a condition that prints and parses back the same, or it is refused with one
ConditionError line naming the place; nothing else escapes. Bounded: a few hundred examples,
a deadline per example."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcegen.catalog import load_catalog
from forcegen.conditions import parse, to_text
from forcegen.model.errors import ConditionError
from hypothesis_profiles import examples

VOCABULARY = load_catalog().condition_vocabulary()
PIECES = st.sampled_from(
    [
        "us.air_cover",
        "us.isr",
        "ceasefire",
        "not",
        "and",
        "or",
        "(",
        ")",
        "true",
        "false",
        "troops(FRA)",
        "contributors(land.combat)",
        ">=",
        ">",
        "<",
        "==",
        "5000",
        "9" * 30,
        "#",
        "\n",
        " ",
        "\x00",
        "\u202e",
        "é",
        "..",
        ",",
        "-1",
        "1.5",
        "troops(",
        "Ж",
    ]
)
FUZZ = settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])


def assert_parses_or_is_one_clear_line(text: str) -> None:
    try:
        expression = parse(text, VOCABULARY)
    except ConditionError as error:
        problem: ConditionError | None = error
    else:
        problem = None
    if problem is not None:
        assert "\n" not in problem.message
        assert len(problem.message) < 600
        assert 0 <= problem.position <= len(text)
        return
    assert parse(to_text(expression), VOCABULARY) == expression


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text_parses_or_is_refused_in_one_line(text: str) -> None:
    assert_parses_or_is_one_clear_line(text)


@FUZZ
@given(st.lists(PIECES, max_size=40).map(" ".join))
def test_near_valid_token_soup_parses_or_is_refused_in_one_line(text: str) -> None:
    assert_parses_or_is_one_clear_line(text)


@settings(max_examples=examples(20))
@given(st.integers(min_value=1, max_value=20_000))
def test_deep_nesting_and_long_numbers_do_not_crash(depth: int) -> None:
    assert_parses_or_is_one_clear_line("(" * depth + "ceasefire" + ")" * depth)
    assert_parses_or_is_one_clear_line(f"troops(FRA) >= {'9' * depth}")
