"""Compilation: which pledge feeds which row of the cube, and the reciprocal system.

Rows of the cube, in order:

    cover rows     the distinct columns of the pledge x quantity weight matrix (quantities
                   that draw on exactly the same pledges share a row); total personnel is
                   not among them: it is the sum of the capabilities' personnel, added last
    troops rows    driver-only troops of each participant that a threshold names
    count rows     per capability that `contributors(...)` names: participants with an active
                   driver-only pledge there
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from forcegen.analysis._kernel.cover import cover
from forcegen.analysis._kernel.cube import CubeBuilder
from forcegen.analysis._kernel.pledge_plan import PledgePlan
from forcegen.analysis._kernel.reciprocity import (
    ContributorsTerm,
    Group,
    ReciprocalSystem,
    TroopsTerm,
)
from forcegen.analysis.quantity import (
    TOTAL_PERSONNEL,
    Measure,
    Quantity,
    capabilities_of,
    quantities_for,
)
from forcegen.conditions import (
    Expr,
    Function,
    Or,
    drivers_of,
    normalise,
    thresholds_of,
)
from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Pledge, PledgeKind
from forcegen.model.requirement import Requirement

MAX_DRIVERS = 24


@dataclass(frozen=True, eq=False)
class Layout:
    drivers: tuple[str, ...]
    rows: dict[Quantity, int]  # quantity -> row of the totals (cover rows, then the total)
    cover_rows: int
    personnel_rows: tuple[int, ...]  # cover rows whose sum is the total personnel
    pledge_ids: tuple[str, ...]
    reciprocal: ReciprocalSystem
    reciprocal_weights: NDArray[np.int64]  # shape (reciprocal pledges, cover rows)

    def headroom(self, columns: int) -> NDArray[np.int64]:
        """Per cube column, how much the reciprocal pledges can add to it at most: to the
        cover rows their weights, to a troops row their personnel, to a count row one per
        participant; shape (columns,)."""
        headroom = np.zeros(columns, dtype=np.int64)
        headroom[: self.cover_rows] = np.abs(self.reciprocal_weights).sum(axis=0)
        for term in self.reciprocal.troops.values():
            if term.base_row is not None:
                headroom[term.base_row] += sum(p for _, p in term.members)
        for count in self.reciprocal.contributors.values():
            if count.count_row is not None:
                headroom[count.count_row] += len(count.groups)
        return headroom


def lay_out(
    plan: PledgePlan, pledges: Sequence[Pledge], requirement: Requirement
) -> tuple[Layout, CubeBuilder]:
    """Plan the cube's rows and the reciprocal system for `requirement`, over the `plan` of
    `pledges`; the builder holds the cube's terms."""
    drivers = plan.drivers
    capabilities = capabilities_of(pledges, requirement)
    quantities = [q for q in quantities_for(requirement, capabilities) if q != TOTAL_PERSONNEL]
    unique, rows = cover(plan, quantities)
    cover_rows = unique.shape[1]
    personnel_rows = tuple(sorted({rows[q] for q in quantities if q.measure is Measure.PERSONNEL}))
    rows[TOTAL_PERSONNEL] = cover_rows
    troops_rows, count_rows = _extra_rows(plan, cover_rows)
    builder = CubeBuilder(len(drivers), cover_rows + len(troops_rows) + len(count_rows))
    _add_direct(builder, plan, unique[: len(plan.direct)], troops_rows)
    _add_counts(builder, plan, count_rows)
    system = reciprocal_system(plan, troops_rows, count_rows)
    layout = Layout(
        drivers=drivers,
        rows=rows,
        cover_rows=cover_rows,
        personnel_rows=personnel_rows,
        pledge_ids=tuple(p.id for p in plan.live),
        reciprocal=system,
        reciprocal_weights=unique[len(plan.direct) :].reshape(-1, cover_rows),
    )
    return layout, builder


def reciprocal_system(
    plan: PledgePlan, troops_rows: Mapping[str, int], count_rows: Mapping[str, int]
) -> ReciprocalSystem:
    """The plan's reciprocal pledges, their aggregates' rows in the cube (where they have one;
    none when sampling) and who adds to each aggregate."""
    contributors = {
        c: ContributorsTerm(count_rows.get(c), _groups(plan, c)) for c in _referenced(plan)[1]
    }
    used = set().union(
        *(drivers_of(plan.exprs[p.id]) for p in plan.reciprocal),
        *(drivers_of(g.presence) for t in contributors.values() for g in t.groups if g.presence),
    )
    return ReciprocalSystem(
        exprs=tuple(plan.exprs[p.id] for p in plan.reciprocal),
        positions={d: plan.positions[d] for d in sorted(used, key=plan.positions.__getitem__)},
        troops=_troops_terms(plan, troops_rows),
        contributors=contributors,
    )


