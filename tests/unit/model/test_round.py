"""Rounds and invitations: invitee statuses, token validity, deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from forcegen.model.questionnaire import Field, FieldKind, Question, Questionnaire
from forcegen.model.round import (
    Invitation,
    InvitationId,
    InviteeStatus,
    IssuedInvitation,
    ResponseEvent,
    Round,
    RoundId,
    RoundStatus,
    invitation_path,
    status_after,
)

NOON = dt.datetime(2025, 8, 20, 12, 0, tzinfo=dt.UTC)
S = InviteeStatus
E = ResponseEvent


def make_questionnaire() -> Questionnaire:
    question = Question(
        key="troops",
        number=1,
        title="Troops",
        text="Would you send troops?",
        fields=(Field(key="notes", label="Notes", kind=FieldKind.TEXT),),
    )
    return Questionnaire(key="test", version=1, title="Test", questions=(question,))


def make_round(**changes: object) -> Round:
    values: dict[str, object] = {
        "id": RoundId("r1"),
        "title": "Guarantee round",
        "questionnaire": make_questionnaire(),
        "deadline": NOON + dt.timedelta(days=14),
        "created_at": NOON,
        "created_by": "user:alice",
    }
    return Round.model_validate(values | changes)


def make_invitation(**changes: object) -> Invitation:
    values: dict[str, object] = {
        "id": InvitationId("i1"),
        "round_id": RoundId("r1"),
        "participant_code": "FRA",
        "expires_at": NOON + dt.timedelta(days=30),
        "created_at": NOON,
    }
    return Invitation.model_validate(values | changes)


class TestInviteeStatus:
    @pytest.mark.parametrize(
        ("current", "event", "has_submitted", "expected"),
        [
            (S.INVITED, E.OPEN, False, S.OPENED),
            (S.OPENED, E.OPEN, False, S.OPENED),
            (S.DRAFT, E.OPEN, False, S.DRAFT),
            (S.SUBMITTED, E.OPEN, True, S.SUBMITTED),
            (S.INVITED, E.SAVE_DRAFT, False, S.DRAFT),
            (S.OPENED, E.SAVE_DRAFT, False, S.DRAFT),
            (S.SUBMITTED, E.SAVE_DRAFT, True, S.SUBMITTED),
            (S.REVISED, E.SAVE_DRAFT, True, S.REVISED),
            (S.WITHDRAWN, E.SAVE_DRAFT, True, S.DRAFT),
            (S.DRAFT, E.SUBMIT, False, S.SUBMITTED),
            (S.SUBMITTED, E.SUBMIT, True, S.REVISED),
            (S.WITHDRAWN, E.SUBMIT, True, S.REVISED),
            (S.SUBMITTED, E.WITHDRAW, True, S.WITHDRAWN),
        ],
        ids=[
            "first-open",
            "reopen",
            "open-never-moves-back",
            "open-keeps-submission",
            "first-draft",
            "draft-after-open",
            "draft-on-submission-keeps-submitted",
            "draft-on-revision-keeps-revised",
            "draft-after-withdrawal",
            "first-submission",
            "second-submission-is-a-revision",
            "resubmission-after-withdrawal",
            "withdrawal",
        ],
    )
    def test_status_follows_what_the_respondent_did(
        self, current: S, event: E, has_submitted: bool, expected: S
    ) -> None:
        assert status_after(current, event, has_submitted=has_submitted) is expected

    def test_statuses_are_listed_in_the_order_a_coordinator_follows(self) -> None:
        assert [s.value for s in InviteeStatus] == [
            "invited",
            "opened",
            "draft",
            "submitted",
            "revised",
            "withdrawn",
        ]


class TestInvitation:
    def test_a_fresh_invitation_is_usable(self) -> None:
        assert make_invitation().is_usable(NOON + dt.timedelta(days=1))

    def test_an_expired_invitation_is_not_usable(self) -> None:
        invitation = make_invitation()

        assert not invitation.is_usable(invitation.expires_at)

    def test_a_revoked_invitation_is_not_usable(self) -> None:
        invitation = make_invitation(revoked_at=NOON + dt.timedelta(hours=1))

        assert invitation.is_revoked
        assert not invitation.is_usable(NOON + dt.timedelta(hours=2))

    def test_the_issued_token_is_kept_out_of_repr(self) -> None:
        issued = IssuedInvitation(invitation=make_invitation(), token="s3cret-token-value")

        assert "s3cret" not in repr(issued)

    def test_the_link_path_carries_the_token(self) -> None:
        assert invitation_path("abc") == "/respond/abc"


class TestRound:
    def test_a_new_round_is_open(self) -> None:
        round_ = make_round()

        assert round_.status is RoundStatus.OPEN
        assert round_.is_open

    def test_the_deadline_must_carry_a_time_zone(self) -> None:
        with pytest.raises(ValidationError, match="timezone"):
            make_round(deadline=dt.datetime(2025, 9, 1, 12, 0))

    def test_past_deadline_is_after_the_deadline_only(self) -> None:
        round_ = make_round()

        assert not round_.is_past_deadline(round_.deadline)
        assert round_.is_past_deadline(round_.deadline + dt.timedelta(seconds=1))

    def test_a_round_is_immutable(self) -> None:
        round_ = make_round()

        with pytest.raises(ValidationError):
            round_.title = "Another"  # type: ignore[misc]
