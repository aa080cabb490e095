"""Activation at both ends of every stated amount: which pledges are active when each amount
is at its low end, and when each is at its high end.

A condition that tests an amount (`troops(GBR) >= 5000`) may hold at the high end of "up to
7,500" and not at the low end; every other condition gives the same answer at both ends.
The activation itself is the plain one (`reference.active_pledges`), run on the pledges fixed
at each bound; the result holds the pledges as stated, so totals keep their ranges.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.pledge_conditions import pledge_conditions
from forcegen.analysis.reference import active_pledges
from forcegen.analysis.total import Active
from forcegen.conditions import Expr
from forcegen.model.amount import Bound
from forcegen.model.pledge import Level, Pledge
from forcegen.model.scenario import Scenario


def active_range(
    pledges: Sequence[Pledge],
    scenario: Scenario,
    *,
    fixpoint: Fixpoint,
    level_floor: Level = Level.REPORTED,
    conditions: Mapping[str, Expr] | None = None,
) -> Active:
    """The pledges active under `scenario` at each end of the stated amounts.

    Raises:
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    exprs = pledge_conditions(pledges, conditions)
    by_id = {p.id: p for p in pledges}
    same = all(p.is_same_at_both_ends for p in pledges)
    bounds: tuple[Bound, ...] = (Bound.HIGH,) if same else (Bound.LOW, Bound.HIGH)
    ends = [
        tuple(
            by_id[p.id]
            for p in active_pledges(
                [p.fixed(bound) for p in pledges],
                scenario,
                fixpoint=fixpoint,
                level_floor=level_floor,
                conditions=exprs,
            )
        )
        for bound in bounds
    ]
    return Active(ends[0], ends[-1])
