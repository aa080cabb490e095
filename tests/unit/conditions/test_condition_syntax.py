"""The syntax of the condition language: what each way of writing a condition means."""

import pytest

from forcegen.conditions import (
    TRUE,
    And,
    Comparison,
    Const,
    DriverRef,
    Expr,
    Function,
    Not,
    Or,
    Threshold,
    Vocabulary,
    parse,
)

a, b, c = DriverRef("a"), DriverRef("b"), DriverRef("c")


def troops(code: str, value: int, comparison: Comparison = Comparison.AT_LEAST) -> Threshold:
    return Threshold(Function.TROOPS, code, comparison, value)


def contributors(key: str, value: int, comparison: Comparison = Comparison.AT_LEAST) -> Threshold:
    return Threshold(Function.CONTRIBUTORS, key, comparison, value)


SYNTAX: list[tuple[str, str, Expr]] = [
    ("empty", "", TRUE),
    ("blank", "  \t\n ", TRUE),
    ("comment-only", "# nothing required", TRUE),
    ("true", "true", Const(True)),
    ("false", "false", Const(False)),
    ("driver", "ceasefire", DriverRef("ceasefire")),
    ("dotted-driver", "us.air_cover", DriverRef("us.air_cover")),
    ("driver-keeps-case", "parliament.DEU", DriverRef("parliament.DEU")),
    ("and", "a and b", And((a, b))),
    ("and-chain-is-flat", "a and b and c", And((a, b, c))),
    ("or-chain-is-flat", "a or b or c", Or((a, b, c))),
    ("not", "not a", Not(a)),
    ("double-not", "not not a", Not(Not(a))),
    ("not-over-parentheses", "not (a or b)", Not(Or((a, b)))),
    ("parentheses-vanish", "((a))", a),
    ("troops-at-least", "troops(FRA) >= 5000", troops("FRA", 5000)),
    ("troops-more-than", "troops(GBR) > 0", troops("GBR", 0, Comparison.MORE_THAN)),
    ("contributors", "contributors(land.combat) >= 10", contributors("land.combat", 10)),
    ("no-spaces-needed", "troops(FRA)>=5000", troops("FRA", 5000)),
    ("leading-zeros", "troops(FRA) >= 007", troops("FRA", 7)),
    ("thousands-with-commas", "troops(FRA) >= 5,000", troops("FRA", 5000)),
    ("common-name", "troops(UK) >= 1", troops("GBR", 1)),
    ("common-name-any-case", "troops(britain) >= 1", troops("GBR", 1)),
    ("short-name", "troops(Turkey) > 0", troops("TUR", 0, Comparison.MORE_THAN)),
    ("own-name-with-accents", "troops(Türkiye) > 0", troops("TUR", 0, Comparison.MORE_THAN)),
    ("code-in-lower-case", "troops(fra) >= 1", troops("FRA", 1)),
    (
        "reciprocity",
        "troops(FRA) >= 5000 and troops(GBR) >= 5000",
        And((troops("FRA", 5000), troops("GBR", 5000))),
    ),
    (
        "design-example",
        "ceasefire and (un_mandate or peace_agreement)",
        And((DriverRef("ceasefire"), Or((DriverRef("un_mandate"), DriverRef("peace_agreement"))))),
    ),
    ("keywords-ignore-case", "NOT a AND b Or TRUE", Or((And((Not(a), b)), Const(True)))),
    ("functions-ignore-case", "TROOPS(FRA) >= 1", troops("FRA", 1)),
    ("multi-line", "a and\n  (b or\n   c)", And((a, Or((b, c))))),
]


@pytest.mark.parametrize(("text", "expected"), [s[1:] for s in SYNTAX], ids=[s[0] for s in SYNTAX])
def test_each_way_of_writing_a_condition_parses_to_its_meaning(text: str, expected: Expr) -> None:
    assert parse(text) == expected


PRECEDENCE: list[tuple[str, str, Expr]] = [
    ("and-binds-tighter-than-or", "a or b and c", Or((a, And((b, c))))),
    ("and-binds-tighter-than-or-on-the-left", "a and b or c", Or((And((a, b)), c))),
    ("not-binds-tighter-than-and", "not a and b", And((Not(a), b))),
    ("not-binds-tighter-than-or", "not a or b", Or((Not(a), b))),
    ("parentheses-override", "(a or b) and c", And((Or((a, b)), c))),
    (
        "threshold-is-an-atom",
        "troops(FRA) >= 1 or a and contributors(air.defence) > 2",
        Or((troops("FRA", 1), And((a, contributors("air.defence", 2, Comparison.MORE_THAN))))),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [p[1:] for p in PRECEDENCE], ids=[p[0] for p in PRECEDENCE]
)
def test_or_binds_loosest_then_and_then_not(text: str, expected: Expr) -> None:
    assert parse(text) == expected


class TestComments:
    def test_a_comment_runs_to_the_end_of_its_line(self) -> None:
        text = "troops(FRA) >= 5000   # reciprocity\nand b  # and b too"

        assert parse(text) == And((troops("FRA", 5000), b))

    def test_a_comment_can_hide_what_looks_like_syntax(self) -> None:
        assert parse("a # or (troops(FRA) < 3") == a


class TestNames:
    def test_driver_names_are_case_sensitive(self) -> None:
        assert parse("Ceasefire") == DriverRef("Ceasefire") != parse("ceasefire")

    def test_without_vocabulary_any_well_formed_name_is_accepted(self) -> None:
        assert parse("anything.at_all and troops(XYZ) > 1") == And(
            (DriverRef("anything.at_all"), troops("XYZ", 1, Comparison.MORE_THAN))
        )

    def test_with_vocabulary_known_names_are_accepted(self) -> None:
        vocabulary = Vocabulary.of(
            drivers=["us.isr"], participants=["FRA"], capabilities=["land.combat"]
        )

        expr = parse("us.isr and troops(FRA) >= 1 and contributors(land.combat) >= 2", vocabulary)

        assert expr == And((DriverRef("us.isr"), troops("FRA", 1), contributors("land.combat", 2)))

    def test_a_name_may_contain_a_keyword_between_dots(self) -> None:
        assert parse("not.and.or") == DriverRef("not.and.or")
