"""The normal form: flat, constant-free where possible, one tree per meaning as written."""

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
    normalise,
)

a, b, c = DriverRef("a"), DriverRef("b"), DriverRef("c")
T, F = Const(True), Const(False)
FRA_1 = Threshold(Function.TROOPS, "FRA", Comparison.AT_LEAST, 1)

NORMALISED: list[tuple[str, Expr, Expr]] = [
    ("driver-unchanged", a, a),
    ("threshold-unchanged", FRA_1, FRA_1),
    ("flattens-nested-and", And((And((a, b)), c)), And((a, b, c))),
    ("flattens-nested-or", Or((a, Or((b, c)))), Or((a, b, c))),
    ("keeps-or-inside-and", And((Or((a, b)), c)), And((Or((a, b)), c))),
    ("single-operand-and-is-its-operand", And((a,)), a),
    ("single-operand-or-is-its-operand", Or((a,)), a),
    ("empty-and-is-true", And(()), T),
    ("empty-or-is-false", Or(()), F),
    ("and-with-false-is-false", And((a, F, b)), F),
    ("and-drops-true", And((a, T, b)), And((a, b))),
    ("or-with-true-is-true", Or((a, T)), T),
    ("or-drops-false", Or((F, a, F)), a),
    ("not-true-is-false", Not(T), F),
    ("not-false-is-true", Not(F), T),
    ("double-negation-cancels", Not(Not(a)), a),
    ("triple-negation-is-one", Not(Not(Not(a))), Not(a)),
    ("repeated-operand-kept-once-in-order", And((b, a, b, a)), And((b, a))),
    ("repeats-found-after-flattening", Or((Or((a, b)), And((b,)))), Or((a, b))),
    (
        "folding-exposes-more-flattening",
        And((Or((F, And((a, b)))), c)),
        And((a, b, c)),
    ),
    ("folding-inside-not", Not(And((a, T))), Not(a)),
]


@pytest.mark.parametrize(
    ("expr", "expected"), [n[1:] for n in NORMALISED], ids=[n[0] for n in NORMALISED]
)
def test_normalise_gives_the_normal_form(expr: Expr, expected: Expr) -> None:
    assert normalise(expr) == expected


def test_normalise_keeps_the_order_the_author_wrote() -> None:
    assert normalise(And((c, a, b))) == And((c, a, b))
