"""Properties of the condition language over random conditions and random scenarios.

The reference evaluator here shares no code with `forcegen.conditions`: it builds the truth
table of a condition over its atoms (drivers and thresholds) as a bit mask, one bit per row.
"""

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import reduce

from hypothesis import given
from hypothesis import strategies as st

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
    Vocabulary,
    check,
    evaluate,
    normalise,
    parse,
    to_text,
)
from forcegen.model.errors import ConditionError

DRIVERS = ("a", "b", "us.air_cover", "parliament.DEU")
PARTICIPANTS = ("FRA", "GBR")
CAPABILITIES = ("land.combat", "air.defence")
VOCABULARY = Vocabulary.of(drivers=DRIVERS, participants=PARTICIPANTS, capabilities=CAPABILITIES)


@dataclass(frozen=True)
class Environment:
    drivers: Mapping[str, bool]
    troops: Mapping[str, int]
    contributors: Mapping[str, int]


def junctions(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    operands = st.lists(children, max_size=3).map(tuple)
    return st.one_of(st.builds(And, operands), st.builds(Or, operands))


constants = st.builds(Const, st.booleans())
drivers = st.builds(DriverRef, st.sampled_from(DRIVERS))
comparisons = st.sampled_from(Comparison)
amounts = st.integers(0, 6)
thresholds = st.one_of(
    st.builds(
        Threshold, st.just(Function.TROOPS), st.sampled_from(PARTICIPANTS), comparisons, amounts
    ),
    st.builds(
        Threshold,
        st.just(Function.CONTRIBUTORS),
        st.sampled_from(CAPABILITIES),
        comparisons,
        amounts,
    ),
)
driver_conditions: st.SearchStrategy[Expr] = st.recursive(
    st.one_of(constants, drivers),
    lambda children: st.one_of(st.builds(Not, children), junctions(children)),
    max_leaves=8,
)
"""Conditions without thresholds: the only ones `not` may apply to."""
conditions: st.SearchStrategy[Expr] = st.recursive(
    st.one_of(constants, drivers, thresholds, st.builds(Not, driver_conditions)),
    junctions,
    max_leaves=10,
)
environments = st.builds(
    Environment,
    st.dictionaries(st.sampled_from(DRIVERS), st.booleans()),
    st.dictionaries(st.sampled_from(PARTICIPANTS), amounts),
    st.dictionaries(st.sampled_from(CAPABILITIES), amounts),
)


def atoms(expr: Expr) -> list[Expr]:
    if isinstance(expr, DriverRef | Threshold):
        return [expr]
    if isinstance(expr, Not):
        return atoms(expr.operand)
    if isinstance(expr, And | Or):
        return [atom for operand in expr.operands for atom in atoms(operand)]
    return []


def truth_table(expr: Expr, order: list[Expr]) -> int:
    """Bit r is the value of `expr` when atom i is true exactly if bit i of r is set."""
    rows = 1 << len(order)
    every_row = (1 << rows) - 1
    if isinstance(expr, Const):
        return every_row if expr.value else 0
    if isinstance(expr, Not):
        return every_row & ~truth_table(expr.operand, order)
    if isinstance(expr, And):
        return reduce(operator.and_, (truth_table(o, order) for o in expr.operands), every_row)
    if isinstance(expr, Or):
        return reduce(operator.or_, (truth_table(o, order) for o in expr.operands), 0)
    column = order.index(expr)
    return sum(1 << row for row in range(rows) if row >> column & 1)


COMPARE: dict[str, Callable[[int, int], bool]] = {">=": operator.ge, ">": operator.gt}


def atom_holds(atom: Expr, environment: Environment) -> bool:
    if isinstance(atom, DriverRef):
        return environment.drivers.get(atom.name, False)
    assert isinstance(atom, Threshold)
    table = environment.troops if atom.function is Function.TROOPS else environment.contributors
    return COMPARE[str(atom.comparison)](table.get(atom.argument, 0), atom.value)


def reference(expr: Expr, environment: Environment) -> bool:
    order = list(dict.fromkeys(atoms(expr)))
    row = sum(1 << i for i, atom in enumerate(order) if atom_holds(atom, environment))
    return bool(truth_table(expr, order) >> row & 1)


def holds(expr: Expr, environment: Environment) -> bool:
    return evaluate(
        expr,
        drivers=environment.drivers,
        troops=environment.troops,
        contributors=environment.contributors,
    )


@given(conditions)
def test_printing_then_parsing_gives_back_the_same_normal_form(expr: Expr) -> None:
    assert normalise(parse(to_text(expr), VOCABULARY)) == normalise(expr)


@given(conditions)
def test_a_normal_form_prints_and_parses_back_exactly(expr: Expr) -> None:
    normal = normalise(expr)

    assert parse(to_text(normal), VOCABULARY) == normal


@given(conditions)
def test_normalise_is_idempotent(expr: Expr) -> None:
    assert normalise(normalise(expr)) == normalise(expr)


@given(conditions)
def test_every_printed_condition_passes_the_check(expr: Expr) -> None:
    assert check(to_text(expr), VOCABULARY) is None


@given(conditions, environments)
def test_evaluate_agrees_with_the_truth_table_reference(
    expr: Expr, environment: Environment
) -> None:
    assert holds(expr, environment) == reference(expr, environment)


@given(conditions, environments)
def test_normalise_preserves_the_meaning(expr: Expr, environment: Environment) -> None:
    assert holds(normalise(expr), environment) == reference(expr, environment)


@given(conditions, environments)
def test_a_printed_and_parsed_condition_means_the_same(
    expr: Expr, environment: Environment
) -> None:
    assert holds(parse(to_text(expr)), environment) == reference(expr, environment)


@given(conditions, environments, st.integers(0, 3), st.integers(0, 3))
def test_more_pledges_never_switch_a_condition_off(
    expr: Expr, environment: Environment, more_troops: int, more_contributors: int
) -> None:
    more = Environment(
        environment.drivers,
        {code: environment.troops.get(code, 0) + more_troops for code in PARTICIPANTS},
        {key: environment.contributors.get(key, 0) + more_contributors for key in CAPABILITIES},
    )

    assert not holds(expr, environment) or holds(expr, more)


GRAMMAR_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "FRA",
        "troops",
        "contributors",
        "(",
        ")",
        "and",
        "or",
        "not",
        "true",
        ">=",
        ">",
        "<",
        "5",
        "1.5",
        " ",
        "\n",
        "#",
        "$",
        "land.combat",
        "us.air_cover",
        ".",
    ]
)


def parse_error(text: str) -> ConditionError | None:
    try:
        parse(text, VOCABULARY)
    except ConditionError as error:
        return error
    return None


@given(st.lists(GRAMMAR_PIECES, max_size=12).map("".join))
def test_any_text_parses_or_fails_with_a_one_line_condition_error(text: str) -> None:
    error = parse_error(text)

    if error is not None:
        assert "\n" not in error.message
        assert 0 <= error.position <= len(text)
        assert " at column " in error.message or " at line " in error.message
