"""Evaluating a condition against drivers and pledge totals, and what a condition refers to."""

import pytest

from forcegen.conditions import (
    Comparison,
    Const,
    DriverRef,
    Function,
    Threshold,
    drivers_of,
    evaluate,
    has_thresholds,
    parse,
    thresholds_of,
)


def holds(
    text: str,
    drivers: dict[str, bool] | None = None,
    troops: dict[str, int] | None = None,
    contributors: dict[str, int] | None = None,
) -> bool:
    return evaluate(
        parse(text), drivers=drivers or {}, troops=troops or {}, contributors=contributors or {}
    )


class TestEvaluate:
    def test_the_empty_condition_always_holds(self) -> None:
        assert holds("") is True

    def test_a_driver_holds_when_the_scenario_says_so(self) -> None:
        assert holds("us.isr", drivers={"us.isr": True}) is True
        assert holds("us.isr", drivers={"us.isr": False}) is False

    def test_a_missing_driver_counts_as_false(self) -> None:
        assert holds("us.isr") is False
        assert holds("not us.isr") is True

    @pytest.mark.parametrize(
        ("text", "personnel", "expected"),
        [
            ("troops(FRA) >= 5000", 5000, True),
            ("troops(FRA) >= 5000", 4999, False),
            ("troops(FRA) > 5000", 5000, False),
            ("troops(FRA) > 5000", 5001, True),
        ],
        ids=["at-least-on-the-edge", "at-least-below", "more-than-on-the-edge", "more-than-above"],
    )
    def test_a_troops_threshold_compares_the_participants_personnel(
        self, text: str, personnel: int, expected: bool
    ) -> None:
        assert holds(text, troops={"FRA": personnel}) is expected

    def test_a_missing_participant_has_no_troops(self) -> None:
        assert holds("troops(FRA) >= 0") is True
        assert holds("troops(FRA) > 0") is False

    def test_a_contributors_threshold_counts_contributors_to_the_capability(self) -> None:
        text = "contributors(land.combat) >= 10"

        assert holds(text, contributors={"land.combat": 10}) is True
        assert holds(text, contributors={"land.combat": 9, "air.defence": 20}) is False

    def test_troops_and_contributors_are_read_from_their_own_totals(self) -> None:
        assert holds("troops(EU) >= 1", contributors={"EU": 5}) is False

    def test_reciprocity_needs_both_pledges(self) -> None:
        text = "troops(FRA) >= 5000 and troops(GBR) >= 5000"

        assert holds(text, troops={"FRA": 8000, "GBR": 5000}) is True
        assert holds(text, troops={"FRA": 8000, "GBR": 4000}) is False


class TestAnalysis:
    def test_drivers_of_lists_every_driver_once(self) -> None:
        expr = parse("a and (b or not a) and troops(FRA) >= 1 or true")

        assert drivers_of(expr) == frozenset({"a", "b"})

    def test_a_condition_without_drivers_has_none(self) -> None:
        assert drivers_of(parse("")) == frozenset()

    def test_thresholds_of_lists_distinct_thresholds_in_order(self) -> None:
        expr = parse("troops(GBR) > 1 and (contributors(land.combat) >= 3 or troops(GBR) > 1)")

        assert thresholds_of(expr) == (
            Threshold(Function.TROOPS, "GBR", Comparison.MORE_THAN, 1),
            Threshold(Function.CONTRIBUTORS, "land.combat", Comparison.AT_LEAST, 3),
        )

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("", False),
            ("a and not b", False),
            ("a or (b and troops(FRA) >= 1)", True),
            ("contributors(land.combat) > 0", True),
        ],
        ids=["empty", "drivers-only", "nested-threshold", "threshold-alone"],
    )
    def test_has_thresholds_says_whether_a_condition_depends_on_pledges(
        self, text: str, expected: bool
    ) -> None:
        assert has_thresholds(parse(text)) is expected

    def test_constants_and_drivers_alone_have_no_thresholds(self) -> None:
        assert has_thresholds(Const(True)) is False
        assert thresholds_of(DriverRef("a")) == ()
