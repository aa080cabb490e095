"""What the round tests share: a movable clock, units of work over the test database, the
packaged catalog, helpers that set up a round, and answer factories with defaults."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Engine

from forcegen.catalog import Catalog
from forcegen.model.questionnaire import AnswerVocabulary
from forcegen.model.round import Round
from forcegen.service.ports import UnitOfWork
from forcegen.service.responding import answering
from forcegen.service.rounds import coordinating

START = dt.datetime(2025, 8, 20, 12, 0, tzinfo=dt.UTC)  # the shared clock's start
COORDINATOR = "user:coordinator"


class MovableClock(Protocol):
    """The shared test clock (tests/conftest.py): it stands still until a test moves it."""

    def now(self) -> dt.datetime: ...

    def advance(self, delta: dt.timedelta) -> None: ...


@dataclass
class RoundsEnv:
    """Units of work (`uow()` makes a fresh one), catalog and clock for one test, plus
    helpers that set up a round."""

    engine: Engine
    clock: MovableClock
    catalog: Catalog
    vocabulary: AnswerVocabulary
    uow: Callable[[], UnitOfWork]
    tokens: dict[str, str] = field(default_factory=dict)

    def create_round(self, title: str = "Security guarantee round") -> Round:
        return coordinating.create_round(
            uow=self.uow(),
            questionnaire=self.catalog.questionnaire(),
            title=title,
            deadline=START + dt.timedelta(days=21),
            actor=COORDINATOR,
        )

    def round_with(self, codes: Sequence[str]) -> Round:
        """A new round with `codes` invited; their tokens land in `self.tokens`."""
        round_ = self.create_round()
        issued = coordinating.invite(
            uow=self.uow(),
            catalog=self.catalog,
            round_id=round_.id,
            participant_codes=codes,
            actor=COORDINATOR,
        )
        self.tokens.update({i.invitation.participant_code: i.token for i in issued})
        return round_

    def save(self, code: str, answers: dict[str, object], base_version: int) -> int:
        version = answering.save_draft(
            uow=self.uow(),
            catalog=self.catalog,
            token=self.tokens[code],
            answers=answers,
            base_version=base_version,
            vocabulary=self.vocabulary,
        )
        return version.number

    def submit(self, code: str, answers: dict[str, object], base_version: int) -> int:
        version = answering.submit_response(
            uow=self.uow(),
            catalog=self.catalog,
            token=self.tokens[code],
            answers=answers,
            base_version=base_version,
            attestation_name="Jeanne Martin",
            attestation_title="Director for Strategic Affairs",
            vocabulary=self.vocabulary,
        )
        return version.number


def no_troops() -> dict[str, object]:
    """The smallest complete answer: every required field of the default questionnaire."""
    return {"troops": {"decision": "no"}}


def troops(personnel: int, *, condition: str = "") -> dict[str, object]:
    row: dict[str, object] = {
        "capability": "land.combat",
        "personnel": personnel,
        "sustained": True,
    }
    if condition:
        row["condition"] = condition
    return {"troops": {"decision": "conditional", "contributions": [row]}}
