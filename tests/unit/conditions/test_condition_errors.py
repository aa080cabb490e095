"""Every error a condition author can meet, asserted by the one-line message they see."""

import pytest

from forcegen.conditions import FORM_LISTINGS, Vocabulary, check, parse
from forcegen.model.errors import ConditionError, InvalidInputError

VOCABULARY = Vocabulary.of(
    drivers=["us.air_cover", "us.isr", "ceasefire", "russia_consent", "parliament.DEU"],
    participants=["FRA", "GBR", "DEU", "EU"],
    capabilities=["land.combat", "air.defence"],
)

MONOTONE = (
    "only '>=' and '>' are allowed, not '<', '<=' or '==', because conditions must stay "
    "monotone in pledges (more pledges may never switch a condition off)"
)
OPERAND = "expected a driver, true, false, troops(...), contributors(...), 'not' or '('"
CHARACTERS = (
    "a condition is made of names (letters, digits and '_' joined by single dots), whole "
    "numbers, parentheses, and/or/not, true/false, '>=' and '>'"
)

ERRORS: list[tuple[str, str, str]] = [
    (
        "unknown-driver-suggests-closest",
        "us.air_covr and us.isr",
        "Unknown driver 'us.air_covr' at column 1 of \"us.air_covr and us.isr\": "
        "did you mean 'us.air_cover'? (known drivers: forcegen drivers list)",
    ),
    (
        "unknown-driver-in-the-middle",
        "ceasefire and us.ir",
        "Unknown driver 'us.ir' at column 15 of \"ceasefire and us.ir\": "
        "did you mean 'us.isr'? (known drivers: forcegen drivers list)",
    ),
    (
        "driver-in-the-wrong-case",
        "Ceasefire",
        "Unknown driver 'Ceasefire' at column 1 of \"Ceasefire\": did you mean 'ceasefire'? "
        "Names are case-sensitive (known drivers: forcegen drivers list)",
    ),
    (
        "unknown-driver-nothing-close",
        "zzz",
        "Unknown driver 'zzz' at column 1 of \"zzz\": "
        "use a known name (known drivers: forcegen drivers list)",
    ),
    (
        "participant-used-as-driver",
        "FRA",
        "Unknown driver 'FRA' at column 1 of \"FRA\": "
        "'FRA' is a participant; to depend on its troops write troops(FRA) >= 1",
    ),
    (
        "capability-used-as-driver",
        "land.combat",
        "Unknown driver 'land.combat' at column 1 of \"land.combat\": 'land.combat' is a "
        "capability; to depend on others contributing to it write contributors(land.combat) >= 1",
    ),
    (
        "unknown-participant",
        "troops(FRX) >= 1",
        "Unknown participant 'FRX' at column 8 of \"troops(FRX) >= 1\": "
        "did you mean 'FRA'? (known participants: forcegen participants list)",
    ),
    (
        "participant-nobody-knows",
        "troops(Narnia) >= 1",
        "Unknown participant 'Narnia' at column 8 of \"troops(Narnia) >= 1\": "
        "use a known name (known participants: forcegen participants list)",
    ),
    (
        "capability-given-to-troops",
        "troops(land.combat) >= 1",
        "Unknown participant 'land.combat' at column 8 of \"troops(land.combat) >= 1\": "
        "'land.combat' is a capability; write contributors(land.combat) to count contributors",
    ),
    (
        "unknown-capability",
        "contributors(land.cmbat) > 9",
        "Unknown capability 'land.cmbat' at column 14 of \"contributors(land.cmbat) > 9\": "
        "did you mean 'land.combat'? (known capabilities: forcegen capabilities list)",
    ),
    (
        "participant-given-to-contributors",
        "contributors(FRA) > 1",
        "Unknown capability 'FRA' at column 14 of \"contributors(FRA) > 1\": "
        "'FRA' is a participant; write troops(FRA) to count its troops",
    ),
    (
        "less-than",
        "troops(FRA) < 5000",
        f"Comparison '<' at column 13 of \"troops(FRA) < 5000\": {MONOTONE}",
    ),
    (
        "at-most",
        "troops(FRA) <= 5000",
        f"Comparison '<=' at column 13 of \"troops(FRA) <= 5000\": {MONOTONE}",
    ),
    (
        "equals",
        "contributors(land.combat) == 3",
        f"Comparison '==' at column 27 of \"contributors(land.combat) == 3\": {MONOTONE}",
    ),
    (
        "single-equals",
        "troops(FRA) = 1",
        f"Comparison '=' at column 13 of \"troops(FRA) = 1\": {MONOTONE}",
    ),
    (
        "not-equal",
        "troops(FRA) != 0",
        f"Comparison '!=' at column 13 of \"troops(FRA) != 0\": {MONOTONE}",
    ),
    (
        "not-over-threshold",
        "not troops(FRA) >= 1",
        "'not' over a pledge threshold at column 1 of \"not troops(FRA) >= 1\": a condition "
        "may not depend on someone NOT pledging, so 'not' applies only to drivers "
        "(e.g. not russia_consent); remove the 'not' or rephrase the condition",
    ),
    (
        "not-over-a-group-with-a-threshold",
        "us.isr and NOT (ceasefire or contributors(land.combat) > 2)",
        "'NOT' over a pledge threshold at column 12 of "
        '"us.isr and NOT (ceasefire or contributors(land.combat) > 2)": a condition '
        "may not depend on someone NOT pledging, so 'not' applies only to drivers "
        "(e.g. not russia_consent); remove the 'not' or rephrase the condition",
    ),
    (
        "ends-after-and",
        "ceasefire and",
        f'The condition ends too early at column 14 of "ceasefire and": {OPERAND}',
    ),
    (
        "ends-after-not",
        "not   ",
        f'The condition ends too early at column 4 of "not": {OPERAND}',
    ),
    (
        "starts-with-and",
        "and ceasefire",
        f"Unexpected 'and' at column 1 of \"and ceasefire\": {OPERAND}",
    ),
    (
        "empty-parentheses",
        "()",
        f"Unexpected ')' at column 2 of \"()\": {OPERAND}",
    ),
    (
        "missing-closing-parenthesis",
        "(ceasefire or us.isr",
        "Missing ')' at column 21 of \"(ceasefire or us.isr\": close the '(' opened at column 1",
    ),
    (
        "missing-closing-parenthesis-before-more",
        "(ceasefire us.isr)",
        "Unexpected 'us.isr' at column 12 of \"(ceasefire us.isr)\": "
        "expected 'and', 'or' or ')' to close the '(' opened at column 1",
    ),
    (
        "stray-closing-parenthesis",
        "ceasefire)",
        "Unexpected ')' at column 10 of \"ceasefire)\": there is no '(' for it to close; remove it",
    ),
    (
        "trailing-input",
        "ceasefire us.isr",
        "Unexpected 'us.isr' at column 11 of \"ceasefire us.isr\": "
        "expected 'and', 'or' or the end of the condition",
    ),
    (
        "driver-compared-with-number",
        "ceasefire >= 3",
        "Unexpected '>=' at column 11 of \"ceasefire >= 3\": "
        "only troops(...) and contributors(...) can be compared with a number",
    ),
    (
        "comparison-without-left-side",
        ">= 3",
        "Unexpected '>=' at column 1 of \">= 3\": "
        "only troops(...) and contributors(...) can be compared with a number",
    ),
    (
        "bare-number",
        "5000",
        'Unexpected number 5000 at column 1 of "5000": '
        "a number may only follow troops(...) >= or contributors(...) >=",
    ),
    (
        "function-without-parenthesis",
        "troops FRA >= 1",
        "Expected '(' after 'troops' at column 8 of \"troops FRA >= 1\": "
        "found 'FRA'; a threshold reads troops(FRA) >= 5000",
    ),
    (
        "function-without-argument",
        "contributors() >= 1",
        'Expected a capability in contributors(...) at column 14 of "contributors() >= 1": '
        "found ')'; a threshold reads contributors(land.combat) >= 10",
    ),
    (
        "function-argument-not-closed",
        "troops(FRA >= 1",
        "Expected ')' after 'troops(FRA' at column 12 of \"troops(FRA >= 1\": "
        "found '>='; a threshold reads troops(FRA) >= 5000",
    ),
    (
        "threshold-without-comparison",
        "troops(FRA)",
        "Expected '>=' or '>' after 'troops(FRA)' at column 12 of \"troops(FRA)\": "
        "found the end of the condition; a threshold reads troops(FRA) >= 5000",
    ),
    (
        "number-expected",
        "troops(FRA) >= many",
        "Expected a whole number after 'troops(FRA) >=' at column 16 of "
        "\"troops(FRA) >= many\": found 'many'; a threshold reads troops(FRA) >= 5000",
    ),
    (
        "number-with-a-decimal-comma",
        "troops(FRA) >= 5,5",
        "Number '5,5' at column 16 of \"troops(FRA) >= 5,5\": "
        "write a whole number (0 or more) without decimals, e.g. 5000 or 5,000",
    ),
    (
        "decimal-number",
        "troops(FRA) > 2.5",
        "Number '2.5' at column 15 of \"troops(FRA) > 2.5\": "
        "write a whole number (0 or more) without decimals, e.g. 5000 or 5,000",
    ),
    (
        "dots-grouping-thousands",
        "troops(FRA) >= 5.000",
        "Number '5.000' at column 16 of \"troops(FRA) >= 5.000\": "
        "write a whole number (0 or more) without decimals, e.g. 5000 or 5,000",
    ),
    (
        "negative-number",
        "troops(FRA) >= -1",
        "Number '-1' at column 16 of \"troops(FRA) >= -1\": "
        "write a whole number (0 or more) without decimals, e.g. 5000 or 5,000",
    ),
    (
        "unknown-function",
        "troop(FRA) >= 1",
        "Unknown function 'troop' at column 1 of \"troop(FRA) >= 1\": did you mean 'troops'? "
        "the functions are troops(participant) and contributors(capability)",
    ),
    (
        "unknown-function-nothing-close",
        "sum(FRA) >= 1",
        "Unknown function 'sum' at column 1 of \"sum(FRA) >= 1\": "
        "the functions are troops(participant) and contributors(capability)",
    ),
    (
        "c-style-and",
        "ceasefire && us.isr",
        "Unexpected '&&' at column 11 of \"ceasefire && us.isr\": write 'and' instead",
    ),
    (
        "c-style-or",
        "ceasefire || us.isr",
        "Unexpected '||' at column 11 of \"ceasefire || us.isr\": write 'or' instead",
    ),
    (
        "c-style-not",
        "!ceasefire",
        "Unexpected '!' at column 1 of \"!ceasefire\": write 'not' instead",
    ),
    (
        "arrow-for-at-least",
        "troops(FRA) => 1",
        "Unexpected '=>' at column 13 of \"troops(FRA) => 1\": write '>=' instead",
    ),
    (
        "unknown-operator",
        "troops(FRA) >>= 1",
        "Unexpected '>>=' at column 13 of \"troops(FRA) >>= 1\": "
        "the only operators are 'and', 'or', 'not', '>=' and '>'",
    ),
    (
        "unexpected-character",
        "ceasefire $",
        f"Unexpected character '$' at column 11 of \"ceasefire $\": {CHARACTERS}",
    ),
    (
        "name-ending-in-a-dot",
        "us. and ceasefire",
        f"Unexpected character '.' at column 3 of \"us. and ceasefire\": {CHARACTERS}",
    ),
    (
        "error-on-a-later-line-names-the-line",
        "ceasefire and\n  (us.isr or\n   us.air_covr)",
        "Unknown driver 'us.air_covr' at line 3, column 4 of \"   us.air_covr)\": "
        "did you mean 'us.air_cover'? (known drivers: forcegen drivers list)",
    ),
    (
        "missing-parenthesis-on-a-later-line",
        "(ceasefire\n and us.isr  # comment",
        "Missing ')' at line 2, column 12 of \" and us.isr  # comment\": "
        "close the '(' opened at line 1, column 1",
    ),
]


