"""Normal form: one canonical tree per way of writing a condition, with the same meaning.

Used to compare conditions and to check that printing and parsing again loses nothing:
nested `and`/`or` are flattened, constants folded, repeated operands and double negations
dropped, and single-operand `and`/`or` replaced by their operand. The order of operands is
kept, because it is the order the author wrote them in.
"""

from __future__ import annotations

from forcegen.conditions.ast import And, Const, Expr, Not, Or


def normalise(expr: Expr) -> Expr:
    """Return the normal form of `expr`; `evaluate` gives the same result on both."""
    match expr:
        case Not(operand):
            return _negate(normalise(operand))
        case And(operands):
            return _junction(And, [normalise(o) for o in operands])
        case Or(operands):
            return _junction(Or, [normalise(o) for o in operands])
        case _:
            return expr


def _negate(operand: Expr) -> Expr:
    match operand:
        case Const(value):
            return Const(not value)
        case Not(inner):
            return inner
        case _:
            return Not(operand)


def _junction(kind: type[And] | type[Or], operands: list[Expr]) -> Expr:
    """Fold `and` (or `or`) over already normalised operands."""
    neutral = kind is And  # true is neutral in `and`; false is neutral in `or`
    flat: list[Expr] = []
    for operand in operands:
        flat.extend(operand.operands if isinstance(operand, kind) else (operand,))
    if Const(not neutral) in flat:
        return Const(not neutral)
    kept = list(dict.fromkeys(o for o in flat if o != Const(neutral)))
    if not kept:
        return Const(neutral)
    if len(kept) == 1:
        return kept[0]
    return kind(tuple(kept))
