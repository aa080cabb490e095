"""Reads of the latest version go through the response's pointer, not through its history; the
pointer always agrees with the history; data versions move exactly when assessed data does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from round_env import RoundsEnv, no_troops, troops
from sqlalchemy import Connection, Engine, event

from forcegen.model.errors import AuthenticationError, NotFoundError
from forcegen.model.response_head import head_of
from forcegen.model.round import Round, RoundId
from forcegen.service.assessment import assessing
from forcegen.service.responding import answering
from forcegen.service.responding.form_questions import form_of, new_form_cache
from forcegen.service.rounds import coordinating, invitations, response_views
from forcegen.store.rows_rounds import ResponseVersionRow

HISTORY = 30


@contextmanager
def versions_loaded() -> Iterator[list[int]]:
    """Count the version rows the database hands back inside the block."""
    loaded: list[int] = []

    def count(row: ResponseVersionRow, _context: object) -> None:
        loaded.append(row.number)

    event.listen(ResponseVersionRow, "load", count)
    try:
        yield loaded
    finally:
        event.remove(ResponseVersionRow, "load", count)


@contextmanager
def write_transactions(engine: Engine) -> Iterator[list[int]]:
    """Count the transactions begun inside the block that may write (read-only ones are not:
    on SQLite they use another engine, on PostgreSQL they are READ ONLY)."""
    begun: list[int] = []

    def count(connection: Connection) -> None:
        if not connection.get_execution_options().get("postgresql_readonly"):
            begun.append(1)

    event.listen(engine, "begin", count)
    try:
        yield begun
    finally:
        event.remove(engine, "begin", count)


def long_history(env: RoundsEnv, code: str, saves: int = HISTORY) -> None:
    for number in range(saves):
        env.save(code, troops(100 + number), number)


def withdraw(env: RoundsEnv, code: str, base: int) -> int:
    version = answering.withdraw_response(uow=env.uow(), token=env.tokens[code], base_version=base)
    return version.number


class TestPointer:
    def test_it_agrees_with_the_history_after_drafts_submissions_and_withdrawals(
        self, rounds_env: RoundsEnv
    ) -> None:
        round_ = rounds_env.round_with(["FRA"])
        steps = [
            lambda base: rounds_env.save("FRA", troops(100), base),
            lambda base: rounds_env.submit("FRA", troops(200), base),
            lambda base: rounds_env.save("FRA", troops(300), base),
            lambda base: withdraw(rounds_env, "FRA", base),
            lambda base: rounds_env.save("FRA", troops(400), base),
            lambda base: rounds_env.submit("FRA", no_troops(), base),
        ]

        for base, step in enumerate(steps):
            assert step(base) == base + 1
            with rounds_env.uow().reading() as uow:
                head = uow.responses.head(RoundId(round_.id), "FRA")
                history = uow.responses.get(RoundId(round_.id), "FRA")
            assert history is not None
            assert head == head_of(history)

    def test_a_withdrawal_leaves_no_standing_submission_until_the_next(
        self, rounds_env: RoundsEnv
    ) -> None:
        round_ = rounds_env.round_with(["FRA"])
        rounds_env.submit("FRA", troops(200), 0)
        withdraw(rounds_env, "FRA", 1)
        rounds_env.save("FRA", troops(300), 2)

        with rounds_env.uow().reading() as uow:
            head = uow.responses.head(RoundId(round_.id), "FRA")

        assert head is not None
        assert (head.version_count, head.submitted_count) == (3, 1)
        assert head.latest_submitted is None
        assert head.latest is not None
        assert head.latest.answers == troops(300)


class TestReadsDoNotGrowWithHistory:
    def test_the_latest_version_is_read_alone(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA"])
        long_history(rounds_env, "FRA")

        with versions_loaded() as loaded, rounds_env.uow().reading() as uow:
            head = uow.responses.head(RoundId(round_.id), "FRA")

        assert head is not None
        assert head.latest is not None
        assert head.latest.number == HISTORY
        assert loaded == [HISTORY]

    def test_round_status_reads_no_version(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA", "DEU"])
        long_history(rounds_env, "FRA")

        with versions_loaded() as loaded:
            report = coordinating.round_status(uow=rounds_env.uow(), round_id=round_.id)

        counts = {row.invitation.participant_code: row.version_count for row in report.rows}
        assert counts == {"DEU": 0, "FRA": HISTORY}
        assert loaded == []

    def test_the_round_reads_one_submission_per_response(self, rounds_env: RoundsEnv) -> None:
        round_ = rounds_env.round_with(["FRA", "DEU"])
        long_history(rounds_env, "FRA")
        rounds_env.submit("FRA", troops(5000), HISTORY)
        rounds_env.save("FRA", troops(6000), HISTORY + 1)
        rounds_env.submit("DEU", no_troops(), 0)

        with versions_loaded() as loaded, rounds_env.uow().reading() as uow:
            heads = uow.responses.heads_for_round(RoundId(round_.id))

        submitted = {h.participant_code: h.latest_submitted for h in heads}
        assert {code: v.number if v else None for code, v in submitted.items()} == {
            "DEU": 1,
            "FRA": HISTORY + 1,
        }
        assert sorted(loaded) == [1, HISTORY + 1, HISTORY + 2]


class TestTheRespondentsReads:
    def test_the_form_reads_the_latest_version_alone_and_writes_nothing(
        self, rounds_env: RoundsEnv
    ) -> None:
        rounds_env.round_with(["FRA"])
        long_history(rounds_env, "FRA")
        answering.open_invitation(
            uow=rounds_env.uow(), catalog=rounds_env.catalog, token=rounds_env.tokens["FRA"]
        )

        with versions_loaded() as loaded, write_transactions(rounds_env.engine) as begun:
            for _ in range(3):  # the form's page, reloaded; opening it again
                context = answering.respondent_context(
                    uow=rounds_env.uow(), catalog=rounds_env.catalog, token=rounds_env.tokens["FRA"]
                )
            answering.open_invitation(
                uow=rounds_env.uow(), catalog=rounds_env.catalog, token=rounds_env.tokens["FRA"]
            )

        assert context.response is not None
        assert context.response.latest is not None
        assert context.response.latest.number == HISTORY
        assert loaded == [HISTORY] * 4
        assert begun == []

    def test_a_save_is_one_write_transaction_that_reads_only_the_latest_version(
        self, rounds_env: RoundsEnv
    ) -> None:
        rounds_env.round_with(["FRA"])
        long_history(rounds_env, "FRA")

        with versions_loaded() as loaded, write_transactions(rounds_env.engine) as begun:
            answering.respondent_context(  # what the form's save reads before saving
                uow=rounds_env.uow(), catalog=rounds_env.catalog, token=rounds_env.tokens["FRA"]
            )
            rounds_env.save("FRA", troops(9999), HISTORY)

        assert loaded == [HISTORY, HISTORY]
        assert len(begun) == 1

    def test_a_forms_questions_are_read_once_and_a_link_revoked_since_saves_nothing(
        self, rounds_env: RoundsEnv
    ) -> None:
        round_ = rounds_env.round_with(["FRA"])
        token = rounds_env.tokens["FRA"]
        cache = new_form_cache()
        first = form_of(uow=rounds_env.uow(), catalog=rounds_env.catalog, token=token, cache=cache)

        with write_transactions(rounds_env.engine) as begun:
            again = form_of(
                uow=rounds_env.uow(), catalog=rounds_env.catalog, token=token, cache=cache
            )
        invitation = coordinating.round_status(uow=rounds_env.uow(), round_id=round_.id).rows[0]
        invitations.revoke_invitation(
            uow=rounds_env.uow(), invitation_id=invitation.invitation.id, actor="user:c"
        )

        assert again is first
        assert begun == []
        assert [q.key for q in first.questions][:1] == ["us_support"]
        with pytest.raises(AuthenticationError):
            rounds_env.save("FRA", troops(100), 0)

    def test_the_history_comes_a_page_at_a_time_newest_first(self, rounds_env: RoundsEnv) -> None:
        rounds_env.round_with(["FRA"])
        long_history(rounds_env, "FRA")
        token = rounds_env.tokens["FRA"]

        with versions_loaded() as loaded:
            second = answering.history_page(uow=rounds_env.uow(), token=token, page=2, per_page=10)

        assert [v.number for v in second.versions] == list(range(HISTORY - 10, HISTORY - 20, -1))
        assert (second.page, second.pages, second.version_count) == (2, 3, HISTORY)
        assert sorted(loaded) == sorted([HISTORY, *range(HISTORY - 19, HISTORY - 9)])
        with pytest.raises(NotFoundError, match="no page 4 of this history: it has 3 page"):
            answering.history_page(uow=rounds_env.uow(), token=token, page=4, per_page=10)


class TestTheCoordinatorsReads:
    def test_a_response_page_reads_the_version_shown_and_one_page_of_the_history(
        self, rounds_env: RoundsEnv
    ) -> None:
        round_ = rounds_env.round_with(["FRA"])
        long_history(rounds_env, "FRA")

        with versions_loaded() as loaded:
            view = response_views.response_view(
                uow=rounds_env.uow(), round_id=round_.id, participant_code="fra", version=3
            )

        assert view.shown.number == 3
        assert view.history.page == view.history.pages == 2  # the page that lists version 3
        assert [v.number for v in view.history.versions] == [5, 4, 3, 2, 1]
        assert sorted(loaded) == [1, 2, 3, 3, 4, 5, HISTORY]

    def test_the_round_assessment_reads_one_submission_per_response(
        self, rounds_env: RoundsEnv
    ) -> None:
        round_ = rounds_env.round_with(["FRA", "DEU"])
        long_history(rounds_env, "FRA")
        rounds_env.submit("FRA", troops(5000), HISTORY)
        rounds_env.save("FRA", troops(6000), HISTORY + 1)
        rounds_env.submit("DEU", troops(3000), 0)

        with versions_loaded() as loaded:
            pledge_set = assessing.pledge_set_for_round(uow=rounds_env.uow(), round_id=round_.id)

        assert sorted(loaded) == [1, HISTORY + 1]  # the standing submissions, not the draft
        assert pledge_set.respondents == ("DEU", "FRA")

    def test_submissions_read_once_are_kept_and_every_change_is_seen_at_once(
        self, rounds_env: RoundsEnv
    ) -> None:
        round_ = rounds_env.round_with(["FRA", "DEU", "POL"])
        rounds_env.submit("FRA", troops(1000), 0)
        rounds_env.submit("DEU", troops(2000), 0)

        def submitted() -> tuple[dict[str, tuple[int, object]], list[int]]:
            with versions_loaded() as loaded, rounds_env.uow().reading() as uow:
                found = uow.responses.latest_submitted_for_round(RoundId(round_.id))
            by_code: dict[str, tuple[int, object]] = {
                t.participant_code: (v.number, v.answers) for t, v in found
            }
            return by_code, sorted(loaded)

        first, loaded_first = submitted()
        again, loaded_again = submitted()
        rounds_env.submit("FRA", troops(1500), 1)  # a revision
        rounds_env.submit("POL", no_troops(), 0)  # a new submission
        withdraw(rounds_env, "DEU", 1)
        changed, loaded_changed = submitted()

        assert first == again == {"DEU": (1, troops(2000)), "FRA": (1, troops(1000))}
        assert (loaded_first, loaded_again) == ([1, 1], [])  # the second read is kept
        assert changed == {"FRA": (2, troops(1500)), "POL": (1, no_troops())}
        assert loaded_changed == [1, 2]  # only the two new submissions are read


class TestDataVersions:
    def version_of(self, env: RoundsEnv, round_: Round) -> int:
        with env.uow().reading() as uow:
            return uow.data_versions.of_round(round_.id)

    def test_an_invitation_a_submission_and_a_withdrawal_move_it_and_a_draft_does_not(
        self, rounds_env: RoundsEnv
    ) -> None:
        round_ = rounds_env.round_with(["FRA"])
        invited = self.version_of(rounds_env, round_)
        rounds_env.save("FRA", troops(100), 0)
        drafted = self.version_of(rounds_env, round_)
        rounds_env.submit("FRA", troops(200), 1)
        submitted = self.version_of(rounds_env, round_)
        rounds_env.save("FRA", troops(300), 2)
        redrafted = self.version_of(rounds_env, round_)
        withdraw(rounds_env, "FRA", 3)

        assert invited > 0
        assert drafted == invited
        assert submitted > drafted
        assert redrafted == submitted
        assert self.version_of(rounds_env, round_) > redrafted

    def test_each_round_has_its_own(self, rounds_env: RoundsEnv) -> None:
        first = rounds_env.round_with(["FRA"])
        second = rounds_env.round_with(["DEU"])
        before = self.version_of(rounds_env, second)

        rounds_env.submit("FRA", no_troops(), 0)

        assert self.version_of(rounds_env, second) == before
        assert self.version_of(rounds_env, first) > 0
