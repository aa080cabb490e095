"""Reads of the latest version go through the response's pointer, not through its history; the
pointer always agrees with the history; data versions move exactly when assessed data does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from round_env import RoundsEnv, no_troops, troops
from sqlalchemy import event

from forcegen.model.response_head import head_of
from forcegen.model.round import Round, RoundId
from forcegen.service.responding import answering
from forcegen.service.rounds import coordinating
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
