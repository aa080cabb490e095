"""Responses: append-only versions, the diff between them, and endorsements."""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import JsonValue, ValidationError

from forcegen.model.response import (
    Attestation,
    Endorsement,
    EndorsementKind,
    FieldChange,
    Response,
    ResponseId,
    ResponseVersion,
    diff_answers,
)

NOON = dt.datetime(2025, 8, 20, 12, 0, tzinfo=dt.UTC)


def make_version(
    number: int = 1,
    *,
    answers: dict[str, JsonValue] | None = None,
    is_submitted: bool = False,
    is_withdrawn: bool = False,
) -> ResponseVersion:
    attestation = (
        Attestation(name="A. Official", title="Director", attested_at=NOON)
        if is_submitted
        else None
    )
    return ResponseVersion(
        response_id=ResponseId("resp-1"),
        number=number,
        answers=answers or {},
        is_submitted=is_submitted,
        is_withdrawn=is_withdrawn,
        saved_at=NOON + dt.timedelta(minutes=number),
        saved_by="participant:FRA",
        attestation=attestation,
    )


def make_response(*versions: ResponseVersion) -> Response:
    return Response(
        id=ResponseId("resp-1"), round_id="round-1", participant_code="FRA", versions=versions
    )


class TestResponseVersions:
    def test_latest_is_the_last_saved_version(self) -> None:
        response = make_response(make_version(1), make_version(2, is_submitted=True))

        assert response.latest is not None
        assert response.latest.number == 2
        assert response.version_count == 2

    def test_a_response_without_versions_has_no_latest(self) -> None:
        response = make_response()

        assert response.latest is None
        assert response.latest_submitted is None

    def test_latest_submitted_skips_drafts_saved_after_it(self) -> None:
        response = make_response(
            make_version(1, is_submitted=True), make_version(2), make_version(3)
        )

        assert response.latest_submitted is not None
        assert response.latest_submitted.number == 1
        assert response.submitted_count == 1

    def test_withdrawal_hides_the_earlier_submission(self) -> None:
        response = make_response(
            make_version(1, is_submitted=True), make_version(2, is_withdrawn=True)
        )

        assert response.latest_submitted is None
        assert response.is_withdrawn

    def test_with_version_appends_and_keeps_the_old_ones(self) -> None:
        first = make_response(make_version(1))

        second = first.with_version(make_version(2))

        assert [v.number for v in second.versions] == [1, 2]
        assert first.version_count == 1

    def test_versions_must_be_numbered_without_gaps(self) -> None:
        with pytest.raises(ValidationError, match=r"numbered 1, 2, 3"):
            make_response(make_version(1), make_version(3))

    def test_a_submission_needs_an_attestation(self) -> None:
        with pytest.raises(ValidationError, match="attestation"):
            ResponseVersion(
                response_id=ResponseId("r"),
                number=1,
                answers={},
                is_submitted=True,
                saved_at=NOON,
                saved_by="participant:FRA",
            )

    def test_saved_at_must_carry_a_time_zone(self) -> None:
        with pytest.raises(ValidationError, match="timezone"):
            ResponseVersion(
                response_id=ResponseId("r"),
                number=1,
                answers={},
                saved_at=dt.datetime(2025, 8, 20, 12, 0),
                saved_by="participant:FRA",
            )


