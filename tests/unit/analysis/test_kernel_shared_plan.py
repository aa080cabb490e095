"""Compiling from a shared plan: one plan serves several requirements and its kept columns
and condition groups give exactly what a fresh plan, one column per quantity from
`Quantity.of`, and one cube term per pledge give."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.analysis import MetCriterion, compile_combinations
from forcegen.analysis._kernel.combinations import (
    CombinationKernel,
    compile_planned,
    plan_combinations,
)
from forcegen.analysis._kernel.cover import cover
from forcegen.analysis._kernel.cube import CubeBuilder
from forcegen.analysis._kernel.pledge_plan import plan_pledges
from forcegen.analysis.quantity import TOTAL_PERSONNEL, capabilities_of, quantities_for
from forcegen.conditions import Expr
from forcegen.model.requirement import Requirement, RequirementLine
from hypothesis_profiles import examples
from kernel_check import assert_kernel_matches_reference
from pledge_instances import CAPABILITIES, CAVEATS, Instance, instances


@st.composite
def requirements(draw: st.DrawFn, key: str) -> Requirement:
    lines = tuple(
        RequirementLine(
            key=f"{key}{i}",
            label=capability,
            capability=capability,
            personnel=draw(st.integers(0, 3000)),
            platforms=draw(st.integers(0, 6)),
            excluded_caveats=frozenset(draw(st.lists(st.sampled_from(CAVEATS), max_size=2))),
        )
        for i, capability in enumerate(draw(st.lists(st.sampled_from(CAPABILITIES), max_size=3)))
    )
    total = draw(st.integers(0, 8000))
    return Requirement(key=key, name=key, total_personnel=total, lines=lines, source="test")


@st.composite
def sharing_conditions(draw: st.DrawFn) -> Instance:
    """An instance whose pledges draw their conditions from a few of its own, so that many
    pledges share one condition (as a round's answers do)."""
    instance = draw(instances())
    pool = list(instance.conditions.values())
    if not pool:
        return instance
    shared: dict[str, Expr] = {
        p.id: pool[draw(st.integers(0, min(2, len(pool) - 1)))] for p in instance.pledges
    }
    return Instance(
        instance.pledges,
        shared,
        instance.requirement,
        instance.base,
        instance.drivers,
        instance.floor,
    )


def _assert_same_kernel(shared: CombinationKernel, fresh: CombinationKernel) -> None:
    assert shared.layout.rows == fresh.layout.rows
    assert shared.layout.pledge_ids == fresh.layout.pledge_ids
    assert np.array_equal(shared.layout.reciprocal_weights, fresh.layout.reciprocal_weights)
    assert shared.cube.dtypes == fresh.cube.dtypes
    assert shared.largest == fresh.largest
    for criterion in MetCriterion:
        pairs = zip(shared.assess_both(criterion), fresh.assess_both(criterion), strict=True)
        for mine, theirs in pairs:
            assert np.array_equal(mine.met, theirs.met)
            assert np.array_equal(mine.minimal, theirs.minimal)
            for quantity in shared.layout.rows:
                assert np.array_equal(mine.total(quantity), theirs.total(quantity))


@settings(max_examples=examples(100), deadline=None)
@given(sharing_conditions(), st.lists(requirements("s"), min_size=1, max_size=3))
def test_a_plan_shared_by_requirements_compiles_as_a_fresh_plan_does(
    instance: Instance, others: list[Requirement]
) -> None:
    planned = plan_combinations(
        instance.pledges,
        instance.base,
        instance.drivers,
        level_floor=instance.floor,
        conditions=instance.conditions,
    )

    for requirement in [*others, instance.requirement, *others]:
        fresh = compile_combinations(
            instance.pledges,
            requirement,
            instance.base,
            instance.drivers,
            level_floor=instance.floor,
            conditions=instance.conditions,
        )
        _assert_same_kernel(compile_planned(planned, requirement), fresh)


@settings(max_examples=examples(100), deadline=None)
@given(instances(), requirements("s"))
def test_cover_rows_are_the_sorted_distinct_columns_of_what_each_pledge_adds(
    instance: Instance, requirement: Requirement
) -> None:
    plan = plan_pledges(
        instance.pledges, instance.base, instance.drivers, instance.floor, instance.conditions
    )
    for wanted in (requirement, instance.requirement):
        capabilities = capabilities_of(instance.pledges, wanted)
        quantities = [q for q in quantities_for(wanted, capabilities) if q != TOTAL_PERSONNEL]

        unique, rows = cover(plan, quantities)

        if plan.live and quantities:
            matrix = np.array([[q.of(p) for q in quantities] for p in plan.live], dtype=np.int64)
            expected, inverse = np.unique(matrix, axis=1, return_inverse=True)
            assert np.array_equal(unique, expected)
            assert rows == {q: int(inverse.ravel()[i]) for i, q in enumerate(quantities)}


@settings(max_examples=examples(100), deadline=None)
@given(sharing_conditions())
def test_the_kernel_equals_the_reference_when_pledges_share_conditions(
    instance: Instance,
) -> None:
    assert_kernel_matches_reference(
        instance.pledges,
        instance.requirement,
        instance.drivers,
        base=instance.base,
        level_floor=instance.floor,
        conditions=instance.conditions,
    )


@settings(max_examples=examples(100), deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda k: st.tuples(
            st.just(k),
            st.lists(
                st.tuples(
                    st.integers(0, (1 << (1 << min(k, 2))) - 1),
                    st.lists(st.integers(-300, 300), min_size=2, max_size=2),
                ),
                max_size=8,
            ),
        )
    )
)
def test_terms_added_up_with_their_bound_build_the_cube_of_one_term_each(
    case: tuple[int, list[tuple[int, list[int]]]],
) -> None:
    k, terms = case
    positions = tuple(range(min(k, 2)))
    one_each, added_up = CubeBuilder(k, 2), CubeBuilder(k, 2)
    by_table: dict[int, list[np.ndarray]] = {}
    for table, weights in terms:
        one_each.add(table, positions, np.array(weights, dtype=np.int64))
        by_table.setdefault(table, []).append(np.array(weights, dtype=np.int64))
    for table, group in by_table.items():
        stacked = np.array(group)
        added_up.add(table, positions, stacked.sum(axis=0), bound=np.abs(stacked).sum(axis=0))
    headroom = np.zeros(2, dtype=np.int64)

    expected, cube = one_each.build(headroom=headroom), added_up.build(headroom=headroom)

    assert cube.dtypes == expected.dtypes
    step = 1 << cube.chunk_bits
    for start in range(0, 1 << k, step):
        rows = [np.empty(step, dtype=t) for t in cube.dtypes]
        wanted = [np.empty(step, dtype=t) for t in expected.dtypes]
        cube.chunk(start, rows)
        expected.chunk(start, wanted)
        assert all(np.array_equal(a, b) for a, b in zip(rows, wanted, strict=True))
