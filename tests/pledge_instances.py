"""Random pledge sets for property tests of the analysis (hypothesis strategies).

Conditions are random trees over up to six combined drivers and one fixed driver, with about
one leaf in ten a reciprocity threshold (`troops(X)` or `contributors(c)`). Most thresholds
and requirement minimums are put exactly on a sum the pledges can reach (a subset of them),
so that `>=` and `>` give different answers and a kernel that confuses them fails.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

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
