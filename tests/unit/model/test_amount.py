"""Amounts keep how they were stated; one number parser reads "5,000" the same everywhere."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from factories import make_pledge
from forcegen.model.amount import Bound, Count, Stated
from forcegen.model.amount_parse import parse_count, parse_money
from forcegen.model.number import InvalidNumberError, group_digits, parse_number, parse_whole


class TestNumbers:
    @pytest.mark.parametrize(
        ("text", "number"),
        [
            ("5000", 5000),
            ("5,000", 5000),
            ("1,500,000", 1_500_000),
            ("1 500 000", 1_500_000),
            ("1\u202f500", 1500),
            ("0.75", 0.75),
            (" 40000 ", 40000),
        ],
        ids=["plain", "comma", "millions", "spaces", "thin-space", "decimal", "padded"],
    )
    def test_numbers_are_read_as_people_write_them(self, text: str, number: float) -> None:
        assert parse_number(text) == number

    @pytest.mark.parametrize("text", ["1,5", "5,00", "12,3456", "five", "", "1e999"])
    def test_ambiguous_or_non_numbers_are_refused_with_what_to_write(self, text: str) -> None:
        with pytest.raises(InvalidNumberError, match=re.escape("e.g. 7500, 7,500 or 0.75")):
            parse_number(text)

    @pytest.mark.parametrize(("text", "whole"), [("5.000", "5000"), ("1.500.000", "1500000")])
    def test_dots_grouping_thousands_in_a_whole_number_are_refused_not_read_as_decimals(
        self, text: str, whole: str
    ) -> None:
        with pytest.raises(InvalidNumberError, match=f"write {whole} or "):
            parse_whole(text)

    def test_people_see_grouped_digits_and_honest_decimals(self) -> None:
        assert [group_digits(v) for v in (7500, 0.75, 1234.5, 9e10)] == [
            "7,500",
            "0.75",
            "1,234.5",
            "90,000,000,000",
        ]


class TestStatements:
    @pytest.mark.parametrize(
        ("text", "stated", "low", "central", "high", "shown"),
        [
            ("7,500", Stated.EXACT, 7500, 7500, 7500, "7,500"),
            ("about 150", Stated.ABOUT, 150, 150, 150, "about 150"),
            ("~150", Stated.ABOUT, 150, 150, 150, "about 150"),
            ("about 150 (50-250)", Stated.ABOUT, 50, 150, 250, "about 150 (50–250)"),
            ("at least 5,000", Stated.AT_LEAST, 5000, None, None, "at least 5,000"),
            ("5000+", Stated.AT_LEAST, 5000, None, None, "at least 5,000"),
            ("up to 7,500", Stated.UP_TO, None, None, 7500, "up to 7,500"),
            ("<= 7500", Stated.UP_TO, None, None, 7500, "up to 7,500"),
            ("5,000–8,000", Stated.RANGE, 5000, None, 8000, "5,000–8,000"),
            ("5000 to 8000", Stated.RANGE, 5000, None, 8000, "5,000–8,000"),
            ("between 5000 and 8000", Stated.RANGE, 5000, None, 8000, "5,000–8,000"),
            ("6,000 (5,000-8,000)", Stated.RANGE, 5000, 6000, 8000, "6,000 (5,000–8,000)"),
            ("unknown", Stated.UNKNOWN, None, None, None, "unknown"),
            ("?", Stated.UNKNOWN, None, None, None, "unknown"),
        ],
    )
    def test_each_way_of_stating_an_amount_is_kept(
        self,
        text: str,
        stated: Stated,
        low: int | None,
        central: int | None,
        high: int | None,
        shown: str,
    ) -> None:
        amount = parse_count(text)

        assert (amount.stated, amount.low, amount.central, amount.high) == (
            stated,
            low,
            central,
            high,
        )
        assert amount.text == shown
        assert parse_count(amount.file_text) == amount

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("8000-5000", "the low end 8000 is above the high end 5000"),
            ("7500.5", "is not a whole number; people"),
            ("fewer than 7500", "'up to 7500'"),
            ("-5", "is not an amount"),
        ],
        ids=["reversed", "fraction", "unknown-wording", "negative"],
    )
    def test_bad_statements_say_what_to_write(self, text: str, message: str) -> None:
        with pytest.raises(InvalidNumberError, match=message):
            parse_count(text)

    @pytest.mark.parametrize("text", ["5.000", "about 5.000", "5.000-8.000", "at least 5.000"])
    def test_a_count_with_dots_grouping_thousands_is_refused_as_everywhere_else(
        self, text: str
    ) -> None:
        with pytest.raises(InvalidNumberError, match="is ambiguous: "):
            parse_count(text)

    def test_money_keeps_its_decimals(self) -> None:
        assert parse_money("0.75").figure == 0.75
        assert parse_money("90,000,000,000").text == "90,000,000,000"

    def test_an_amount_must_fit_how_it_was_stated(self) -> None:
        with pytest.raises(ValidationError, match="'up to' has a high value only"):
            Count(stated=Stated.UP_TO, low=0, high=10)


class TestBounds:
    @pytest.mark.parametrize(
        ("text", "low", "high"),
        [
            ("7500", 7500, 7500),
            ("up to 7500", 0, 7500),
            ("at least 5000", 5000, 5000),
            ("5000-8000", 5000, 8000),
            ("about 150 (50-250)", 50, 250),
        ],
    )
    def test_arithmetic_counts_each_end_of_a_statement(
        self, text: str, low: int, high: int
    ) -> None:
        amount = parse_count(text)

        assert (amount.fixed(Bound.LOW).figure, amount.fixed(Bound.HIGH).figure) == (low, high)

    def test_a_bound_is_never_taken_for_one_figure(self) -> None:
        with pytest.raises(ValueError, match="'up to 7,500' is not one figure"):
            _ = parse_count("up to 7500").figure

    def test_unknown_is_counted_nowhere(self) -> None:
        unknown = parse_count("unknown")

        assert not unknown.is_quantified
        assert [unknown.counted(b) for b in Bound] == [None, None, None]

    @given(low=st.integers(0, 10**6), spread=st.integers(0, 10**6), central=st.floats(0, 1))
    def test_a_range_reads_back_from_its_text_and_its_ends_bracket_it(
        self, low: int, spread: int, central: float
    ) -> None:
        middle = low + round(spread * central)
        amount = parse_count(f"{middle:,} ({low:,}-{low + spread:,})")

        assert parse_count(amount.text) == amount
        assert amount.fixed(Bound.LOW).figure <= middle <= amount.fixed(Bound.HIGH).figure


class TestPledgeAmounts:
    def test_a_pledge_takes_numbers_and_statements(self) -> None:
        pledge = make_pledge(personnel="up to 7,500", platforms=2)

        assert pledge.personnel.text == "up to 7,500"
        assert pledge.platforms == Count.exact(2)

    def test_a_ship_without_a_reported_crew_has_unknown_personnel_not_zero(self) -> None:
        pledge = make_pledge(kind="enabler", capability="maritime.mcm", personnel=None, platforms=1)

        assert pledge.personnel.stated is Stated.UNKNOWN

    def test_a_bad_statement_names_the_field(self) -> None:
        with pytest.raises(ValidationError, match=r"personnel\n.*'many' is not an amount"):
            make_pledge(personnel="many")

    def test_a_pledge_fixed_at_a_bound_counts_that_end(self) -> None:
        pledge = make_pledge(personnel="5000-8000")

        assert pledge.fixed(Bound.LOW).personnel.figure == 5000
        assert pledge.fixed(Bound.HIGH).personnel.figure == 8000

    def test_a_fixed_pledge_fixed_again_keeps_its_own_figures(self) -> None:
        """Each end is kept with the pledge once made: a copy (the low end) must not answer
        with the original's high end, nor compare or dump differently for having been asked."""
        pledge = make_pledge(id="P-fixed", personnel="5000-8000")
        never_fixed = make_pledge(id="P-fixed", personnel="5000-8000")
        high = pledge.fixed(Bound.HIGH)

        low = pledge.fixed(Bound.LOW)

        assert low.fixed(Bound.HIGH).personnel.figure == 5000
        assert pledge.fixed(Bound.HIGH) is high
        assert pledge == never_fixed
        assert pledge.model_dump() == never_fixed.model_dump()

    def test_whether_both_ends_count_the_same_follows_a_changed_copy(self) -> None:
        """A copy with another amount answers for its own amount, not with what the original
        had worked out (an exact copy of a range, a range copy of an exact pledge)."""
        ranged, exact = make_pledge(personnel="5000-8000"), make_pledge(personnel=5000)
        assert not ranged.is_same_at_both_ends
        assert exact.is_same_at_both_ends

        assert ranged.model_copy(update={"personnel": Count.exact(8000)}).is_same_at_both_ends
        assert not exact.model_copy(update={"personnel": ranged.personnel}).is_same_at_both_ends
        assert ranged.fixed(Bound.LOW).is_same_at_both_ends
