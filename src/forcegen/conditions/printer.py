"""The printer: the canonical text of a condition, which parses back to the same meaning.

Keywords are lower-case, parentheses appear only where precedence needs them
(`or` < `and` < `not` < atoms), and thresholds read `troops(FRA) >= 5000`.
"""

from __future__ import annotations

from forcegen.conditions.ast import And, Const, DriverRef, Expr, Not, Or, Threshold
from forcegen.conditions.lexer import is_plain_name
from forcegen.model.errors import ConditionError

_OR, _AND, _NOT, _ATOM = 1, 2, 3, 4


def to_text(expr: Expr) -> str:
    """Write `expr` in the condition language; `parse(to_text(e))` means the same as `e`.

    An empty `and` prints as `true` and an empty `or` as `false`.

    Raises:
        ConditionError: a name in `expr` cannot be written (not a valid name, or a keyword).
    """
    return _text(expr, _OR)


def _text(expr: Expr, context: int) -> str:
    """Write `expr` where the surrounding operator binds with precedence `context`."""
    match expr:
        case Const(value):
            return "true" if value else "false"
        case DriverRef(name):
            return _name(name, "driver")
        case Threshold():
            argument = _name(expr.argument, "argument")
            return f"{expr.function.value}({argument}) {expr.comparison.value} {expr.value}"
        case Not(operand):
            return _parenthesise(f"not {_text(operand, _NOT)}", _NOT, context)
        case And(operands):
            return _junction(operands, "and", _AND, context)
        case Or(operands):
            return _junction(operands, "or", _OR, context)


def _junction(operands: tuple[Expr, ...], keyword: str, precedence: int, context: int) -> str:
    if not operands:
        return "true" if keyword == "and" else "false"
    if len(operands) == 1:
        return _text(operands[0], context)
    text = f" {keyword} ".join(_text(operand, precedence) for operand in operands)
    return _parenthesise(text, precedence, context)


def _parenthesise(text: str, precedence: int, context: int) -> str:
    return f"({text})" if precedence < context else text


def _name(name: str, role: str) -> str:
    if not is_plain_name(name):
        raise ConditionError(
            f"The {role} name {name!r} cannot be written in a condition: use letters, digits "
            "and '_' joined by single dots, and not a keyword (and, or, not, true, false, "
            "troops, contributors)"
        )
    return name
