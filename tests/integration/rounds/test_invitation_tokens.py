"""Invitation tokens: the token decides who the respondent is; bad tokens all look the same."""

from __future__ import annotations

import datetime as dt

import pytest
from round_env import COORDINATOR, RoundsEnv, no_troops, troops
from sqlalchemy import select

from forcegen.model.errors import AuthenticationError, RuleViolationError
from forcegen.model.round import InviteeStatus
from forcegen.service.accounts.credentials import hash_token
from forcegen.service.responding import answering
from forcegen.service.rounds import coordinating
from forcegen.service.rounds.access import INVALID_LINK_MESSAGE
from forcegen.store.rows_rounds import InvitationRow


def invitation_id(env: RoundsEnv, round_id: str, code: str) -> str:
    rows = coordinating.round_status(uow=env.uow(), round_id=round_id).rows
    return next(r.invitation.id for r in rows if r.invitation.participant_code == code)


def open_with(env: RoundsEnv, token: str) -> None:
    answering.open_invitation(uow=env.uow(), catalog=env.catalog, token=token)


class TestBadTokens:
    def test_a_revoked_token_fails_with_the_common_message(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA"])
        coordinating.revoke_invitation(
            uow=rounds_env.uow(),
            invitation_id=invitation_id(rounds_env, round_.id, "FRA"),
            actor=COORDINATOR,
        )

        with pytest.raises(AuthenticationError) as caught:
            open_with(rounds_env, rounds_env.tokens["FRA"])

        assert caught.value.message == INVALID_LINK_MESSAGE

    def test_an_expired_token_fails_with_the_common_message(self, rounds_env: RoundsEnv) -> None:
        rounds_env.round_with(["FRA"])
        rounds_env.clock.advance(dt.timedelta(days=31))

        with pytest.raises(AuthenticationError) as caught:
            rounds_env.save("FRA", no_troops(), 0)

        assert caught.value.message == INVALID_LINK_MESSAGE

    @pytest.mark.parametrize(
        "token",
        ["", "x", "A" * 43, "A" * 10_000, "' OR 1=1 --"],
        ids=["empty", "short", "forged", "huge", "sql"],
    )
    def test_an_unknown_token_fails_with_the_common_message(
        self, rounds_env: RoundsEnv, token: str
    ) -> None:
        rounds_env.round_with(["FRA"])

        with pytest.raises(AuthenticationError) as caught:
            open_with(rounds_env, token)

        assert caught.value.message == INVALID_LINK_MESSAGE

    def test_a_reissued_invitation_replaces_the_old_token(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA"])
        old = rounds_env.tokens["FRA"]

        issued = coordinating.reissue_invitation(
            uow=rounds_env.uow(),
            invitation_id=invitation_id(rounds_env, round_.id, "FRA"),
            actor=COORDINATOR,
        )

        with pytest.raises(AuthenticationError):
            open_with(rounds_env, old)
        open_with(rounds_env, issued.token)

    def test_reissuing_lifts_a_revocation(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA"])
        invitation = invitation_id(rounds_env, round_.id, "FRA")
        coordinating.revoke_invitation(
            uow=rounds_env.uow(), invitation_id=invitation, actor=COORDINATOR
        )

        issued = coordinating.reissue_invitation(
            uow=rounds_env.uow(), invitation_id=invitation, actor=COORDINATOR
        )

        assert issued.invitation.revoked_at is None
        open_with(rounds_env, issued.token)

    def test_only_the_hash_of_a_token_is_stored(self, rounds_env: RoundsEnv) -> None:
        rounds_env.round_with(["FRA"])

        with rounds_env.engine.connect() as connection:
            stored = connection.scalars(select(InvitationRow.token_hash)).all()

        assert stored == [hash_token(rounds_env.tokens["FRA"])]


class TestScope:
    def test_a_token_reads_and_writes_only_its_own_participant(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA", "DEU"])
        rounds_env.submit("DEU", troops(4000), 0)

        rounds_env.save("FRA", troops(9000), 0)
        context = answering.open_invitation(
            uow=rounds_env.uow(), catalog=rounds_env.catalog, token=rounds_env.tokens["FRA"]
        )
        history = answering.own_history(uow=rounds_env.uow(), token=rounds_env.tokens["FRA"])

        assert context.participant.code == "FRA"
        assert context.response is not None
        assert context.response.participant_code == "FRA"
        assert history.participant_code == "FRA"
        deu = coordinating.get_response(
            uow=rounds_env.uow(), round_id=round_.id, participant_code="DEU"
        )
        assert [v.answers for v in deu.versions] == [troops(4000)]

    def test_a_token_of_one_round_does_not_reach_another(self, rounds_env: RoundsEnv) -> None:
        first = rounds_env.round_with(["FRA"])
        first_token = rounds_env.tokens["FRA"]
        second = rounds_env.round_with(["FRA"])

        rounds_env.tokens["FRA"] = first_token
        rounds_env.save("FRA", troops(100), 0)

        assert (
            coordinating.round_status(uow=rounds_env.uow(), round_id=first.id).rows[0].version_count
            == 1
        )
        assert (
            coordinating.round_status(uow=rounds_env.uow(), round_id=second.id)
            .rows[0]
            .version_count
            == 0
        )


class TestExportLinks:
    def test_links_are_issued_only_for_invitations_never_opened(
        self, rounds_env: RoundsEnv
    ) -> None:
        round_ = rounds_env.round_with(["FRA", "DEU", "POL"])
        open_with(rounds_env, rounds_env.tokens["FRA"])

        links = coordinating.export_links(
            uow=rounds_env.uow(), round_id=round_.id, actor=COORDINATOR
        )

        assert [i.invitation.participant_code for i in links] == ["DEU", "POL"]
        assert all(i.invitation.status is InviteeStatus.INVITED for i in links)

    def test_include_opened_reissues_every_link(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA", "DEU"])
        open_with(rounds_env, rounds_env.tokens["FRA"])

        links = coordinating.export_links(
            uow=rounds_env.uow(), round_id=round_.id, actor=COORDINATOR, include_opened=True
        )

        assert [i.invitation.participant_code for i in links] == ["DEU", "FRA"]
        open_with(rounds_env, links[1].token)
        with pytest.raises(AuthenticationError):
            open_with(rounds_env, rounds_env.tokens["FRA"])

    def test_revoked_invitations_get_no_link(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA", "DEU"])
        coordinating.revoke_invitation(
            uow=rounds_env.uow(),
            invitation_id=invitation_id(rounds_env, round_.id, "DEU"),
            actor=COORDINATOR,
        )

        links = coordinating.export_links(
            uow=rounds_env.uow(), round_id=round_.id, actor=COORDINATOR
        )

        assert [i.invitation.participant_code for i in links] == ["FRA"]

    def test_no_links_for_a_closed_round(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA"])
        coordinating.close_round(uow=rounds_env.uow(), round_id=round_.id, actor=COORDINATOR)

        with pytest.raises(RuleViolationError, match="was closed"):
            coordinating.export_links(uow=rounds_env.uow(), round_id=round_.id, actor=COORDINATOR)
