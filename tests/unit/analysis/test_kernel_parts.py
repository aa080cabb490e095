"""The kernel's parts on small hand-checked inputs: Möbius coefficients, the zeta transform,
column types, truth tables, driver fixing, residual conditions and sweep plans."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from factories import make_pledge, make_requirement, make_scenario
from forcegen.analysis import compile_combinations
from forcegen.analysis._kernel import cube
from forcegen.analysis._kernel.cube import mobius, narrowest, zeta
from forcegen.analysis._kernel.frame import add_where
from forcegen.analysis._kernel.memory import keep_freed_memory
from forcegen.analysis._kernel.plan import (
    memberships,
    plan_sweep,
    reaches_back,
    sweep_order,
)
from forcegen.analysis._kernel.plan import tested as compared_aggregates
from forcegen.analysis._kernel.residual import compare_into, holds, residual, taken
from forcegen.analysis._kernel.vectorised import (
    chunk_truth,
    evaluate_arrays,
    fix_drivers,
    truth_table,
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
    parse,
    to_text,
)

TROOPS = Function.TROOPS, "FRA"
COUNT = Function.CONTRIBUTORS, "isr"


def _subset_sums(coefficients: list[int]) -> list[int]:
    return [
        sum(c for a, c in enumerate(coefficients) if a & s == a) for s in range(len(coefficients))
    ]


class TestMobius:
    @pytest.mark.parametrize("width", [0, 1, 2, 3, 6, 7, 8])
    def test_the_coefficients_sum_back_to_the_truth_table_on_every_assignment(
        self, width: int
    ) -> None:
        rng = np.random.default_rng(width)
        table = int(rng.integers(0, 1 << min(1 << width, 62))) | 1 << ((1 << width) - 1)

        coefficients = mobius(table, width).tolist()

        assert mobius(table, width).dtype == np.int64
        assert len(coefficients) == 1 << width
        assert _subset_sums(coefficients) == [table >> m & 1 for m in range(1 << width)]

    def test_or_of_two_drivers_has_a_negative_joint_coefficient(self) -> None:
        assert mobius(0b1110, 2).tolist() == [0, 1, 1, -1]

    def test_the_wide_and_the_small_path_agree_on_an_and_of_seven(self) -> None:
        table = 1 << 127  # true only when all seven drivers are on

        assert mobius(table, 7).tolist() == [0] * 127 + [1]

    def test_zeta_turns_coefficients_into_subset_sums_from_the_first_bit_asked(self) -> None:
        rows = np.array([[1, 2, 3, 4, 5, 6, 7, 8], [0, 0, 0, 0, 1, 0, 0, -1]])
        expected = [_subset_sums(r) for r in rows.tolist()]

        zeta(rows)

        assert rows.tolist() == expected
        partly = np.array([[1, 2, 3, 4]])
        zeta(partly, first_bit=1)
        assert partly.tolist() == [[1, 2, 4, 6]]


class TestNarrowest:
    @pytest.mark.parametrize(
        ("bound", "dtype"),
        [
            (0, np.int8),
            (127, np.int8),
            (128, np.int16),
            (32_767, np.int16),
            (32_768, np.int32),
            (2**31 - 1, np.int32),
            (2**31, np.int64),
        ],
    )
    def test_the_narrowest_signed_type_that_holds_the_bound(
        self, bound: int, dtype: type[np.signedinteger]
    ) -> None:
        assert narrowest(bound) is dtype


class TestTruthTables:
    def test_bit_m_is_the_value_when_exactly_the_drivers_of_m_are_on(self) -> None:
        expr = parse("a.x and not a.y or a.z")
        drivers = ("a.x", "a.y", "a.z")

        table = truth_table(expr, drivers)

        expected = [
            bool((m & 1 and not m & 2) or m & 4) for m in range(8)
        ]  # x: bit 0, y: bit 1, z: bit 2
        assert [bool(table >> m & 1) for m in range(8)] == expected

    def test_constants_and_empty_operators_have_the_obvious_tables(self) -> None:
        assert truth_table(Const(True), ("a.x",)) == 0b11
        assert truth_table(Const(False), ("a.x",)) == 0
        assert truth_table(And(()), ("a.x",)) == 0b11
        assert truth_table(Or(()), ("a.x",)) == 0

    def test_not_over_a_group_negates_the_whole_table(self) -> None:
        assert truth_table(parse("not (a.x and a.y)"), ("a.x", "a.y")) == 0b0111
        assert truth_table(parse("not (a.x or a.y)"), ("a.x", "a.y")) == 0b0001

    def test_a_threshold_has_no_truth_table(self) -> None:
        with pytest.raises(ValueError, match="driver-only"):
            truth_table(parse("troops(FRA) >= 1"), ())

    @pytest.mark.parametrize(("start", "bits"), [(0, 3), (8, 3), (16, 2), (4, 2), (0, 1)])
    def test_a_chunk_sees_its_low_drivers_run_and_its_high_drivers_fixed(
        self, start: int, bits: int
    ) -> None:
        expr = parse("(a.x or a.z) and not a.y or (a.w and a.v)")
        positions = {"a.x": 0, "a.y": 1, "a.z": 2, "a.w": 3, "a.v": 4}

        truth = chunk_truth(expr, positions, start, bits)

        def value(c: int) -> bool:
            on = {n for n, j in positions.items() if c >> j & 1}
            return (("a.x" in on or "a.z" in on) and "a.y" not in on) or {"a.w", "a.v"} <= on

        assert truth.tolist() == [value(c) for c in range(start, start + (1 << bits))]

    def test_evaluating_over_arrays_follows_each_operator(self) -> None:
        drivers = {
            "a.x": np.array([0, 1, 0, 1], dtype=bool),
            "a.y": np.array([0, 0, 1, 1], dtype=bool),
        }
        atoms = {
            parse("troops(FRA) >= 3"): np.array([1, 0, 0, 1], dtype=bool),
            parse("troops(GBR) >= 3"): np.array([0, 0, 1, 1], dtype=bool),
        }

        def truth(text: str | Expr) -> list[bool]:
            expr = parse(text) if isinstance(text, str) else text
            return evaluate_arrays(
                expr, driver=drivers.__getitem__, atom=atoms.__getitem__, size=4
            ).tolist()

        assert truth("a.x and not a.y") == [False, True, False, False]
        assert truth("a.x or troops(FRA) >= 3") == [True, True, False, True]
        assert truth(Const(True)) == [True] * 4
        assert truth(And(())) == [True] * 4
        assert truth(Or(())) == [False] * 4
        assert truth(Not(Or((DriverRef("a.x"), DriverRef("a.y"))))) == [True, False, False, False]
        # each operand sees the same thresholds and scenarios, also under `not` and nested
        assert truth("a.x or troops(GBR) >= 3") == [False, True, True, True]
        assert truth(Not(parse("troops(GBR) >= 3"))) == [True, True, False, False]
        assert truth(Not(Const(False))) == [True] * 4
        assert truth(And((Const(True), Or(())))) == [False] * 4

    def test_fixing_drivers_replaces_those_not_free_by_their_value_and_folds(self) -> None:
        expr = parse("(a.x and a.y) or (not a.z and troops(FRA) >= 1)")

        assert fix_drivers(expr, {"a.y": True, "a.z": True}, {"a.x"}) == DriverRef("a.x")
        assert fix_drivers(expr, {"a.y": False, "a.z": False}, {"a.x"}) == Threshold(
            Function.TROOPS, "FRA", Comparison.AT_LEAST, 1
        )
        assert fix_drivers(expr, {}, {"a.z"}) == fix_drivers(
            parse("not a.z and troops(FRA) >= 1"), {}, {"a.z"}
        )
        assert fix_drivers(expr, {"a.x": True, "a.y": True}, ()) == Const(True)


class TestResidualConditions:
    def test_driver_parts_become_arrays_and_thresholds_stay(self) -> None:
        expr = parse("troops(FRA) >= 5 and (a.x or a.y) and a.z")
        arrays = {
            "a.x or a.y": np.array([1, 1, 0, 0], dtype=bool),
            "a.z": np.array([1, 0, 1, 0], dtype=bool),
        }
        seen: list[str] = []

        def driver_only(e: Expr) -> np.ndarray:
            seen.append(to_text(e))
            return arrays[to_text(e)]

        node = residual(expr, driver_only, 4)

        assert isinstance(node, tuple)
        is_and, operands = node
        assert is_and
        assert operands[0] == Threshold(Function.TROOPS, "FRA", Comparison.AT_LEAST, 5)
        assert operands[1].tolist() == [True, False, False, False]  # type: ignore[union-attr]
        assert sorted(seen) == sorted(arrays)

    def test_driver_parts_of_an_or_are_folded_with_or(self) -> None:
        x, y = np.array([1, 0, 0], dtype=bool), np.array([0, 1, 0], dtype=bool)
        arrays = {"a.x": x, "a.y": y}

        node = residual(parse("troops(FRA) >= 5 or a.x or a.y"), lambda e: arrays[to_text(e)], 3)

        assert isinstance(node, tuple)
        assert node[0] is False
        assert node[1][1].tolist() == [True, True, False]  # type: ignore[union-attr]

    def test_a_threshold_alone_or_with_constants_is_the_threshold(self) -> None:
        threshold = Threshold(Function.TROOPS, "FRA", Comparison.MORE_THAN, 5)

        assert residual(threshold, lambda e: np.zeros(2, dtype=bool), 2) is threshold
        node = residual(Or((threshold, Const(True))), lambda e: np.zeros(2, dtype=bool), 2)
        assert isinstance(node, tuple)
        assert not node[0]
        assert node[1][1].tolist() == [True, True]  # type: ignore[union-attr]

    def test_not_over_a_threshold_is_refused(self) -> None:
        with pytest.raises(ValueError, match="`not` over a pledge threshold"):
            residual(Not(parse("troops(FRA) >= 1")), lambda e: np.zeros(1, dtype=bool), 1)

    def test_holds_combines_arrays_and_thresholds_with_and_and_or(self) -> None:
        at_least = Threshold(Function.TROOPS, "FRA", Comparison.AT_LEAST, 5)
        more = Threshold(Function.TROOPS, "FRA", Comparison.MORE_THAN, 5)
        amount = np.array([4, 5, 6, 5])
        x = np.array([1, 1, 0, 0], dtype=bool)

        def compare(threshold: Threshold, out: np.ndarray) -> None:
            compare_into(amount, threshold, out)

        def truth(node: object) -> list[bool]:
            out = np.empty(4, dtype=bool)
            holds(node, compare, out)  # type: ignore[arg-type]
            return out.tolist()

        assert truth(at_least) == [False, True, True, True]
        assert truth(more) == [False, False, True, False]
        assert truth(x) == [True, True, False, False]
        assert truth((True, (at_least, x))) == [False, True, False, False]
        assert truth((False, (more, x))) == [True, True, True, False]
        assert truth((True, (at_least, (False, (more, x))))) == [False, True, True, False]
        assert truth((False, (more, (True, (at_least, x)), x))) == [True, True, True, False]
        assert truth((True, (x, at_least))) == [False, True, False, False]  # arrays anywhere
        assert truth((True, (at_least, x, more))) == [False] * 4

    def test_taken_restricts_every_array_and_keeps_thresholds(self) -> None:
        threshold = Threshold(Function.TROOPS, "FRA", Comparison.AT_LEAST, 5)
        node = (False, (threshold, (True, (np.array([1, 0, 1], dtype=bool),))))

        smaller = taken(node, np.array([2, 1]))

        assert smaller[0] is False  # type: ignore[index]
        assert smaller[1][0] is threshold  # type: ignore[index]
        assert smaller[1][1][1][0].tolist() == [True, False]  # type: ignore[index,union-attr]


class TestSweepPlans:
    def test_memberships_list_each_pledges_troops_and_groups_with_their_positions(self) -> None:
        troops = {TROOPS: [(2, 100), (0, 50)]}
        groups = {COUNT: [(None, [0, 1]), (None, [2])]}

        assert memberships(troops, groups, 3) == [
            ([(TROOPS, 1)], [(COUNT, 0)]),
            ([], [(COUNT, 0)]),
            ([(TROOPS, 0)], [(COUNT, 1)]),
        ]

    def test_a_pledge_comes_before_the_pledges_that_test_what_it_changes(self) -> None:
        # 0 changes FRA's troops, which 1 tests; 1 changes the isr count, which 2 tests
        members_of = memberships({TROOPS: [(0, 1)]}, {COUNT: [(None, [1])]}, 3)
        tests = [set(), {TROOPS}, {COUNT}]

        for permutation in itertools.permutations(range(3)):
            shuffled_members = [members_of[i] for i in permutation]
            shuffled_tests = [tests[i] for i in permutation]
            order = sweep_order(shuffled_members, shuffled_tests)
            assert [permutation[t] for t in order] == [0, 1, 2]
            assert reaches_back(order, shuffled_members, shuffled_tests) == [False] * 3

    def test_in_a_cycle_the_pledge_that_reaches_an_earlier_one_is_marked(self) -> None:
        gbr = Function.TROOPS, "GBR"
        members_of = memberships({TROOPS: [(0, 1)], gbr: [(1, 1)]}, {}, 3)
        tests = [{gbr}, {TROOPS}, {TROOPS, gbr}]

        order = sweep_order(members_of, tests)

        assert order == [0, 1, 2]  # the sink last, the tie of the cycle by number
        # 1 changes what 0 tests, and 0 came first: only 1 can make this sweep stale
        assert reaches_back(order, members_of, tests) == [False, True, False]

    def test_a_self_test_reaches_back(self) -> None:
        members_of = memberships({TROOPS: [(0, 1)]}, {}, 1)

        assert reaches_back([0], members_of, [{TROOPS}]) == [True]

    def test_a_given_rank_keeps_its_order_and_reaching_back_is_still_worked_out(self) -> None:
        threshold = Threshold(Function.TROOPS, "FRA", Comparison.AT_LEAST, 1)
        nodes: list[object] = [threshold, np.ones(2, dtype=bool), threshold]

        members_of, tests, order, back = plan_sweep(
            nodes,  # type: ignore[arg-type]
            {TROOPS: [(1, 5)]},
            {},
            rank=[1, 0, 2],
        )

        assert order == [1, 0, 2]
        assert tests == [{TROOPS}, set(), {TROOPS}]
        assert members_of[1] == ([(TROOPS, 0)], [])
        assert back == [False, False, False]
        # planned afresh: the source first, then the sinks
        assert plan_sweep(nodes, {TROOPS: [(1, 5)]}, {})[2] == [1, 2, 0]  # type: ignore[arg-type]

    def test_the_aggregates_a_residual_condition_compares(self) -> None:
        troops = Threshold(Function.TROOPS, "FRA", Comparison.AT_LEAST, 1)
        count = Threshold(Function.CONTRIBUTORS, "isr", Comparison.MORE_THAN, 0)

        assert compared_aggregates(np.ones(1, dtype=bool)) == set()
        assert compared_aggregates(troops) == {TROOPS}
        assert compared_aggregates((True, (troops, (False, (count, np.ones(1, dtype=bool)))))) == {
            TROOPS,
            COUNT,
        }


def test_freed_memory_is_kept_for_reuse_on_glibc() -> None:
    import platform

    assert keep_freed_memory() is (platform.libc_ver()[0] == "glibc")


class TestCubeShape:
    def test_each_column_has_the_narrowest_type_of_its_own_sums_and_only_used_patterns_are_kept(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(cube, "CHUNK_BITS", 2)
        monkeypatch.setattr(cube, "LOW_BITS", 2)
        pledges = [
            make_pledge(personnel=100, condition="us.a"),
            make_pledge(capability="isr", personnel=100, condition="us.a and us.c"),
        ]

        kernel = compile_combinations(
            pledges, make_requirement(), make_scenario(), ["us.a", "us.b", "us.c", "us.d"]
        )

        # three distinct columns (nothing, land.combat, isr), each summing to 100 at most
        assert kernel.cube.dtypes == (np.int8, np.int8, np.int8)
        assert kernel.total_dtype is np.int16  # 200 in all
        # us.a lies in the low bits (pattern 0), us.a and us.c has the high bit of us.c
        assert sorted(kernel.cube.patterns) == [0, 1]
        assert kernel.assess().total().tolist() == [0, 100, 0, 100, 0, 200, 0, 200] * 2


class TestAddWhere:
    @pytest.mark.parametrize("dtype", [np.int8, np.int16])
    @pytest.mark.parametrize(("step", "sign"), [(1, 1), (1, -1), (-1, 1), (2, 1), (2, -1), (5, -1)])
    def test_adds_sign_times_step_where_asked_in_the_amounts_own_type(
        self, dtype: type[np.signedinteger], step: int, sign: int
    ) -> None:
        amount = np.array([10, 10, 10], dtype=dtype)

        add_where(amount, np.array([True, False, True]), step, sign)

        assert amount.tolist() == [10 + sign * step, 10, 10 + sign * step]
        assert amount.dtype == dtype

    def test_a_step_per_scenario_is_added_where_asked(self) -> None:
        amount = np.array([1, 2, 3], dtype=np.int16)

        add_where(amount, np.array([True, True, False]), np.array([5, 6, 7], dtype=np.int16), -1)

        assert amount.tolist() == [-4, -4, 3]
