"""The database itself enforces the rules: one response per participant and round, and
versions and verdicts that can be added but never changed or deleted."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy.exc
from round_env import START, RoundsEnv, troops
from sqlalchemy import delete, insert, update

from forcegen.store.rows_rounds import EndorsementRow, ResponseRow, ResponseVersionRow


def test_a_second_response_for_the_same_participant_is_refused(rounds_env: RoundsEnv) -> None:
    round_ = rounds_env.round_with(["FRA"])
    rounds_env.save("FRA", troops(1), 0)

    with (
        pytest.raises(sqlalchemy.exc.IntegrityError),
        rounds_env.engine.begin() as connection,
    ):
        connection.execute(
            insert(ResponseRow).values(
                id="another-id", round_id=round_.id, participant_code="FRA", created_at=START
            )
        )


def test_a_second_version_with_the_same_number_is_refused(rounds_env: RoundsEnv) -> None:
    round_ = rounds_env.round_with(["FRA"])
    rounds_env.save("FRA", troops(1), 0)

    with (
        pytest.raises(sqlalchemy.exc.IntegrityError),
        rounds_env.engine.begin() as connection,
    ):
        connection.execute(
            insert(ResponseVersionRow).values(
                response_id=f"{round_.id}-FRA",
                number=1,
                answers=troops(2),
                is_submitted=False,
                is_withdrawn=False,
                saved_at=START + dt.timedelta(hours=1),
                saved_by="participant:FRA",
            )
        )


@pytest.mark.parametrize("statement", ["update", "delete"])
def test_a_saved_version_cannot_be_changed_or_deleted(
    rounds_env: RoundsEnv, statement: str
) -> None:
    rounds_env.round_with(["FRA"])
    rounds_env.save("FRA", troops(1), 0)
    change = (
        update(ResponseVersionRow).values(answers=troops(666))
        if statement == "update"
        else delete(ResponseVersionRow)
    )

    with (
        pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"),
        rounds_env.engine.begin() as connection,
    ):
        connection.execute(change)


def test_a_verdict_cannot_be_deleted(rounds_env: RoundsEnv) -> None:
    from forcegen.service.responding import answering

    rounds_env.round_with(["EU", "FRA"])
    rounds_env.save("EU", troops(1), 0)
    answering.endorse_joint(
        uow=rounds_env.uow(),
        catalog=rounds_env.catalog,
        token=rounds_env.tokens["FRA"],
        joint_participant="EU",
        kind="endorse",
    )

    with (
        pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"),
        rounds_env.engine.begin() as connection,
    ):
        connection.execute(delete(EndorsementRow))
