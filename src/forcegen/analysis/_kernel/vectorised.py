"""Conditions evaluated over arrays of scenarios, and conditions with some drivers fixed."""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Mapping
from functools import cache, reduce

import numpy as np
from numpy.typing import NDArray

from forcegen.conditions import And, Const, DriverRef, Expr, Not, Or, Threshold, normalise

BoolArray = NDArray[np.bool_]


def evaluate_arrays(
    expr: Expr,
    *,
    driver: Callable[[str], BoolArray],
    atom: Callable[[Threshold], BoolArray],
    size: int,
) -> BoolArray:
    """The truth of `expr` in each of `size` scenarios.

    `driver(name)` and `atom(threshold)` return boolean arrays of shape (size,).
    """
    match expr:
        case Const(value):
            return np.full(size, value)
        case DriverRef(name):
            return driver(name)
        case Threshold():
            return atom(expr)
        case Not(operand):
            return ~evaluate_arrays(operand, driver=driver, atom=atom, size=size)
        case And(operands) | Or(operands):
            if not operands:  # the empty `and` holds, the empty `or` does not
                return np.full(size, isinstance(expr, And))
            parts = [evaluate_arrays(o, driver=driver, atom=atom, size=size) for o in operands]
            return reduce(np.logical_and if isinstance(expr, And) else np.logical_or, parts)


def fix_drivers(expr: Expr, values: Mapping[str, bool], free: Collection[str]) -> Expr:
    """`expr` with every driver not in `free` replaced by its value (missing = false), folded."""
    return normalise(_substitute(expr, values, free))


def _substitute(expr: Expr, values: Mapping[str, bool], free: Collection[str]) -> Expr:
    match expr:
        case DriverRef(name) if name not in free:
            return Const(values.get(name, False))
        case Not(operand):
            return Not(_substitute(operand, values, free))
        case And(operands):
            return And(tuple(_substitute(o, values, free) for o in operands))
        case Or(operands):
            return Or(tuple(_substitute(o, values, free) for o in operands))
        case _:
            return expr


def truth_table(expr: Expr, drivers: tuple[str, ...]) -> int:
    """The truth table of a driver-only `expr` over `drivers`, as the bits of an integer.

    Bit m is the value of `expr` when drivers[j] is true exactly for the bits j set in m.
    """
    full = (1 << (1 << len(drivers))) - 1
    return _bits(expr, {name: _pattern(j, len(drivers)) for j, name in enumerate(drivers)}, full)


def chunk_truth(expr: Expr, positions: Mapping[str, int], start: int, bits: int) -> BoolArray:
    """A driver-only `expr` over the combinations start..start+2**bits-1, shape (2**bits,).

    Bit j of a combination's index sets the driver at position j. Within the chunk the
    drivers below `bits` run through fixed patterns and the others are constant, so the
    whole chunk is one big-integer evaluation, unpacked once.
    """
    full = (1 << (1 << bits)) - 1
    patterns = {
        name: _pattern(j, bits) if j < bits else (full if start >> j & 1 else 0)
        for name, j in positions.items()
    }
    value = _bits(expr, patterns, full)
    raw = np.frombuffer(value.to_bytes(max(1, (1 << bits) // 8), "little"), dtype=np.uint8)
    truth: BoolArray = np.unpackbits(raw, bitorder="little")[: 1 << bits].view(bool)
    return truth


@cache
def _pattern(j: int, width: int) -> int:
    """The truth table of driver j among `width` drivers: runs of 2**j zeros, then ones.

    One period is doubled until it covers all 2**width bits (shifts, no big division).
    """
    run = 1 << j
    pattern, length = ((1 << run) - 1) << run, 2 * run  # one period: `run` zeros, `run` ones
    while length < 1 << width:
        pattern |= pattern << length
        length *= 2
    return pattern


def _bits(expr: Expr, patterns: Mapping[str, int], full: int) -> int:
    match expr:
        case Const(value):
            return full if value else 0
        case DriverRef(name):
            return patterns[name]
        case Not(operand):
            return full ^ _bits(operand, patterns, full)
        case And(operands):
            return reduce(operator.and_, (_bits(o, patterns, full) for o in operands), full)
        case Or(operands):
            return reduce(operator.or_, (_bits(o, patterns, full) for o in operands), 0)
        case Threshold():
            raise ValueError(f"truth_table needs a driver-only condition, got {expr}")
