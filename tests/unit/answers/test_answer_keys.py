"""The answers-to-pledges mapping reads the keys the packaged questionnaire asks.

The answers here are built from data/questionnaire/default.yaml itself: every question and
field it declares gets a valid value. If a key is renamed in the questionnaire, the mapping
(which still reads the old key) finds nothing and a test below fails, instead of a round
silently yielding no pledges.
"""

from __future__ import annotations

from typing import Any

import pytest

from forcegen.answers.pledges import derive_pledges, us_preconditions
from forcegen.answers.sanctions import sanctions_unanimity
from forcegen.answers.summary import (
    LADDER,
    AnswerSet,
    enabler_demand,
    nominations,
    response_ladder,
    support_for_ukraine,
)
from forcegen.catalog import load_catalog
from forcegen.model.answer_vocabulary import AnswerVocabulary
from forcegen.model.pledge import PledgeKind
from forcegen.model.question_field import Field, FieldKind
from forcegen.model.questionnaire import validate_answers

CATALOG = load_catalog()
QUESTIONNAIRE = CATALOG.questionnaires["default"]
VOCABULARY = CATALOG.answer_vocabulary()
# The answer that means the most, where a field offers it (a yes, a precondition, support).
PREFERRED = ("yes", "precondition", "support", "both")


def _value(field: Field, vocabulary: AnswerVocabulary) -> Any:
    options = [option.value for option in field.options]
    if field.options_from is not None:
        options = sorted(vocabulary.values_from(field.options_from))
    match field.kind:
        case FieldKind.REPEAT_GROUP:
            return [{sub.key: _value(sub, vocabulary) for sub in field.fields}]
        case FieldKind.SELECT_ONE:
            return next((o for o in PREFERRED if o in options), options[0])
        case FieldKind.SELECT_MANY:
            return options[:1]
        case FieldKind.BOOLEAN:
            return True
        case FieldKind.INTEGER | FieldKind.MONEY_EUR:
            return int(min(max(field.min or 1, 12), field.max or 12))
        case FieldKind.COUNTRY_LIST:
            return ["CAN"]
        case FieldKind.CONDITION:
            return ""
        case _:
            return "as stated"


def full_answers() -> dict[str, Any]:
    """An answer to every field of every question of the packaged questionnaire."""
    return {
        question.key: {field.key: _value(field, VOCABULARY) for field in question.fields}
        for question in QUESTIONNAIRE.questions
    }


ANSWERS = full_answers()
FRANCE = AnswerSet("FRA", ANSWERS, "response:r/v1")


def test_the_built_answers_are_valid_for_the_questionnaire() -> None:
    problems = validate_answers(
        QUESTIONNAIRE,
        ANSWERS,
        participant=CATALOG.participants["FRA"],
        vocabulary=VOCABULARY,
        require_complete=True,
    )

    assert problems == []


@pytest.mark.parametrize(
    "kind",
    [PledgeKind.TROOPS, PledgeKind.RESPONSE_COMMITMENT],
)
def test_the_answers_yield_each_kind_of_pledge(kind: PledgeKind) -> None:
    derived = derive_pledges(participant="FRA", answers=ANSWERS, source_id="s")

    assert kind in {pledge.kind for pledge in derived.pledges}


def test_support_for_ukraine_yields_equipment_or_funding() -> None:
    kinds = {pledge.kind for pledge in FRANCE.derived.pledges}

    assert kinds & {PledgeKind.EQUIPMENT, PledgeKind.FUNDING}


def test_forces_from_outside_ukraine_are_read() -> None:
    assert any("/outside/" in pledge.id for pledge in FRANCE.derived.pledges)


def test_us_preconditions_become_the_default_condition() -> None:
    assert us_preconditions(ANSWERS)
    troops = [p for p in FRANCE.derived.pledges if p.kind is PledgeKind.TROOPS]
    assert all(pledge.condition for pledge in troops)


def test_sanctions_stances_are_read() -> None:
    assert FRANCE.derived.sanctions
    assert sanctions_unanimity([FRANCE], eu_members={"FRA"})


def test_every_summary_finds_its_answers() -> None:
    assert enabler_demand([FRANCE])
    assert nominations([FRANCE], invited={"FRA"})
    assert response_ladder([FRANCE]).contributors_answered == ("FRA",)
    assert support_for_ukraine([FRANCE], {"FRA": 3000.0}).by_category


def test_the_response_ladder_is_the_questionnaire_s_steps_in_order() -> None:
    question = next(q for q in QUESTIONNAIRE.questions if q.key == "if_attacked")
    rungs = next(f for f in question.fields if f.kind is FieldKind.REPEAT_GROUP)
    step = next(f for f in rungs.fields if f.kind is FieldKind.SELECT_ONE)

    assert tuple(option.value for option in step.options) == LADDER
