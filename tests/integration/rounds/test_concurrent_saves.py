"""Two clients save the same response from the same base version: exactly one wins."""

from __future__ import annotations

import threading

import pytest
from round_env import RoundsEnv, troops

from forcegen.model.errors import ConflictError
from forcegen.model.response import ResponseConflictError, ResponseId, ResponseVersion
from forcegen.model.round import RoundId
from forcegen.service.rounds import coordinating

ROUNDS = 3


def race(env: RoundsEnv, code: str, answers: list[dict[str, object]], base: int) -> list[object]:
    """Run one save per answer, all released at once; return each one's number or error."""
    barrier = threading.Barrier(len(answers))
    outcomes: list[object] = [None] * len(answers)

    def save(index: int) -> None:
        barrier.wait()
        try:
            outcomes[index] = env.save(code, answers[index], base)
        except ConflictError as err:
            outcomes[index] = err

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(answers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("base", [0, 1], ids=["first-save", "later-save"])
@pytest.mark.parametrize("attempt", range(ROUNDS))
def test_exactly_one_of_two_concurrent_saves_wins(
    rounds_env: RoundsEnv, base: int, attempt: int
) -> None:
    round_ = rounds_env.round_with(["FRA"])
    if base:
        rounds_env.save("FRA", troops(1), 0)
    mine, theirs = troops(5000 + attempt), troops(8000 + attempt)

    outcomes = race(rounds_env, "FRA", [mine, theirs], base)

    winners = [i for i, outcome in enumerate(outcomes) if outcome == base + 1]
    losers = [o for o in outcomes if isinstance(o, ConflictError)]
    assert len(winners) == 1, outcomes
    assert len(losers) == 1, outcomes
    assert isinstance(losers[0], ResponseConflictError)
    assert losers[0].latest_version == base + 1
    assert f"another save (version {base + 1} at" in losers[0].message
    assert f"since you loaded version {base}" in losers[0].message
    assert "Copy your text, reload, and re-apply it." in losers[0].message
    response = coordinating.get_response(
        uow=rounds_env.uow(), round_id=round_.id, participant_code="FRA"
    )
    assert response.version_count == base + 1
    assert response.latest is not None
    assert response.latest.answers == [mine, theirs][winners[0]]
    with rounds_env.uow() as uow:
        report = uow.audit.verify()
    assert report.is_intact, report.summary()


def test_a_losing_insert_leaves_the_unit_of_work_usable(rounds_env: RoundsEnv) -> None:
    round_ = rounds_env.round_with(["FRA"])
    rounds_env.save("FRA", troops(1), 0)
    response_id = ResponseId(f"{round_.id}-FRA")
    with rounds_env.uow() as uow:
        first = uow.responses.get(RoundId(round_.id), "FRA")
        assert first is not None
        assert first.latest is not None
        duplicate = ResponseVersion.model_validate(
            first.latest.model_dump() | {"answers": troops(2)}
        )

        with pytest.raises(ConflictError, match=r"Version 1 .* already exists"):
            uow.responses.append_version(duplicate)

        after = uow.responses.get(RoundId(round_.id), "FRA")
        assert after is not None
        assert after.id == response_id
        assert [v.answers for v in after.versions] == [troops(1)]