class TestDiffAnswers:
    def test_identical_answers_have_no_changes(self) -> None:
        answers: dict[str, JsonValue] = {"troops": {"decision": "yes"}}

        assert diff_answers(answers, answers) == []

    def test_a_changed_field_is_named_by_its_path(self) -> None:
        before: dict[str, JsonValue] = {"troops": {"decision": "undecided"}}
        after: dict[str, JsonValue] = {"troops": {"decision": "conditional"}}

        assert diff_answers(before, after) == [
            FieldChange(path="troops.decision", before="undecided", after="conditional")
        ]

    def test_repeat_group_rows_are_compared_row_by_row(self) -> None:
        row: dict[str, JsonValue] = {"capability": "land.combat", "personnel": 5000}
        before: dict[str, JsonValue] = {"troops": {"contributions": [row]}}
        after: dict[str, JsonValue] = {
            "troops": {"contributions": [{**row, "personnel": 7000}, {"capability": "isr"}]}
        }

        assert diff_answers(before, after) == [
            FieldChange(path="troops.contributions[0].personnel", before=5000, after=7000),
            FieldChange(path="troops.contributions[1]", before=None, after={"capability": "isr"}),
        ]

    def test_a_selection_changes_as_a_whole(self) -> None:
        before: dict[str, JsonValue] = {"participants": {"countries": ["FRA", "DEU"]}}
        after: dict[str, JsonValue] = {"participants": {"countries": ["FRA"]}}

        assert diff_answers(before, after) == [
            FieldChange(path="participants.countries", before=["FRA", "DEU"], after=["FRA"])
        ]

    def test_an_answered_question_shows_as_added(self) -> None:
        changes = diff_answers({}, {"sanctions": {"notes": "yes"}})

        assert changes == [FieldChange(path="sanctions.notes", before=None, after="yes")]

    def test_a_missing_key_and_null_both_mean_not_answered(self) -> None:
        assert diff_answers({"troops": {"notes": None}}, {"troops": {}}) == []

    def test_true_and_one_are_different_answers(self) -> None:
        changes = diff_answers({"q": {"f": True}}, {"q": {"f": 1}})

        assert [change.path for change in changes] == ["q.f"]

    def test_one_and_one_point_zero_are_the_same_number(self) -> None:
        assert diff_answers({"q": {"f": 1}}, {"q": {"f": 1.0}}) == []


_scalars = st.none() | st.booleans() | st.integers(-5, 5) | st.sampled_from(["a", "b", ""])
_keys = st.sampled_from(["troops", "decision", "rows", "notes", "x"])
_json: st.SearchStrategy[JsonValue] = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_keys, children, max_size=3),
    max_leaves=12,
)
_answers = st.dictionaries(_keys, _json, max_size=4)
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _apply(answers: dict[str, JsonValue], changes: list[FieldChange]) -> JsonValue:
    """Rebuild `after` from `before` and the changes (last first, so row removals pop cleanly)."""
    result: JsonValue = copy.deepcopy(answers)
    for change in reversed(changes):
        steps = [int(index) if index else name for name, index in _STEP.findall(change.path)]
        result = _set(result, steps, change.after)
    return result


def _set(container: JsonValue, steps: list[str | int], value: JsonValue) -> JsonValue:
    head, rest = steps[0], steps[1:]
    if isinstance(head, int):
        rows = list(container) if isinstance(container, list) else []
        if not rest and value is None and head == len(rows) - 1:
            return rows[:-1]
        rows += [{}] * (head + 1 - len(rows))
        rows[head] = _set(rows[head], rest, value) if rest else value
        return rows
    mapping = dict(container) if isinstance(container, dict) else {}
    mapping[head] = _set(mapping.get(head), rest, value) if rest else value
    return mapping


def _normalise(value: JsonValue) -> JsonValue:
    """Drop nulls and empty objects inside objects: both mean "not answered"."""
    if isinstance(value, dict):
        cleaned = {k: _normalise(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v is not None and v != {}}
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    return value


@given(answers=_answers)
def test_answers_never_differ_from_themselves(answers: dict[str, JsonValue]) -> None:
    assert diff_answers(answers, copy.deepcopy(answers)) == []


@given(before=_answers, after=_answers)
def test_different_answers_always_show_a_change(
    before: dict[str, JsonValue], after: dict[str, JsonValue]
) -> None:
    changes = diff_answers(before, after)

    if _normalise(before) != _normalise(after):
        assert changes != []


@given(before=_answers, after=_answers)
def test_applying_the_diff_to_before_gives_after(
    before: dict[str, JsonValue], after: dict[str, JsonValue]
) -> None:
    rebuilt = _apply(before, diff_answers(before, after))

    assert isinstance(rebuilt, dict)
    assert diff_answers(after, rebuilt) == []


class TestEndorsement:
    def test_reservations_must_name_questions(self) -> None:
        with pytest.raises(ValidationError, match="name the reserved questions"):
            Endorsement(
                round_id="r",
                joint_participant="EU",
                participant_code="DEU",
                kind=EndorsementKind.ENDORSE_WITH_RESERVATIONS,
                recorded_at=NOON,
                number=1,
            )

    def test_a_plain_endorsement_cannot_carry_reservations(self) -> None:
        with pytest.raises(ValidationError, match="only allowed with 'endorse_with_reservations'"):
            Endorsement(
                round_id="r",
                joint_participant="EU",
                participant_code="FRA",
                kind=EndorsementKind.ENDORSE,
                reserved_questions=("troops",),
                recorded_at=NOON,
                number=1,
            )
