"""Record ids follow one documented pattern, and control characters never reach the store,
whichever door a source, position or pledge comes through (they all build these values)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from forcegen.model.pledge import Pledge, PledgeKind
from forcegen.model.position import Position, Stance, Topic
from forcegen.model.source import Source
from forcegen.model.text import RECORD_ID_PATTERN, clean_text


def position(**overrides: object) -> Position:
    values: dict[str, object] = {
        "id": "pos-1",
        "actor_code": "FRA",
        "topic": Topic.TRAINING,
        "stance": Stance.YES,
        "date": dt.date(2025, 3, 1),
        "source_id": "src-1",
    }
    return Position.model_validate(values | overrides)


@pytest.mark.parametrize(
    "record_id",
    ["pos-b51645555f", "src-6f3bb2b349", "FRA/troops/1", "response:r1-FRA/v2", "A"],
)
def test_ids_in_use_follow_the_pattern(record_id: str) -> None:
    assert position(id=record_id).id == record_id


@pytest.mark.parametrize(
    "record_id",
    ['<img src=x onerror="alert(1)">', "pos 1", "", "-pos", "x" * 101, "pos\u00e91"],
    ids=["markup", "space", "empty", "leading-dash", "too-long", "non-ascii"],
)
def test_ids_outside_the_pattern_are_refused_with_the_rule(record_id: str) -> None:
    with pytest.raises(ValidationError, match="is not a valid id: start with a letter or digit"):
        position(id=record_id)


def test_referenced_ids_follow_the_pattern_too() -> None:
    with pytest.raises(ValidationError, match="is not a valid id"):
        position(source_id="<b>src</b>")
    with pytest.raises(ValidationError, match="is not a valid id"):
        Pledge(
            id="pl-1",
            contributor="FRA",
            kind=PledgeKind.FUNDING,
            source_ids=("src-1", "src 2"),
        )


def test_control_characters_are_removed_from_every_text_field() -> None:
    text = "bell\u0007char\u0000 tab\tand\nlines\u009b"

    cleaned = position(
        summary=text, actor="Min\u0008istry", conditions="\u001bceasefire", quote="One\u0000 line."
    )
    source = Source(id="src-1", locator="https://example.org/\u0007", outlet="Wi\u0000re")
    pledge = Pledge(id="pl-1", contributor="FRA", kind=PledgeKind.FUNDING, note="n\u0007ote")

    assert cleaned.summary == "bellchar tab\tand\nlines"
    assert (cleaned.actor, cleaned.conditions, cleaned.quote) == (
        "Ministry",
        "ceasefire",
        "One line.",
    )
    assert (source.locator, source.outlet) == ("https://example.org/", "Wire")
    assert pledge.note == "note"


@given(st.text())
def test_cleaned_text_has_no_control_character_but_tab_and_newlines(text: str) -> None:
    cleaned = clean_text(text)

    assert all(ch in "\t\n\r" or not (ord(ch) < 32 or 127 <= ord(ch) < 160) for ch in cleaned)
    assert clean_text(cleaned) == cleaned


def test_the_pattern_is_the_documented_one() -> None:
    assert RECORD_ID_PATTERN == r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$"
