"""One chunk of Monte Carlo samples: draw drivers, honouring and amounts, activate, tally.

Chunk i draws from its own random stream, SFC64 seeded with `SeedSequence(seed,
spawn_key=(i,))` (SFC64 passes the standard statistical test batteries and gives random bits
about twice as fast as NumPy's default PCG64 here), in a fixed order (drivers, then each
pledge's honouring and amounts in the model's order), so a seed gives the same tallies
wherever and in whatever order the chunks run.

Honouring with probability h is drawn exactly: a 16-bit random number below floor(65536 h)
honours, one equal to it honours with the remaining fraction (drawn again for those few).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis._kernel.cube import narrowest
from forcegen.analysis._kernel.frame import ChunkInputs, add_where
from forcegen.analysis._kernel.reciprocity import ChunkActivation, Group
from forcegen.analysis._kernel.vectorised import BoolArray, evaluate_arrays
from forcegen.analysis._sampling.model import Draw, SamplingModel, Span
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.likelihood import Tally
from forcegen.analysis.odds import sample_drivers
from forcegen.analysis.quantity import TOTAL_PERSONNEL, Quantity
from forcegen.conditions import Expr, Function, Threshold
from forcegen.model.errors import InvalidInputError

CHUNK_SAMPLES = 1 << 16
IntArray = NDArray[np.int64]
Amount = int | IntArray


def chunk_sizes(samples: int) -> list[int]:
    """The number of samples in each chunk of a run of `samples`."""
    full, rest = divmod(samples, CHUNK_SAMPLES)
    return [CHUNK_SAMPLES] * full + ([rest] if rest else [])


def sample_chunk(model: SamplingModel, seed: int, samples: int, index: int) -> Tally:
    """The tallies of chunk `index` of a run of `samples` samples seeded with `seed`."""
    size = chunk_sizes(samples)[index]
    rng = np.random.Generator(np.random.SFC64(np.random.SeedSequence(seed, spawn_key=(index,))))
    chunk = _Chunk(model, rng, size)
    activation = model.reciprocal.fixpoints(chunk.inputs()) if model.reciprocal.exprs else None
    tally = Tally(weight=float(size))
    for fixpoint in Fixpoint:
        chunk.tally(tally, fixpoint, chunk.totals(fixpoint, activation))
    return tally


def coalitions_met(
    model: SamplingModel,
    contributors: tuple[str, ...],
    coalitions: BoolArray,
    fixpoint: Fixpoint,
    tests: tuple[tuple[Quantity, int], ...],
) -> BoolArray:
    """Whether each coalition (a row of `coalitions`, one column per contributor) meets
    `tests` at `fixpoint` with only its members' pledges, nothing drawn at random (the model
    must have no uncertain driver and no range).

    Raises:
        InvalidInputError: the model has an uncertain driver or a range.
    """
    members = {c: coalitions[:, j] for j, c in enumerate(contributors)}
    chunk = _Chunk(model, None, coalitions.shape[0], members)
    activation = model.reciprocal.fixpoints(chunk.inputs()) if model.reciprocal.exprs else None
    totals = chunk.totals(fixpoint, activation)
    met = np.ones(coalitions.shape[0], dtype=bool)
    for quantity, minimum in tests:
        met &= totals[quantity] >= minimum
    return met


class _Chunk:
    """The draws of one chunk and the sums of its driver-only pledges; with `members`, a
    pledge counts where its contributor is a member instead of where it is honoured."""

    def __init__(
        self,
        model: SamplingModel,
        rng: np.random.Generator | None,
        size: int,
        members: Mapping[str, BoolArray] | None = None,
    ) -> None:
        self.model, self.rng, self.size, self.members = model, rng, size, members
        self.drivers = (
            sample_drivers(model.odds, self._random(), size) if model.odds.uncertain else {}
        )
        self.truths: dict[Expr, BoolArray] = {}
        self.classes = [
            np.zeros(size, dtype=narrowest(model.bounds[f"class{i}"]))
            for i in range(len(model.classes))
        ]
        self.troops: dict[str, NDArray[np.integer]] = {}
        self.presence: dict[tuple[str, str], BoolArray] = {}
        for expr, draw in model.direct:
            active = self.driver_only(expr)
            honoured = self._honoured(draw)
            if honoured is not None:
                active = active & honoured
            self._add(draw, active, self._amount(draw.personnel), self._amount(draw.platforms))
        self.sampled = [
            (self._honoured(d), self._amount(d.personnel), self._amount(d.platforms))
            for d in model.reciprocal_draws
        ]

    def driver_only(self, expr: Expr) -> BoolArray:
        """The truth of a driver-only condition in each sample (do not write to it)."""
        if expr not in self.truths:
            self.truths[expr] = evaluate_arrays(
                expr, driver=self.drivers.__getitem__, atom=_no_threshold, size=self.size
            )
        return self.truths[expr]

    def inputs(self) -> ChunkInputs:
        """What the reciprocal fixpoints start from in this chunk."""
        low: dict[tuple[Function, str], NDArray[np.integer]] = {}
        system = self.model.reciprocal
        for x in system.troops:
            bound = self.model.bounds.get(f"troops:{x}", 0)
            low[Function.TROOPS, x] = self.troops.get(x, np.zeros(self.size, narrowest(bound)))
        for c, term in system.contributors.items():
            present = [v for (_, capability), v in self.presence.items() if capability == c]
            count = np.zeros(self.size, dtype=narrowest(len(present) + len(term.groups)))
            for row in present:
                add_where(count, row, 1)
            low[Function.CONTRIBUTORS, c] = count
        honoured = {t: h for t, (h, _, _) in enumerate(self.sampled) if h is not None}
        personnel = {t: p for t, (_, p, _) in enumerate(self.sampled) if not isinstance(p, int)}
        return ChunkInputs(self.size, low, self.driver_only, self._present, personnel, honoured)

    def totals(
        self, fixpoint: Fixpoint, activation: ChunkActivation | None
    ) -> dict[Quantity, IntArray]:
        """Every quantity in each sample at `fixpoint`."""
        model = self.model
        totals = {q: np.zeros(self.size, dtype=np.int64) for q in model.quantities}
        for fed, sums in zip(model.classes, self.classes, strict=True):
            for quantity in fed:
                totals[quantity] += sums
        if activation is None:
            return totals
        rows = activation.open_rows(fixpoint)
        where = {int(t): i for i, t in enumerate(activation.pledges)}
        for t, (draw, (_, personnel, platforms)) in enumerate(
            zip(model.reciprocal_draws, self.sampled, strict=True)
        ):
            active = rows[where[t]] if t in where else activation.bottom[t]
            for index, amount in (
                (draw.personnel_class, personnel),
                (draw.platforms_class, platforms),
            ):
                if index is not None:
                    for quantity in model.classes[index]:
                        add_where(totals[quantity], active, amount)
        return totals

    def tally(self, tally: Tally, fixpoint: Fixpoint, totals: Mapping[Quantity, IntArray]) -> None:
        """Add this chunk's counts at `fixpoint` to `tally`."""
        for profile in self.model.profiles:
            tally.met[fixpoint, profile.key] = float(_count(totals, profile.met, self.size))
            for line, tests in profile.lines:
                tally.lines[fixpoint, profile.key, line] = float(_count(totals, tests, self.size))
        tally.histogram[fixpoint] = np.bincount(totals[TOTAL_PERSONNEL]).astype(np.float64)

    def _add(self, draw: Draw, active: BoolArray, personnel: Amount, platforms: Amount) -> None:
        for index, amount in ((draw.personnel_class, personnel), (draw.platforms_class, platforms)):
            if index is not None:
                sums = self.classes[index]
                add_where(sums, active, _typed(amount, sums))
        if draw.troops_of is not None:
            bound = self.model.bounds[f"troops:{draw.troops_of}"]
            sums = self.troops.setdefault(
                draw.troops_of, np.zeros(self.size, dtype=narrowest(bound))
            )
            add_where(sums, active, _typed(personnel, sums))
        if draw.presence is not None:
            found = self.presence.get(draw.presence)
            self.presence[draw.presence] = active.copy() if found is None else found | active

    def _present(self, group: Group) -> BoolArray | None:
        return self.presence.get(self.model.groups[group])

    def _random(self) -> np.random.Generator:
        if self.rng is None:
            raise InvalidInputError(
                "Coalitions are assessed without chance: fix every driver and every amount."
            )
        return self.rng

    def _honoured(self, draw: Draw) -> BoolArray | None:
        """Whether the pledge is honoured (or its contributor a member) in each sample
        (None: always)."""
        if self.members is not None:
            return self.members.get(draw.contributor, np.zeros(self.size, dtype=bool))
        if draw.honour >= 1.0:
            return None
        rng = self._random()
        scaled = draw.honour * 65536.0
        below = int(scaled)
        words = rng.bit_generator.random_raw((self.size + 3) // 4)
        draws = np.asarray(words, dtype=np.uint64).view(np.uint16)[: self.size]
        honoured: BoolArray = draws < below
        ties = draws == below
        if ties.any():
            where = np.flatnonzero(ties)
            honoured[where] = rng.random(where.size) < scaled - below
        return honoured

    def _amount(self, span: Span) -> Amount:
        low, high = span
        if low == high:
            return low
        drawn: IntArray = self._random().integers(0, high - low + 1, size=self.size, dtype=np.int64)
        drawn += low
        return drawn


def _typed(amount: Amount, like: NDArray[np.integer]) -> int | NDArray[np.integer]:
    return amount if isinstance(amount, int) else amount.astype(like.dtype)


def _count(
    totals: Mapping[Quantity, IntArray], tests: tuple[tuple[Quantity, int], ...], size: int
) -> int:
    met = np.ones(size, dtype=bool)
    for quantity, minimum in tests:
        met &= totals[quantity] >= minimum
    return int(np.count_nonzero(met))


def _no_threshold(threshold: Threshold) -> BoolArray:
    raise ValueError(f"a driver-only condition has no threshold: {threshold}")
