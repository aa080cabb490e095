"""Totals of every driver combination at once: Möbius coefficients and the zeta transform.

A pledge whose condition tests only drivers is active in combination S (a set of drivers,
stored as a bit mask) according to a boolean function f of its own few drivers. Any such
function can be written as a sum over subsets of those drivers,

    f(S) = sum of m[A] over all subsets A of S         (m: the Möbius coefficients of f)

so a weighted sum of many such functions, the total F(S), has coefficients that are the
weighted sums of the pledges' coefficients, accumulated into one array over all 2^K masks.
The zeta (subset-sum) transform then turns coefficients into F for all 2^K masks at once:
one pass per driver, each adding the "driver off" half onto the "driver on" half.

The combinations are produced in chunks of 2^CHUNK_BITS that share their high bits h, so
nothing of size 2^K is ever held besides the results:

    chunk h, low bits l:  F(h, l) = sum over A ⊆ h of  sum over B ⊆ l of  m[A, B]

The inner sums run as a dense zeta transform over the chunk's low bits, in cache; the outer
sum adds the coefficients of every high pattern A ⊆ h, pre-reduced once per pattern.

Each column is kept in the narrowest integer type that holds its final sums: additions that
wrap around are exact modulo 2^bits, so partial sums may overflow as long as the final value
(at most the sum of the column's absolute weights) fits; narrow columns halve the memory
traffic of the transform.
Passes over the lowest bits touch tiny strided blocks and are slow in NumPy, so the lowest
`LOW_BITS` bits are transformed while the coefficients are still sparse (each coefficient is
copied to the supersets of its low bits).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
LOW_BITS = 6
CHUNK_BITS = 18  # combinations per chunk: large enough that NumPy calls outweigh Python
SMALL_WIDTH = 6  # wider truth tables go through NumPy


def mobius(table: int, width: int) -> IntArray:
    """The Möbius coefficients of a truth table over `width` drivers, given as bits.

    Bit m of `table` is f at the assignment m (bit j of m = driver j); entry A of the result,
    shape (2**width,), satisfies f(S) = sum of entries A over A ⊆ S.
    """
    if width <= SMALL_WIDTH:
        small: IntArray = np.array(_small_mobius(table, width), dtype=np.int64)
        return small
    size = 1 << width
    raw = np.frombuffer(table.to_bytes((size + 7) // 8, "little"), dtype=np.uint8)
    coefficients = np.unpackbits(raw, bitorder="little")[:size].astype(np.int64)
    step = 1
    while step < size:
        view = coefficients.reshape(-1, 2, step)
        view[:, 1, :] -= view[:, 0, :]
        step *= 2
    return coefficients


def _small_mobius(table: int, width: int) -> list[int]:
    coefficients = [table >> m & 1 for m in range(1 << width)]
    for j in range(width):
        bit = 1 << j
        for m in range(1 << width):
            if m & bit:
                coefficients[m] -= coefficients[m ^ bit]
    return coefficients


def zeta(rows: NDArray[np.integer], *, first_bit: int = 0) -> None:
    """Replace coefficients by subset sums, in place, along the last axis of `rows`
    (shape (columns, 2**bits)), over bits first_bit..bits-1."""
    columns, size = rows.shape
    width = 1 << first_bit
    while width < size:
        view = rows.reshape(columns, -1, 2, width)
        view[:, :, 1, :] += view[:, :, 0, :]
        width *= 2


def narrowest(bound: int) -> type[np.signedinteger]:
    """The narrowest signed integer type holding every value from -bound to bound (narrow
    types add and compare fastest)."""
    for dtype in (np.int8, np.int16, np.int32):
        if bound <= np.iinfo(dtype).max:
            return dtype
    return np.int64


def _global_mask(subset: int, positions: tuple[int, ...]) -> int:
    mask = 0
    for j, position in enumerate(positions):
        if subset >> j & 1:
            mask |= 1 << position
    return mask


@dataclass(frozen=True, eq=False)
class Cube:
    """Sums of weighted driver functions on all 2^k masks, produced chunk by chunk.

    `patterns[A]` holds the coefficients whose high bits (>= chunk_bits) are A, summed per
    column and position in the chunk: per column, the positions (unique) and the sums.
    """

    k: int
    dtypes: tuple[type[np.signedinteger], ...]  # per column
    patterns: dict[int, tuple[list[IntArray], list[NDArray[np.signedinteger]]]]

    @property
    def columns(self) -> int:
        return len(self.dtypes)

    @property
    def chunk_bits(self) -> int:
        return min(self.k, CHUNK_BITS)

    def chunk(self, start: int, rows: list[NDArray[np.signedinteger]]) -> None:
        """Write the sums on masks start..start+2**chunk_bits-1 into `rows`: one writable
        array of shape (2**chunk_bits,) per column, e.g. row views of the results."""
        high = start >> self.chunk_bits
        for row in rows:
            row.fill(0)
        for pattern, (where, values) in self.patterns.items():
            if pattern & high == pattern:
                for column, (index, sums) in enumerate(zip(where, values, strict=True)):
                    rows[column][index] += sums
        for row in rows:
            zeta(row[None, :], first_bit=min(LOW_BITS, self.k))


@dataclass
class CubeBuilder:
    """Collects weighted boolean functions of the drivers, then reduces them to a `Cube`."""

    k: int
    columns: int
    _masks: list[int] = field(default_factory=list)
    _coefficients: list[int] = field(default_factory=list)
    _functions: list[int] = field(default_factory=list)
    _weights: list[IntArray] = field(default_factory=list)
    _bounds: list[IntArray] = field(default_factory=list)

    def add(
        self,
        table: int,
        positions: tuple[int, ...],
        weights: IntArray,
        *,
        bound: IntArray | None = None,
    ) -> None:
        """Add weights * f, where f has truth `table` (bits, see `mobius`) over the drivers
        at bit `positions`; `weights` has shape (columns,).

        `bound` (shape (columns,), default |weights|) is what the term counts towards each
        column's largest sum: a term that stands for several added up passes the sum of
        their absolute weights, so that the column types do not depend on the grouping."""
        function = len(self._weights)
        self._weights.append(weights)
        self._bounds.append(np.abs(weights) if bound is None else bound)
        if len(positions) <= SMALL_WIDTH:
            for subset, coefficient in enumerate(_small_mobius(table, len(positions))):
                if coefficient:
                    self._masks.append(_global_mask(subset, positions))
                    self._coefficients.append(coefficient)
                    self._functions.append(function)
            return
        coefficients = mobius(table, len(positions))
        subsets = np.flatnonzero(coefficients)
        masks = np.zeros(subsets.size, dtype=np.int64)
        for j, position in enumerate(positions):
            masks |= (subsets >> j & 1) << position
        self._masks += masks.tolist()
        self._coefficients += coefficients[subsets].tolist()
        self._functions += [function] * subsets.size

    def build(self, *, headroom: IntArray) -> Cube:
        """Reduce the coefficients per high pattern and column.

        Each column's type holds the sum of its absolute weights plus its `headroom` (shape
        (columns,)), which the caller may add later.
        """
        weights = np.array(self._weights, dtype=np.int64).reshape(-1, self.columns)
        bounds = np.array(self._bounds, dtype=np.int64).reshape(-1, self.columns)
        dtypes = tuple(narrowest(int(bound)) for bound in bounds.sum(axis=0) + np.abs(headroom))
        masks, columns, values = self._triplets(weights)
        keys, sums = _reduce_low(masks, columns, values, self.k, min(LOW_BITS, self.k))
        chunk_bits = min(self.k, CHUNK_BITS)
        highs = 1 << (self.k - chunk_bits)  # high patterns
        local = keys & ((1 << chunk_bits) - 1)
        # keys ascend by column, then high pattern: each (column, pattern) is one slice
        edges = np.searchsorted(keys >> chunk_bits, np.arange(self.columns * highs + 1))
        patterns = {}
        for pattern in range(highs):
            parts = [
                slice(edges[c * highs + pattern], edges[c * highs + pattern + 1])
                for c in range(self.columns)
            ]
            if any(part.start < part.stop for part in parts):
                patterns[pattern] = (
                    [local[part] for part in parts],
                    [sums[part].astype(t) for part, t in zip(parts, dtypes, strict=True)],
                )
        return Cube(self.k, dtypes, patterns)

    def _triplets(self, weights: IntArray) -> tuple[IntArray, IntArray, IntArray]:
        """(mask, column, coefficient * weight) for every nonzero weight of every term."""
        functions, columns = np.nonzero(weights)
        per_function = np.bincount(functions, minlength=weights.shape[0])
        first = np.concatenate(([0], np.cumsum(per_function)[:-1]))
        entry_functions = np.array(self._functions, dtype=np.int64)
        counts = per_function[entry_functions]
        entries = np.repeat(np.arange(entry_functions.size), counts)
        offsets = np.arange(entries.size) - np.repeat(np.cumsum(counts) - counts, counts)
        pair = first[entry_functions[entries]] + offsets
        masks = np.array(self._masks, dtype=np.int64)[entries]
        coefficients = np.array(self._coefficients, dtype=np.int64)[entries]
        return masks, columns[pair], coefficients * weights[functions[pair], columns[pair]]


def _reduce_low(
    masks: IntArray, columns: IntArray, values: IntArray, k: int, low: int
) -> tuple[IntArray, IntArray]:
    """Sum the (mask, column, value) triplets per column and mask, with the zeta transform
    over the `low` lowest bits already done: each value is added to every superset of its
    low bits. Returns the keys `column << k | mask` with a nonzero sum, ascending, and the
    sums.

    Triplets that share their column and high bits form one dense row of 2**low entries, so
    the transform runs on a small matrix and no sort of the expanded triplets is needed.
    """
    groups, inverse = np.unique(columns << (k - low) | masks >> low, return_inverse=True)
    dense = np.zeros((groups.size, 1 << low), dtype=np.int64)
    np.add.at(dense, (inverse, masks & ((1 << low) - 1)), values)
    if groups.size:
        zeta(dense)
    rows, lows = np.nonzero(dense)
    return groups[rows] << low | lows, dense[rows, lows]
