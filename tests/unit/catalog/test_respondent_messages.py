"""Respondents answer in a browser: the errors their answers meet point at the form, never
at a command line they do not have."""

from __future__ import annotations

import pytest

from forcegen.catalog import load_catalog
from forcegen.model.questionnaire import validate_answers

CATALOG = load_catalog()


@pytest.mark.parametrize(
    "condition",
    ["us.isrr", "troops(Frnce) >= 1000", "contributors(land.combatt) >= 2"],
    ids=["driver", "country", "capability"],
)
def test_an_unknown_name_in_a_condition_points_at_the_form(condition: str) -> None:
    message = CATALOG.answer_vocabulary().check_condition(condition)

    assert message is not None
    assert "forcegen " not in message


def test_an_unknown_country_in_an_answer_points_at_the_form() -> None:
    problems = validate_answers(
        CATALOG.questionnaires["default"],
        {"participants": {"countries": ["FRX"]}},
        participant=CATALOG.participants["FRA"],
        vocabulary=CATALOG.answer_vocabulary(),
        require_complete=False,
    )

    assert [p.path for p in problems] == ["participants.countries[0]"]
    assert "forcegen " not in problems[0].message
