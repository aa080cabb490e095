"""The parsed condition of each pledge, checked so that activation stays monotone.

Callers may hand in trees they already hold (parsed once and cached, or built in code); any
pledge without one has its condition text parsed here. The empty text means unconditional.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from forcegen.conditions import And, Expr, Not, Or, has_thresholds, parse, to_text
from forcegen.model.errors import ConditionError, ForcegenError, InvalidInputError
from forcegen.model.pledge import Pledge


def pledge_conditions(
    pledges: Iterable[Pledge], conditions: Mapping[str, Expr] | None = None
) -> dict[str, Expr]:
    """Map each pledge id to its condition tree.

    Raises:
        InvalidInputError: two pledges share an id.
        ConditionError: a condition does not parse, or applies `not` to a pledge reference
            (which would make activation non-monotone, so no fixpoint need exist).
    """
    given = conditions or {}
    result: dict[str, Expr] = {}
    parsed: dict[str, Expr] = {}  # many pledges share a text ("ceasefire"): read it once
    # ...and trees handed in are often shared the same way (parsed here before): check each
    # tree once. Each checked tree is kept here, alive, so that its id is never reused.
    checked: dict[int, Expr] = {}
    for pledge in pledges:
        if pledge.id in result:
            raise InvalidInputError(
                f"Two pledges share the id {pledge.id!r}: every pledge needs its own id, so "
                "that each total can name the pledges behind it. Rename one of them."
            )
        expr = given.get(pledge.id)
        if expr is not None:
            if id(expr) not in checked:
                _check_monotone(expr, pledge)
                checked[id(expr)] = expr
        elif (expr := parsed.get(pledge.condition)) is None:
            expr = parsed[pledge.condition] = _parse(pledge)
            _check_monotone(expr, pledge)
        result[pledge.id] = expr
    return result


def _parse(pledge: Pledge) -> Expr:
    try:
        return parse(pledge.condition)
    except ConditionError as error:
        raise ConditionError(
            f"Pledge {pledge.id!r} of {pledge.contributor}: {error.message}",
            text=error.text,
            position=error.position,
        ) from error


def _check_monotone(expr: Expr, pledge: Pledge) -> None:
    match expr:
        case Not(operand) if has_thresholds(operand):
            raise ConditionError(
                f"Pledge {pledge.id!r} of {pledge.contributor} has the condition "
                f"{_shown(expr)!r}, which applies 'not' to a pledge reference: a pledge may not "
                "depend on someone NOT pledging. Apply 'not' to drivers only, or drop it."
            )
        case Not(operand):
            _check_monotone(operand, pledge)
        case And(operands) | Or(operands):
            for operand in operands:
                _check_monotone(operand, pledge)
        case _:
            return


def _shown(expr: Expr) -> str:
    try:
        return to_text(expr)
    except ForcegenError:
        return repr(expr)
