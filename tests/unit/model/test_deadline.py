"""A deadline typed as a date is the end of that day, whether the CLI or the round form reads it."""

from __future__ import annotations

import datetime as dt

import pytest

from forcegen.model.errors import InvalidInputError
from forcegen.model.round import parse_deadline

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("2025-09-30", dt.datetime(2025, 9, 30, 23, 59, 59, tzinfo=UTC)),
        ("2025-09-30T17:00", dt.datetime(2025, 9, 30, 17, 0, tzinfo=UTC)),
        ("2025-09-30T18:00+02:00", dt.datetime(2025, 9, 30, 16, 0, tzinfo=UTC)),
        ("2025-09-30T16:00Z", dt.datetime(2025, 9, 30, 16, 0, tzinfo=UTC)),
    ],
    ids=["date-is-end-of-day", "datetime-local-is-utc", "offset-kept", "zulu"],
)
def test_a_deadline_is_read_the_same_way_everywhere(text: str, deadline: dt.datetime) -> None:
    assert parse_deadline(text) == deadline


def test_a_date_deadline_still_accepts_answers_late_that_day() -> None:
    deadline = parse_deadline("2025-09-30")

    assert deadline > dt.datetime(2025, 9, 30, 23, 0, tzinfo=UTC)
    assert deadline < dt.datetime(2025, 10, 1, tzinfo=UTC)


def test_a_deadline_that_is_not_a_date_says_what_to_write() -> None:
    with pytest.raises(InvalidInputError, match="'30/09/2025' is not a date: write 2025-09-30"):
        parse_deadline("30/09/2025")
