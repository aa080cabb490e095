"""A participant written by its common name stands for its code, but only for a government the
vocabulary knows: a known country that is not taking part is still an unknown participant."""

import pytest

from forcegen.conditions import Comparison, Function, Threshold, Vocabulary, parse
from forcegen.model.errors import ConditionError

VOCABULARY = Vocabulary.of(participants=["GBR", "FRA", "TUR"], capabilities=["isr"])


@pytest.mark.parametrize(("name", "code"), [("UK", "GBR"), ("France", "FRA"), ("Turkey", "TUR")])
def test_a_common_name_of_a_participant_is_read_as_its_code(name: str, code: str) -> None:
    condition = parse(f"troops({name}) >= 100", VOCABULARY)

    assert condition == Threshold(Function.TROOPS, code, Comparison.AT_LEAST, 100)


def test_a_country_that_is_not_a_participant_is_refused_by_its_common_name_too() -> None:
    with pytest.raises(ConditionError, match=r"^Unknown participant 'Japan' at column 8 "):
        parse("troops(Japan) >= 100", VOCABULARY)
