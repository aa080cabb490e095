"""The canonical text of a condition: lower-case keywords and only the parentheses needed."""

import pytest

from forcegen.conditions import (
    And,
    Comparison,
    Const,
    DriverRef,
    Expr,
    Function,
    Not,
    Or,
    Threshold,
    parse,
    to_text,
)
from forcegen.model.errors import ConditionError

a, b, c = DriverRef("a"), DriverRef("b"), DriverRef("c")
FRA_5000 = Threshold(Function.TROOPS, "FRA", Comparison.AT_LEAST, 5000)
LAND_9 = Threshold(Function.CONTRIBUTORS, "land.combat", Comparison.MORE_THAN, 9)

PRINTED: list[tuple[str, Expr, str]] = [
    ("true", Const(True), "true"),
    ("false", Const(False), "false"),
    ("driver", DriverRef("parliament.DEU"), "parliament.DEU"),
    ("troops", FRA_5000, "troops(FRA) >= 5000"),
    ("contributors", LAND_9, "contributors(land.combat) > 9"),
    ("and", And((a, b, c)), "a and b and c"),
    ("or", Or((a, b, c)), "a or b or c"),
    ("and-inside-or-needs-no-parentheses", Or((And((a, b)), c)), "a and b or c"),
    ("or-inside-and-needs-parentheses", And((Or((a, b)), c)), "(a or b) and c"),
    ("nested-and-prints-flat", And((And((a, b)), c)), "a and b and c"),
    ("not-of-driver", Not(a), "not a"),
    ("not-of-not", Not(Not(a)), "not not a"),
    ("not-of-and", Not(And((a, b))), "not (a and b)"),
    ("not-of-or-inside-and", And((Not(Or((a, b))), c)), "not (a or b) and c"),
    (
        "thresholds-need-no-parentheses",
        Or((FRA_5000, And((LAND_9, a)))),
        ("troops(FRA) >= 5000 or contributors(land.combat) > 9 and a"),
    ),
    ("empty-and-is-true", And(()), "true"),
    ("empty-or-is-false", Or(()), "false"),
    ("single-operand-prints-its-operand", And((Or((a, b)),)), "a or b"),
    ("single-operand-keeps-needed-parentheses", And((And((Or((a, b)),)), c)), "(a or b) and c"),
]


@pytest.mark.parametrize(("expr", "text"), [p[1:] for p in PRINTED], ids=[p[0] for p in PRINTED])
def test_to_text_writes_the_canonical_text(expr: Expr, text: str) -> None:
    assert to_text(expr) == text


@pytest.mark.parametrize(
    "text",
    [
        "  CEASEFIRE_x   AND (a OR  b)",
        "troops(FRA)>=5000 and\n troops(GBR) >= 5000  # reciprocity",
        "not (((a)))",
        "TRUE or False",
    ],
)
def test_printing_a_parsed_condition_gives_its_canonical_text_which_is_stable(text: str) -> None:
    canonical = to_text(parse(text))

    assert to_text(parse(canonical)) == canonical
    assert "#" not in canonical
    assert canonical == canonical.strip()


@pytest.mark.parametrize(
    "expr",
    [DriverRef("and"), DriverRef("two words"), DriverRef(""), DriverRef("a..b")],
    ids=["keyword", "space", "empty", "double-dot"],
)
def test_a_driver_name_that_cannot_be_written_is_an_error(expr: Expr) -> None:
    with pytest.raises(ConditionError, match=r"cannot be written in a condition"):
        to_text(expr)


def test_a_threshold_argument_that_cannot_be_written_is_an_error() -> None:
    expr = Threshold(Function.TROOPS, "Troops", Comparison.AT_LEAST, 1)

    with pytest.raises(ConditionError) as raised:
        to_text(expr)

    assert raised.value.message == (
        "The argument name 'Troops' cannot be written in a condition: use letters, digits and "
        "'_' joined by single dots, and not a keyword (and, or, not, true, false, troops, "
        "contributors)"
    )
