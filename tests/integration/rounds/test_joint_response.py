"""Joint responses: the EU answers for its members, who endorse, reserve or reject."""

from __future__ import annotations

import pytest
from round_env import RoundsEnv, troops

from forcegen.model.errors import InvalidInputError, RuleViolationError
from forcegen.model.response import EndorsementKind
from forcegen.service.joint import backing
from forcegen.service.responding import answering


def endorse(
    env: RoundsEnv, code: str, kind: str, reserved: tuple[str, ...] = (), comment: str = ""
) -> None:
    answering.endorse_joint(
        uow=env.uow(),
        catalog=env.catalog,
        token=env.tokens[code],
        joint_participant="EU",
        kind=kind,
        reserved_questions=reserved,
        comment=comment,
    )


@pytest.fixture
def eu_round(rounds_env: RoundsEnv) -> str:
    """A round where the EU drafted a joint answer; FRA and DEU are members, GBR is not."""
    round_ = rounds_env.round_with(["EU", "FRA", "DEU", "GBR"])
    rounds_env.save("EU", troops(20000), 0)
    return round_.id


def test_members_see_the_joint_draft_read_only(rounds_env: RoundsEnv, eu_round: str) -> None:
    context = answering.open_invitation(
        uow=rounds_env.uow(), catalog=rounds_env.catalog, token=rounds_env.tokens["FRA"]
    )

    assert [d.joint_participant for d in context.joint_drafts] == ["EU"]
    assert context.joint_drafts[0].response.latest is not None
    assert context.joint_drafts[0].response.latest.answers == troops(20000)


def test_a_non_member_sees_no_joint_draft(rounds_env: RoundsEnv, eu_round: str) -> None:
    context = answering.open_invitation(
        uow=rounds_env.uow(), catalog=rounds_env.catalog, token=rounds_env.tokens["GBR"]
    )

    assert context.joint_drafts == ()


def test_the_overview_reports_endorsements_reservations_and_departures(
    rounds_env: RoundsEnv, eu_round: str
) -> None:
    rounds_env.submit("DEU", troops(3000), 0)
    endorse(rounds_env, "FRA", "endorse", comment="France backs the joint answer.")
    endorse(rounds_env, "DEU", "endorse_with_reservations", ("troops",), "Bundestag first.")

    overview = backing.joint_overview(
        uow=rounds_env.uow(), catalog=rounds_env.catalog, round_id=eu_round
    )

    [eu] = overview.joints
    by_key = {row.question_key: row for row in eu.questions}
    assert eu.members == ("DEU", "FRA")
    assert eu.awaiting == ()
    assert by_key["troops"].endorsed_by == ("FRA",)
    assert by_key["troops"].reservations_by == ("DEU",)
    assert by_key["sanctions"].endorsed_by == ("DEU", "FRA")
    [departure] = by_key["troops"].departures
    assert departure.participant_code == "DEU"
    assert [(c.path, c.before, c.after) for c in departure.changes] == [
        ("troops.contributions[0].personnel", 20000, 3000)
    ]
    assert by_key["us_support"].departures == ()


def test_the_latest_verdict_wins_and_the_earlier_one_is_kept(
    rounds_env: RoundsEnv, eu_round: str
) -> None:
    endorse(rounds_env, "FRA", "reject", comment="Not as drafted.")
    endorse(rounds_env, "FRA", "endorse")

    overview = backing.joint_overview(
        uow=rounds_env.uow(), catalog=rounds_env.catalog, round_id=eu_round
    )

    [eu] = overview.joints
    assert [(v.participant_code, v.kind, v.number) for v in eu.verdicts] == [
        ("FRA", EndorsementKind.ENDORSE, 2)
    ]
    assert eu.awaiting == ("DEU",)
    with rounds_env.uow() as uow:
        history = uow.endorsements.history(eu.verdicts[0].round_id, "EU", "FRA")  # type: ignore[arg-type]
    assert [v.kind for v in history] == [EndorsementKind.REJECT, EndorsementKind.ENDORSE]


def test_a_rejection_counts_against_every_question(rounds_env: RoundsEnv, eu_round: str) -> None:
    endorse(rounds_env, "DEU", "reject")

    [eu] = backing.joint_overview(
        uow=rounds_env.uow(), catalog=rounds_env.catalog, round_id=eu_round
    ).joints

    assert all(row.rejected_by == ("DEU",) for row in eu.questions)


def test_a_verdict_on_an_older_joint_version_is_flagged(
    rounds_env: RoundsEnv, eu_round: str
) -> None:
    endorse(rounds_env, "FRA", "endorse")
    rounds_env.save("EU", troops(25000), 1)

    [eu] = backing.joint_overview(
        uow=rounds_env.uow(), catalog=rounds_env.catalog, round_id=eu_round
    ).joints

    assert eu.current_version == 2
    assert eu.outdated == ("FRA",)


def test_a_non_member_cannot_endorse(rounds_env: RoundsEnv, eu_round: str) -> None:
    with pytest.raises(RuleViolationError, match="GBR is not a member of EU"):
        endorse(rounds_env, "GBR", "endorse")


def test_reservations_must_name_known_questions(rounds_env: RoundsEnv, eu_round: str) -> None:
    with pytest.raises(InvalidInputError, match=r"Unknown question key.*'troop'"):
        endorse(rounds_env, "DEU", "endorse_with_reservations", ("troop",))


def test_an_unknown_verdict_is_refused(rounds_env: RoundsEnv, eu_round: str) -> None:
    with pytest.raises(InvalidInputError, match="Unknown verdict 'maybe'"):
        endorse(rounds_env, "DEU", "maybe")


def test_nothing_to_endorse_before_the_joint_draft(rounds_env: RoundsEnv) -> None:
    rounds_env.round_with(["EU", "FRA"])

    with pytest.raises(RuleViolationError, match="no joint response of EU"):
        endorse(rounds_env, "FRA", "endorse")