def _referenced(plan: PledgePlan) -> tuple[list[str], list[str]]:
    """Participants named by troops(...) and capabilities named by contributors(...)."""
    found = {t for p in plan.reciprocal for t in thresholds_of(plan.exprs[p.id])}
    troops = sorted({t.argument for t in found if t.function is Function.TROOPS})
    capabilities = sorted({t.argument for t in found if t.function is Function.CONTRIBUTORS})
    return troops, capabilities


def _extra_rows(plan: PledgePlan, first: int) -> tuple[dict[str, int], dict[str, int]]:
    troops, capabilities = _referenced(plan)
    with_troops = [x for x in troops if any(_is_troops_of(p, x) for p in plan.direct)]
    troops_rows = {x: first + i for i, x in enumerate(with_troops)}
    first += len(troops_rows)
    counted = [c for c in capabilities if _present(plan, c)]
    return troops_rows, {c: first + i for i, c in enumerate(counted)}


def _is_troops_of(pledge: Pledge, participant: str) -> bool:
    return pledge.kind is PledgeKind.TROOPS and pledge.contributor == participant


def _present(plan: PledgePlan, capability: str) -> dict[str, list[Pledge]]:
    """Driver-only pledges in `capability`, by participant."""
    found: dict[str, list[Pledge]] = {}
    for pledge in plan.direct:
        if pledge.capability == capability:
            found.setdefault(pledge.contributor, []).append(pledge)
    return found


def _add_direct(
    builder: CubeBuilder, plan: PledgePlan, cover: NDArray[np.int64], troops_rows: dict[str, int]
) -> None:
    """Add the driver-only pledges to the cube, one term per condition: the pledges that
    share a condition add their weights up (the bound of each column still counts every
    pledge's weight, so the cube's integer types are those of one term per pledge)."""
    weights = np.zeros((len(plan.direct), builder.columns), dtype=np.int64)
    weights[:, : cover.shape[1]] = cover
    if troops_rows:
        for index, pledge in enumerate(plan.direct):
            if pledge.kind is PledgeKind.TROOPS and pledge.contributor in troops_rows:
                weights[index, troops_rows[pledge.contributor]] = pledge.personnel.figure
    for expr, members in plan.direct_groups:
        group = weights[members]
        bound = np.abs(group).sum(axis=0)
        if bound.any():
            table, positions = plan.table(expr)
            builder.add(table, positions, group.sum(axis=0), bound=bound)


def _add_counts(builder: CubeBuilder, plan: PledgePlan, count_rows: dict[str, int]) -> None:
    """Count, per named capability, the participants with an active driver-only pledge."""
    for capability, row in count_rows.items():
        for pledges in _present(plan, capability).values():
            weights = np.zeros(builder.columns, dtype=np.int64)
            weights[row] = 1
            builder.add(*plan.table(_any(plan, pledges)), weights)


def _groups(plan: PledgePlan, capability: str) -> tuple[Group, ...]:
    """The participants with reciprocal pledges in `capability`."""
    present = _present(plan, capability)
    members: dict[str, list[int]] = {}
    for index, pledge in enumerate(plan.reciprocal):
        if pledge.capability == capability:
            members.setdefault(pledge.contributor, []).append(index)
    return tuple(
        Group(_any(plan, present[c]) if c in present else None, tuple(members[c]))
        for c in sorted(members)
    )


def _any(plan: PledgePlan, pledges: list[Pledge]) -> Expr:
    """Whether any of `pledges` is active, folded: one unconditional pledge makes it `true`
    at once, instead of a truth table over every driver the others name."""
    return normalise(Or(tuple(plan.exprs[p.id] for p in pledges)))


def _troops_terms(plan: PledgePlan, troops_rows: Mapping[str, int]) -> dict[str, TroopsTerm]:
    terms = {}
    for x in _referenced(plan)[0]:
        members = tuple(
            (i, p.personnel.figure)
            for i, p in enumerate(plan.reciprocal)
            if _is_troops_of(p, x) and p.personnel.figure
        )
        terms[x] = TroopsTerm(troops_rows.get(x), members)
    return terms


def check_drivers(drivers: tuple[str, ...]) -> None:
    """Refuse repeated drivers and more than `MAX_DRIVERS`.

    Raises:
        InvalidInputError: a driver is repeated, or there are too many.
    """
    repeated = sorted({d for d in drivers if drivers.count(d) > 1})
    if repeated:
        raise InvalidInputError(
            f"Drivers to combine are repeated: {', '.join(repeated)}. List each driver once."
        )
    if len(drivers) > MAX_DRIVERS:
        raise InvalidInputError(
            f"{len(drivers)} drivers make {2 ** len(drivers):,} combinations; at most "
            f"{MAX_DRIVERS} can be combined at once. Fix some drivers in the scenario instead."
        )