@pytest.mark.parametrize(("text", "message"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_each_error_names_the_column_and_what_to_do(text: str, message: str) -> None:
    with pytest.raises(ConditionError) as raised:
        parse(text, VOCABULARY)

    assert raised.value.message == message
    assert "\n" not in raised.value.message


def test_a_form_s_vocabulary_points_at_its_lists_not_at_the_command_line() -> None:
    vocabulary = Vocabulary.of(participants=["FRA"], drivers=["ceasefire"], listings=FORM_LISTINGS)

    for text in ("troops(Narnia) >= 1", "ceasfire", "contributors(land.cmbat) >= 1"):
        message = check(text, vocabulary)

        assert message is not None
        assert "forcegen" not in message


def test_the_error_carries_the_text_and_the_0_based_position() -> None:
    with pytest.raises(ConditionError) as raised:
        parse("ceasefire and us.ir", VOCABULARY)

    assert (raised.value.text, raised.value.position) == ("ceasefire and us.ir", 14)


def test_a_condition_error_is_an_invalid_input_error() -> None:
    with pytest.raises(InvalidInputError):
        parse("(", VOCABULARY)


def test_the_first_problem_in_the_text_is_the_one_reported() -> None:
    assert check("us.ir and zzz", VOCABULARY) == (
        "Unknown driver 'us.ir' at column 1 of \"us.ir and zzz\": "
        "did you mean 'us.isr'? (known drivers: forcegen drivers list)"
    )


def test_nesting_beyond_the_limit_is_an_error_not_a_crash() -> None:
    text = "(" * 101 + "ceasefire" + ")" * 101

    with pytest.raises(ConditionError, match=r"^Nesting deeper than 100 levels at column 101 "):
        parse(text, VOCABULARY)


def test_nesting_up_to_the_limit_is_accepted() -> None:
    assert check("not " * 50 + "(" * 50 + "ceasefire" + ")" * 50, VOCABULARY) is None


class TestCheck:
    def test_check_returns_none_for_a_valid_condition(self) -> None:
        assert check("us.isr and troops(FRA) >= 5000", VOCABULARY) is None

    def test_check_returns_none_for_the_empty_condition(self) -> None:
        assert check("", VOCABULARY) is None

    def test_check_returns_the_message_of_an_invalid_condition(self) -> None:
        assert check("troops(FRA) < 1", VOCABULARY) == (
            f"Comparison '<' at column 13 of \"troops(FRA) < 1\": {MONOTONE}"
        )

    def test_check_without_vocabulary_checks_only_the_syntax(self) -> None:
        assert check("us.air_covr") is None
