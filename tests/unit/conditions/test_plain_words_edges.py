"""Plain words at the edges: constant conditions, negated groups, names the form does not know,
and trees built by code rather than parsed (single-operand groups)."""

import pytest

from forcegen.conditions import And, DriverRef, Or, PlainNames, in_plain_words, parse

NAMES = PlainNames(
    drivers={"ceasefire": "Ceasefire in force", "us.isr": "US intelligence"},
    participants={"GBR": "United Kingdom"},
    capabilities={"isr": "Intelligence and surveillance"},
)

SENTENCES = [
    ("false-is-never", "false", "never"),
    ("true-is-no-condition", "true", "always (no condition)"),
    (
        "a-negated-group-has-one-pair-of-parentheses",
        "not (ceasefire and us.isr)",
        "not (Ceasefire in force and US intelligence)",
    ),
    (
        "an-unknown-participant-stays-as-written",
        "troops(POL) >= 2000",
        "POL sends at least 2,000 personnel",
    ),
    (
        "an-unknown-capability-stays-as-written",
        "contributors(air.lift) > 1",
        "more than 1 governments contribute air.lift",
    ),
]


@pytest.mark.parametrize(
    ("text", "sentence"), [s[1:] for s in SENTENCES], ids=[s[0] for s in SENTENCES]
)
def test_edge_conditions_read_as_a_sentence(text: str, sentence: str) -> None:
    assert in_plain_words(parse(text), NAMES) == sentence


def test_a_group_of_one_built_by_code_reads_without_parentheses() -> None:
    tree = Or((DriverRef("ceasefire"), And((DriverRef("us.isr"),))))

    assert in_plain_words(tree, NAMES) == "Ceasefire in force or US intelligence"
