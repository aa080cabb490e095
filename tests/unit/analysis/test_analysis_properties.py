"""Properties over random pledge sets: the fast kernel equals the reference implementation on
every combination of drivers at both fixpoints, and the invariants of activation hold.

Conditions are random trees over up to six combined drivers and one fixed driver, with about
one leaf in ten a reciprocity threshold (`troops(X)` or `contributors(c)`). Most thresholds
and requirement minimums are put exactly on a sum the pledges can reach (a subset of them),
so that `>=` and `>` give different answers and a kernel that confuses them fails.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.analysis import (
    Fixpoint,
    MetCriterion,
    active_pledges,
    compile_combinations,
    reference_combinations,
    scenario_of,
)
from forcegen.conditions import (
    And,
    Comparison,
    Const,
    DriverRef,
    Expr,
    Function,
    Not,
    Or,
    Threshold,
)
from forcegen.model.pledge import Level, Pledge, PledgeId, PledgeKind
from forcegen.model.requirement import Requirement, RequirementLine
from forcegen.model.scenario import Scenario

DRIVERS = ("us.a", "us.b", "us.c", "us.d", "us.e", "us.f")
FIXED = "ceasefire"
CONTRIBUTORS = ("FRA", "GBR", "DEU", "POL")
CAPABILITIES = ("land.combat", "air.defence", "isr")
CAVEATS = ("no_contact_line", "training_only")


@dataclass(frozen=True)
class Instance:
    pledges: list[Pledge]
    conditions: dict[str, Expr]
    requirement: Requirement
    base: Scenario
    drivers: tuple[str, ...]
    floor: Level


def thresholds() -> st.SearchStrategy[Expr]:
    troops = st.builds(
        Threshold,
        st.just(Function.TROOPS),
        st.sampled_from(CONTRIBUTORS),
        st.sampled_from(list(Comparison)),
        st.integers(0, 4000),
    )
    counts = st.builds(
        Threshold,
        st.just(Function.CONTRIBUTORS),
        st.sampled_from(CAPABILITIES),
        st.sampled_from(list(Comparison)),
        st.integers(0, 4),
    )
    return troops | counts


def conditions(drivers: tuple[str, ...], *, allow_not: bool) -> st.SearchStrategy[Expr]:
    names = st.sampled_from((*drivers, FIXED)) if drivers else st.just(FIXED)
    plain: st.SearchStrategy[Expr] = st.builds(DriverRef, names) | st.builds(Const, st.booleans())
    if allow_not:
        plain = plain | st.builds(Not, st.builds(DriverRef, names))
    leaf = st.one_of(plain, plain, plain, plain, plain, plain, plain, plain, plain, thresholds())

    def extend(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
        operands = st.lists(children, min_size=1, max_size=3).map(tuple)
        return st.builds(And, operands) | st.builds(Or, operands)

    return st.recursive(leaf, extend, max_leaves=5)


@st.composite
def pledges(draw: st.DrawFn, drivers: tuple[str, ...], allow_not: bool) -> tuple[Pledge, Expr]:
    kind = draw(
        st.sampled_from(
            [PledgeKind.TROOPS, PledgeKind.TROOPS, PledgeKind.ENABLER, PledgeKind.FUNDING]
        )
    )
    is_force = kind is not PledgeKind.FUNDING
    pledge = Pledge(
        id=PledgeId(f"p{draw(st.integers(0, 10**9))}"),
        contributor=draw(st.sampled_from(CONTRIBUTORS)),
        kind=kind,
        capability=draw(st.sampled_from(CAPABILITIES)) if is_force else None,
        personnel=draw(st.integers(0, 3000)),
        platforms=draw(st.integers(0, 6)) if kind is PledgeKind.ENABLER else 0,
        caveats=frozenset(draw(st.lists(st.sampled_from(CAVEATS), max_size=1))),
        level=draw(st.sampled_from(list(Level))),
    )
    return pledge, draw(conditions(drivers, allow_not=allow_not))


def on_a_reachable_sum(draw: st.DrawFn, values: list[int], anywhere: st.SearchStrategy[int]) -> int:
    """Usually the sum of a drawn subset of `values` (a total the pledges can reach exactly),
    sometimes any value from `anywhere`."""
    if not draw(st.integers(0, 3)):
        return draw(anywhere)
    return sum(v for v in values if draw(st.booleans()))


def retargeted(draw: st.DrawFn, expr: Expr, pledges: list[Pledge]) -> Expr:
    """`expr` with each `troops(X)` threshold moved onto a sum of X's troop pledges."""
    match expr:
        case Threshold(Function.TROOPS, code, comparison, value):
            mine = [
                p.personnel.figure
                for p in pledges
                if p.kind is PledgeKind.TROOPS and p.contributor == code
            ]
            return Threshold(
                Function.TROOPS, code, comparison, on_a_reachable_sum(draw, mine, st.just(value))
            )
        case Not(operand):
            return Not(retargeted(draw, operand, pledges))
        case And(operands):
            return And(tuple(retargeted(draw, o, pledges) for o in operands))
        case Or(operands):
            return Or(tuple(retargeted(draw, o, pledges) for o in operands))
        case _:
            return expr


