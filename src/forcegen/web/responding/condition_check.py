"""The live check of a condition field: the condition language's verdict, its normal form,
the condition in plain words and, for the form's builder, its parts."""

from __future__ import annotations

from forcegen.catalog import Catalog
from forcegen.conditions import (
    FORM_LISTINGS,
    And,
    Comparison,
    Const,
    DriverRef,
    Expr,
    Function,
    Threshold,
    in_plain_words,
    parse,
    to_text,
)
from forcegen.model.errors import ConditionError
from forcegen.web.schemas.responding import ConditionCheckRead, ConditionPartRead

MAX_CONDITION_LENGTH = 1000


def check_condition_text(text: str, catalog: Catalog) -> ConditionCheckRead:
    """Say whether `text` is a valid condition; if it is, print it back as it was understood."""
    if len(text) > MAX_CONDITION_LENGTH:
        message = f"is {len(text)} characters long; keep a condition to {MAX_CONDITION_LENGTH}"
        return ConditionCheckRead(ok=False, message=message)
    try:
        expr = parse(text, catalog.condition_vocabulary(FORM_LISTINGS))
    except ConditionError as error:
        return ConditionCheckRead(ok=False, message=error.message)
    return ConditionCheckRead(
        ok=True,
        normalised=to_text(expr),
        plain=in_plain_words(expr, catalog.plain_names()),
        parts=builder_parts(expr),
    )


def builder_parts(expr: Expr) -> list[ConditionPartRead] | None:
    """The parts of an `and` of drivers and `troops(X) >= n`; None for any other condition."""
    if expr == Const(True):
        return []
    operands = expr.operands if isinstance(expr, And) else (expr,)
    parts = []
    for operand in operands:
        if isinstance(operand, DriverRef):
            parts.append(ConditionPartRead(kind="driver", name=operand.name))
        elif (
            isinstance(operand, Threshold)
            and operand.function is Function.TROOPS
            and operand.comparison is Comparison.AT_LEAST
        ):
            parts.append(
                ConditionPartRead(kind="troops", name=operand.argument, at_least=operand.value)
            )
        else:
            return None
    return parts
