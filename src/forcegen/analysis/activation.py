"""Activation at both ends of every stated amount: which pledges are active when each amount
is at its low end, and when each is at its high end.

A condition that tests an amount (`troops(GBR) >= 5000`) may hold at the high end of "up to
7,500" and not at the low end; every other condition gives the same answer at both ends.
The activation itself is the plain one (`reference.active_pledges`), run on the pledges fixed
at each bound; the result holds the pledges as stated, so totals keep their ranges.

`Activations` keeps the activations of one pledge set that one assessment asks for, so that
each is worked out once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.pledge_conditions import pledge_conditions
from forcegen.analysis.reference import active_pledges
from forcegen.analysis.total import Active, Total
from forcegen.conditions import Expr
from forcegen.model.amount import Bound
from forcegen.model.errors import InvalidInputError
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
    return _active_range(
        pledges, scenario, fixpoint, level_floor, pledge_conditions(pledges, conditions)
    )


def _active_range(
    pledges: Sequence[Pledge],
    scenario: Scenario,
    fixpoint: Fixpoint,
    level_floor: Level,
    exprs: Mapping[str, Expr],
) -> Active:
    """`active_range`, the conditions (`exprs`) already checked."""
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


# The drivers that hold, the fixpoint and the level floor.
_Key = tuple[frozenset[str], Fixpoint, Level]


class Activations:
    """The activations (`active_range`) of one pledge set under its conditions, each worked
    out once, with their totals.

    One assessment asks for the same activation many times: its scenario for the coverage and
    again among the named scenarios, the baseline of what it takes, which is often a named
    scenario too, the smallest package again for the packages. For a given pledge set and
    conditions, activation depends only on the drivers that hold (a driver set false and one
    left out both count false), the fixpoint and the level floor, so those key it. Make one per
    assessment and drop it with the assessment; its pledges and conditions never change.

    Raises:
        ConditionError: a condition does not parse or negates a pledge reference.
        InvalidInputError: two pledges share an id.
    """

    def __init__(
        self, pledges: Sequence[Pledge], conditions: Mapping[str, Expr] | None = None
    ) -> None:
        self._pledges = tuple(pledges)
        self._conditions = pledge_conditions(self._pledges, conditions)
        self._active: dict[_Key, Active] = {}
        self._total: dict[_Key, Total] = {}

    @property
    def pledges(self) -> tuple[Pledge, ...]:
        return self._pledges

    @property
    def conditions(self) -> Mapping[str, Expr]:
        """Each pledge's condition tree, checked (see `pledge_conditions`)."""
        return self._conditions

    def active(
        self, scenario: Scenario, *, fixpoint: Fixpoint, level_floor: Level = Level.REPORTED
    ) -> Active:
        """`active_range` of the pledges under `scenario`."""
        key = _key(scenario, fixpoint, level_floor)
        found = self._active.get(key)
        if found is None:
            found = self._active[key] = _active_range(
                self._pledges, scenario, fixpoint, level_floor, self._conditions
            )
        return found

    def total(
        self, scenario: Scenario, *, fixpoint: Fixpoint, level_floor: Level = Level.REPORTED
    ) -> Total:
        """The total of the pledges active under `scenario` (`Active.total`)."""
        key = _key(scenario, fixpoint, level_floor)
        found = self._total.get(key)
        if found is None:
            found = self._total[key] = self.active(
                scenario, fixpoint=fixpoint, level_floor=level_floor
            ).total()
        return found


def _key(scenario: Scenario, fixpoint: Fixpoint, level_floor: Level) -> _Key:
    holding = frozenset(driver for driver, value in scenario.drivers.items() if value)
    return holding, fixpoint, level_floor


def activations_of(
    pledges: Sequence[Pledge],
    conditions: Mapping[str, Expr] | None,
    activations: Activations | None,
) -> Activations:
    """The `activations` a caller shares, checked to be of `pledges`, or new ones.

    Raises:
        InvalidInputError: both `conditions` and `activations` are given (the activations
            hold their own), or the activations are of other pledges.
        ConditionError: a condition does not parse or negates a pledge reference.
    """
    if activations is None:
        return Activations(pledges, conditions)
    if conditions is not None:
        raise InvalidInputError(
            "Pass either the conditions or the activations (which hold their conditions), not both."
        )
    if activations.pledges != tuple(pledges):
        raise InvalidInputError(
            "The activations given are of other pledges than the ones assessed: make them "
            "from the same pledges."
        )
    return activations
