"""A round from creation to closing: statuses, append-only versions, and the rules on writes."""

from __future__ import annotations

import datetime as dt

import pytest
from round_env import COORDINATOR, START, RoundsEnv, no_troops, troops

from forcegen.model.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    RuleViolationError,
    UnknownParticipantError,
)
from forcegen.model.response import InvalidAnswersError
from forcegen.model.round import InviteeStatus, RoundStatus
from forcegen.service.responding import answering
from forcegen.service.rounds import coordinating


def statuses(env: RoundsEnv, round_id: str) -> dict[str, InviteeStatus]:
    report = coordinating.round_status(uow=env.uow(), round_id=round_id)
    return {row.invitation.participant_code: row.status for row in report.rows}


class TestCreateAndInvite:
    def test_a_new_round_is_open_and_listed(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.create_round("August round")

        listed = coordinating.list_rounds(uow=rounds_env.uow())

        assert [r.id for r in listed] == [round_.id]
        assert listed[0].status is RoundStatus.OPEN
        assert listed[0].questionnaire == rounds_env.catalog.questionnaire()

    def test_a_deadline_in_the_past_is_refused(self, rounds_env: RoundsEnv) -> None:
        with pytest.raises(InvalidInputError, match="not in the future"):
            coordinating.create_round(
                uow=rounds_env.uow(),
                questionnaire=rounds_env.catalog.questionnaire(),
                title="Late",
                deadline=START - dt.timedelta(days=1),
                actor=COORDINATOR,
            )

    def test_invited_participants_start_as_invited(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA", "pol", "EU"])

        assert statuses(rounds_env, round_.id) == {
            "EU": InviteeStatus.INVITED,
            "FRA": InviteeStatus.INVITED,
            "POL": InviteeStatus.INVITED,
        }

    def test_an_organisation_is_invited_to_answer_jointly(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["EU", "FRA"])

        report = coordinating.round_status(uow=rounds_env.uow(), round_id=round_.id)

        assert {r.invitation.participant_code: r.invitation.is_joint for r in report.rows} == {
            "EU": True,
            "FRA": False,
        }

    def test_tokens_are_random_and_long(self, rounds_env: RoundsEnv) -> None:
        rounds_env.round_with(["FRA", "DEU"])

        tokens = list(rounds_env.tokens.values())

        assert len(set(tokens)) == 2
        assert all(len(token) >= 22 for token in tokens)  # >= 128 bits in base64

    def test_an_unknown_code_invites_nobody(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.create_round()

        with pytest.raises(UnknownParticipantError, match="'FRX'"):
            coordinating.invite(
                uow=rounds_env.uow(),
                catalog=rounds_env.catalog,
                round_id=round_.id,
                participant_codes=["DEU", "FRX"],
                actor=COORDINATOR,
            )

        assert statuses(rounds_env, round_.id) == {}

    def test_inviting_twice_is_refused(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA"])

        with pytest.raises(RuleViolationError, match=r"Already invited .*: FRA"):
            coordinating.invite(
                uow=rounds_env.uow(),
                catalog=rounds_env.catalog,
                round_id=round_.id,
                participant_codes=["FRA"],
                actor=COORDINATOR,
            )

    def test_an_unknown_round_is_not_found(self, rounds_env: RoundsEnv) -> None:
        with pytest.raises(NotFoundError, match="No round with id 'nope'"):
            coordinating.get_round(uow=rounds_env.uow(), round_id="nope")


class TestRespondentLifecycle:
    def test_status_moves_through_opened_draft_submitted_revised(
        self, rounds_env: RoundsEnv
    ) -> None:
        round_ = rounds_env.round_with(["FRA"])
        seen = []

        answering.open_invitation(
            uow=rounds_env.uow(), catalog=rounds_env.catalog, token=rounds_env.tokens["FRA"]
        )
        seen.append(statuses(rounds_env, round_.id)["FRA"])
        rounds_env.save("FRA", {"troops": {"decision": "undecided"}}, 0)
        seen.append(statuses(rounds_env, round_.id)["FRA"])
        rounds_env.submit("FRA", troops(5000), 1)
        seen.append(statuses(rounds_env, round_.id)["FRA"])
        rounds_env.submit("FRA", troops(7000), 2)
        seen.append(statuses(rounds_env, round_.id)["FRA"])

        assert seen == ["opened", "draft", "submitted", "revised"]

    def test_withdrawal_is_a_new_version_and_keeps_the_submission(
        self, rounds_env: RoundsEnv
    ) -> None:
        round_ = rounds_env.round_with(["FRA"])
        rounds_env.submit("FRA", troops(5000), 0)

        withdrawal = answering.withdraw_response(
            uow=rounds_env.uow(), token=rounds_env.tokens["FRA"], base_version=1
        )

        response = coordinating.get_response(
            uow=rounds_env.uow(), round_id=round_.id, participant_code="FRA"
        )
        assert withdrawal.number == 2
        assert [v.is_submitted for v in response.versions] == [True, False]
        assert response.is_withdrawn
        assert response.latest_submitted is None
        assert statuses(rounds_env, round_.id)["FRA"] == "withdrawn"

    def test_a_revision_keeps_every_earlier_version(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA"])
        rounds_env.save("FRA", troops(1000), 0)
        rounds_env.submit("FRA", troops(5000), 1)
        rounds_env.submit("FRA", troops(7000), 2)

        response = coordinating.get_response(
            uow=rounds_env.uow(), round_id=round_.id, participant_code="FRA"
        )

        personnel = [
            v.answers["troops"]["contributions"][0]["personnel"]  # type: ignore[index, call-overload]
            for v in response.versions
        ]
        assert personnel == [1000, 5000, 7000]
        assert [v.number for v in response.versions] == [1, 2, 3]
        assert response.submitted_count == 2
        assert response.versions[1].attestation is not None
        assert response.versions[1].attestation.name == "Jeanne Martin"

    def test_the_coordinator_sees_version_counts(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA", "POL"])
        rounds_env.save("FRA", troops(1000), 0)
        rounds_env.submit("FRA", troops(5000), 1)

        rows = coordinating.round_status(uow=rounds_env.uow(), round_id=round_.id).rows

        fra = next(row for row in rows if row.invitation.participant_code == "FRA")
        assert (fra.version_count, fra.submitted_count) == (2, 1)
        assert fra.participant_name == "France"
        assert fra.last_activity_at is not None

    def test_an_unchanged_autosave_adds_no_version(self, rounds_env: RoundsEnv) -> None:
        rounds_env.round_with(["FRA"])
        rounds_env.save("FRA", troops(1000), 0)

        again = rounds_env.save("FRA", troops(1000), 1)

        assert again == 1

    def test_a_save_from_an_old_version_is_a_conflict(self, rounds_env: RoundsEnv) -> None:
        rounds_env.round_with(["FRA"])
        rounds_env.save("FRA", troops(1000), 0)
        rounds_env.save("FRA", troops(2000), 1)

        with pytest.raises(ConflictError, match=r"another save \(version 2 at .*\) happened since"):
            rounds_env.save("FRA", troops(3000), 1)

    def test_submission_needs_complete_answers(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA"])

        with pytest.raises(InvalidAnswersError) as caught:
            rounds_env.submit("FRA", {"troops": {"notes": "later"}}, 0)

        assert [p.path for p in caught.value.problems] == ["troops.decision"]
        assert (
            coordinating.round_status(uow=rounds_env.uow(), round_id=round_.id)
            .rows[0]
            .version_count
            == 0
        )

    def test_submission_needs_an_attestation(self, rounds_env: RoundsEnv) -> None:
        rounds_env.round_with(["FRA"])

        with pytest.raises(InvalidAnswersError) as caught:
            answering.submit_response(
                uow=rounds_env.uow(),
                catalog=rounds_env.catalog,
                token=rounds_env.tokens["FRA"],
                answers=no_troops(),
                base_version=0,
                attestation_name="  ",
                attestation_title="Director",
                vocabulary=rounds_env.vocabulary,
            )

        assert [p.path for p in caught.value.problems] == ["attestation_name"]

    def test_a_draft_keeps_an_invalid_value_that_submission_then_refuses(
        self, rounds_env: RoundsEnv
    ) -> None:
        rounds_env.round_with(["FRA"])
        answers = troops(-200, condition="us.air_cuver and")

        saved = rounds_env.save("FRA", answers, 0)
        with pytest.raises(InvalidAnswersError) as caught:
            rounds_env.submit("FRA", answers, saved)

        history = answering.own_history(uow=rounds_env.uow(), token=rounds_env.tokens["FRA"])
        assert [v.answers for v in history.versions] == [answers]
        assert [p.path for p in caught.value.problems] == [
            "troops.contributions[0].personnel",
            "troops.contributions[0].condition",
        ]

    def test_check_answers_names_what_a_kept_draft_must_correct(
        self, rounds_env: RoundsEnv
    ) -> None:
        rounds_env.round_with(["FRA"])
        context = answering.open_invitation(
            uow=rounds_env.uow(), catalog=rounds_env.catalog, token=rounds_env.tokens["FRA"]
        )

        problems = answering.check_answers(
            context=context,
            answers=troops(5000, condition="us.air_cuver"),
            vocabulary=rounds_env.vocabulary,
        )

        assert [p.path for p in problems] == ["troops.contributions[0].condition"]
        assert "did you mean 'us.air_cover'" in problems[0].message

    def test_gbr_cannot_answer_the_eu_only_sanctions_question(self, rounds_env: RoundsEnv) -> None:
        rounds_env.round_with(["GBR"])
        answers = {**no_troops(), "sanctions": {"notes": "We align with EU measures."}}

        with pytest.raises(InvalidAnswersError, match="EU members only") as caught:
            rounds_env.save("GBR", answers, 0)

        assert [p.path for p in caught.value.problems] == ["sanctions"]

    def test_gbr_is_not_asked_the_sanctions_question(self, rounds_env: RoundsEnv) -> None:
        rounds_env.round_with(["GBR", "FRA"])

        keys = {
            code: [
                q.key
                for q in answering.open_invitation(
                    uow=rounds_env.uow(), catalog=rounds_env.catalog, token=token
                ).questions
            ]
            for code, token in rounds_env.tokens.items()
        }

        assert "sanctions" not in keys["GBR"]
        assert "sanctions" in keys["FRA"]

    def test_answers_must_be_a_mapping(self, rounds_env: RoundsEnv) -> None:
        rounds_env.round_with(["FRA"])

        with pytest.raises(InvalidInputError, match="not a mapping of question key"):
            rounds_env.save("FRA", ["troops"], 0)  # type: ignore[arg-type]


class TestClosedRound:
    @pytest.fixture
    def closed(self, rounds_env: RoundsEnv) -> RoundsEnv:
        round_ = rounds_env.round_with(["FRA", "DEU", "EU"])
        rounds_env.save("EU", no_troops(), 0)
        rounds_env.submit("FRA", no_troops(), 0)
        coordinating.close_round(uow=rounds_env.uow(), round_id=round_.id, actor=COORDINATOR)
        return rounds_env

    def test_closing_records_when(self, closed: RoundsEnv) -> None:
        round_ = coordinating.list_rounds(uow=closed.uow())[0]

        assert round_.status is RoundStatus.CLOSED
        assert round_.closed_at is not None

    def test_a_closed_round_refuses_drafts(self, closed: RoundsEnv) -> None:
        with pytest.raises(RuleViolationError, match=r"was closed on .*nothing can be changed"):
            closed.save("FRA", troops(1), 1)

    def test_a_closed_round_refuses_submissions(self, closed: RoundsEnv) -> None:
        with pytest.raises(RuleViolationError, match="was closed"):
            closed.submit("FRA", troops(1), 1)

    def test_a_closed_round_refuses_withdrawals(self, closed: RoundsEnv) -> None:
        with pytest.raises(RuleViolationError, match="was closed"):
            answering.withdraw_response(
                uow=closed.uow(), token=closed.tokens["FRA"], base_version=1
            )

    def test_a_closed_round_refuses_endorsements(self, closed: RoundsEnv) -> None:
        with pytest.raises(RuleViolationError, match="was closed"):
            answering.endorse_joint(
                uow=closed.uow(),
                catalog=closed.catalog,
                token=closed.tokens["DEU"],
                joint_participant="EU",
                kind="endorse",
            )

    def test_a_closed_round_refuses_invitations(self, closed: RoundsEnv) -> None:
        round_id = coordinating.list_rounds(uow=closed.uow())[0].id

        with pytest.raises(RuleViolationError, match="was closed"):
            coordinating.invite(
                uow=closed.uow(),
                catalog=closed.catalog,
                round_id=round_id,
                participant_codes=["POL"],
                actor=COORDINATOR,
            )

    def test_closing_twice_is_refused(self, closed: RoundsEnv) -> None:
        round_id = coordinating.list_rounds(uow=closed.uow())[0].id

        with pytest.raises(RuleViolationError, match="already closed"):
            coordinating.close_round(uow=closed.uow(), round_id=round_id, actor=COORDINATOR)

    def test_a_closed_round_still_shows_the_respondent_its_answers(self, closed: RoundsEnv) -> None:
        context = answering.open_invitation(
            uow=closed.uow(), catalog=closed.catalog, token=closed.tokens["FRA"]
        )

        assert context.round.status is RoundStatus.CLOSED
        assert context.response is not None
        assert context.response.version_count == 1


class TestAuditTrail:
    def test_every_change_is_recorded_without_tokens_or_answers(
        self, rounds_env: RoundsEnv
    ) -> None:
        round_ = rounds_env.round_with(["FRA", "EU"])
        answering.open_invitation(
            uow=rounds_env.uow(), catalog=rounds_env.catalog, token=rounds_env.tokens["FRA"]
        )
        rounds_env.save("EU", troops(20000), 0)
        rounds_env.save("FRA", {"troops": {"decision": "no", "notes": "Secret note"}}, 0)
        rounds_env.submit("FRA", no_troops(), 1)
        answering.endorse_joint(
            uow=rounds_env.uow(),
            catalog=rounds_env.catalog,
            token=rounds_env.tokens["FRA"],
            joint_participant="EU",
            kind="endorse",
        )
        answering.withdraw_response(
            uow=rounds_env.uow(), token=rounds_env.tokens["FRA"], base_version=2
        )
        coordinating.close_round(uow=rounds_env.uow(), round_id=round_.id, actor=COORDINATOR)

        with rounds_env.uow() as uow:
            entries = list(reversed(uow.audit.entries(limit=100)))
            report = uow.audit.verify()

        assert [e.action for e in entries] == [
            "round.create",
            "invitation.create",
            "invitation.create",
            "invitation.open",
            "response.save_draft",
            "response.save_draft",
            "response.submit",
            "endorsement.record",
            "response.withdraw",
            "round.close",
        ]
        logged = " ".join(e.model_dump_json() for e in entries)
        assert "Secret note" not in logged
        assert not any(token in logged for token in rounds_env.tokens.values())
        assert all(
            len(str(e.payload["answers_sha256"])) == 64 for e in entries if "save" in e.action
        )
        assert report.is_intact