@st.composite
def instances(draw: st.DrawFn, *, allow_not: bool = True) -> Instance:
    drivers = DRIVERS[: draw(st.integers(0, len(DRIVERS)))]
    drawn = draw(
        st.lists(
            pledges(drivers, allow_not), min_size=0, max_size=10, unique_by=lambda pair: pair[0].id
        )
    )
    pledged = [p for p, _ in drawn]
    force = [p for p in pledged if p.kind is not PledgeKind.FUNDING]
    lines = tuple(
        RequirementLine(
            key=f"line{i}",
            label=capability,
            capability=capability,
            personnel=on_a_reachable_sum(
                draw,
                [p.personnel.figure for p in force if p.capability == capability],
                st.integers(0, 3000),
            ),
            platforms=on_a_reachable_sum(
                draw,
                [p.platforms.figure for p in force if p.capability == capability],
                st.integers(0, 6),
            ),
            excluded_caveats=frozenset(draw(st.lists(st.sampled_from(CAVEATS), max_size=2))),
        )
        for i, capability in enumerate(draw(st.lists(st.sampled_from(CAPABILITIES), max_size=3)))
    )
    total = on_a_reachable_sum(draw, [p.personnel.figure for p in force], st.integers(0, 8000))
    requirement = Requirement(key="r", name="r", total_personnel=total, lines=lines, source="test")
    return Instance(
        pledges=pledged,
        conditions={p.id: retargeted(draw, e, pledged) for p, e in drawn},
        requirement=requirement,
        base=Scenario(key="base", name="Base", drivers={FIXED: draw(st.booleans())}),
        drivers=drivers,
        floor=draw(st.sampled_from([Level.REPORTED, Level.STATED, Level.COMMITTED])),
    )


@settings(max_examples=200, deadline=None)
@given(instances(), st.sampled_from(list(MetCriterion)))
def test_the_kernel_equals_the_reference_on_every_combination_at_both_fixpoints(
    instance: Instance, criterion: MetCriterion
) -> None:
    kernel = compile_combinations(
        instance.pledges,
        instance.requirement,
        instance.base,
        instance.drivers,
        level_floor=instance.floor,
        conditions=instance.conditions,
    )

    for fixpoint, result in zip(Fixpoint, kernel.assess_both(criterion), strict=True):
        rows = reference_combinations(
            instance.pledges,
            instance.requirement,
            instance.base,
            instance.drivers,
            range(result.size),
            fixpoint=fixpoint,
            level_floor=instance.floor,
            criterion=criterion,
            conditions=instance.conditions,
        )
        for quantity in result.quantities:
            assert result.total(quantity).tolist() == [r.totals[quantity] for r in rows]
        assert result.met.tolist() == [r.is_met for r in rows]


@settings(max_examples=40, deadline=None)
@given(instances(), st.data())
def test_the_least_fixpoint_is_contained_in_the_greatest(
    instance: Instance, data: st.DataObject
) -> None:
    combination = data.draw(st.integers(0, (1 << len(instance.drivers)) - 1))
    scenario = scenario_of(instance.base, instance.drivers, combination)

    least, greatest = (
        active_pledges(
            instance.pledges,
            scenario,
            fixpoint=f,
            level_floor=instance.floor,
            conditions=instance.conditions,
        )
        for f in Fixpoint
    )

    assert {p.id for p in least} <= {p.id for p in greatest}


@settings(max_examples=40, deadline=None)
@given(instances(allow_not=False))
def test_switching_a_driver_on_never_lowers_a_total_when_conditions_have_no_not(
    instance: Instance,
) -> None:
    kernel = compile_combinations(
        instance.pledges,
        instance.requirement,
        instance.base,
        instance.drivers,
        conditions=instance.conditions,
    )

    for result in kernel.assess_both():
        for quantity in result.quantities:
            totals = result.total(quantity)
            for bit in range(len(instance.drivers)):
                pairs = totals.reshape(-1, 2, 1 << bit)
                assert np.all(pairs[:, 1, :] >= pairs[:, 0, :])


@settings(max_examples=40, deadline=None)
@given(instances())
def test_lowering_the_level_floor_never_reduces_a_total(instance: Instance) -> None:
    def results(floor: Level) -> tuple[object, ...]:
        kernel = compile_combinations(
            instance.pledges,
            instance.requirement,
            instance.base,
            instance.drivers,
            level_floor=floor,
            conditions=instance.conditions,
        )
        return kernel.assess_both()

    for low, high in zip(results(Level.REPORTED), results(Level.COMMITTED), strict=True):
        for quantity in low.quantities:  # type: ignore[attr-defined]
            assert np.all(low.total(quantity) >= high.total(quantity))  # type: ignore[attr-defined]


@settings(max_examples=40, deadline=None)
@given(instances())
def test_least_totals_never_exceed_greatest_totals(instance: Instance) -> None:
    kernel = compile_combinations(
        instance.pledges,
        instance.requirement,
        instance.base,
        instance.drivers,
        level_floor=instance.floor,
        conditions=instance.conditions,
    )

    least, greatest = kernel.assess_both()

    for quantity in least.quantities:
        assert np.all(least.total(quantity) <= greatest.total(quantity))
