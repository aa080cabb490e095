"""A condition in plain words, as the respondent's form shows it under the condition field."""

import pytest

from forcegen.conditions import PlainNames, in_plain_words, parse

NAMES = PlainNames(
    drivers={"us.air_cover": "US air cover", "ceasefire": "Ceasefire in force"},
    participants={"GBR": "United Kingdom", "FRA": "France"},
    capabilities={"land.combat": "Land combat forces"},
)

SENTENCES = [
    ("nothing", "", "always (no condition)"),
    ("one-driver", "us.air_cover", "US air cover"),
    (
        "drivers-and-a-government",
        "us.air_cover and ceasefire and troops(GBR) >= 5000",
        "US air cover and Ceasefire in force and the United Kingdom sends at least 5,000 personnel",
    ),
    ("no-article-for-france", "troops(FRA) > 0", "France sends more than 0 personnel"),
    (
        "or-inside-and-keeps-its-parentheses",
        "ceasefire and (us.air_cover or troops(FRA) >= 1)",
        "Ceasefire in force and (US air cover or France sends at least 1 personnel)",
    ),
    ("not", "not ceasefire", "not (Ceasefire in force)"),
    (
        "contributors",
        "contributors(land.combat) >= 10",
        "at least 10 governments contribute Land combat forces",
    ),
    ("unknown-name-stays-as-written", "un_mandate", "un_mandate"),
]


@pytest.mark.parametrize(
    ("text", "sentence"), [s[1:] for s in SENTENCES], ids=[s[0] for s in SENTENCES]
)
def test_a_condition_reads_as_a_sentence(text: str, sentence: str) -> None:
    assert in_plain_words(parse(text), NAMES) == sentence
