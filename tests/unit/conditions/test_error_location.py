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
