"""Where an error is in a multi-line condition: the line it is on is named and quoted, whichever
line that is."""

from forcegen.conditions import Vocabulary, check

VOCABULARY = Vocabulary.of(drivers=["ceasefire", "us.isr"])


def test_an_error_on_the_first_of_several_lines_quotes_the_first_line() -> None:
    message = check("us.isrr and\nceasefire and\nus.isr", VOCABULARY)

    assert message == (
        "Unknown driver 'us.isrr' at line 1, column 1 of \"us.isrr and\": "
        "did you mean 'us.isr'? (known drivers: forcegen drivers list)"
    )


def test_an_error_on_a_middle_line_quotes_only_that_line() -> None:
    message = check("ceasefire and\n  us.isrr and\nus.isr", VOCABULARY)

    assert message is not None
    assert message.startswith("Unknown driver 'us.isrr' at line 2, column 3 of \"  us.isrr and\":")


def quoted(message: str | None) -> str:
    """The part of an error message that quotes the condition."""
    assert message is not None
    return message.split(' of "', 1)[1].split('": ', 1)[0]


def test_a_line_of_eighty_characters_is_quoted_whole() -> None:
    text = "us.isrr # " + "x" * 70

    assert quoted(check(text, VOCABULARY)) == text


def test_a_longer_line_is_cut_to_sixty_characters_from_its_start_near_the_problem() -> None:
    text = "us.isrr # " + "x" * 71

    assert quoted(check(text, VOCABULARY)) == text[:60] + "…"


def test_a_problem_far_into_a_long_line_is_quoted_from_thirty_characters_before_it() -> None:
    text = "ceasefire and " * 6 + "us.isrr"
    position = text.index("us.isrr")

    assert quoted(check(text, VOCABULARY)) == "…" + text[position - 30 :] + "…"
