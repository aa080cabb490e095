"""Pledge sets: which answers a round's assessment uses (the latest submitted version of each
response) and which citations the public record's assessment carries, on both backends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from forcegen.catalog import Catalog, load_catalog
from forcegen.model.errors import NotFoundError
from forcegen.model.pledge import Level, Pledge, PledgeId, PledgeKind
from forcegen.model.source import Source, SourceId, SourceKind
from forcegen.service.assessment.assessing import (
    Origin,
    pledge_set_for_public,
    pledge_set_for_round,
)
from forcegen.service.ports import UnitOfWork
from forcegen.service.public import record as public_record
from forcegen.service.responding import answering
from forcegen.service.rounds import coordinating

COORDINATOR = "user:coordinator"
DEADLINE = dt.datetime(2025, 9, 30, 18, 0, tzinfo=dt.UTC)


def troops(personnel: int, *, enabler: str = "") -> dict[str, object]:
    answers: dict[str, object] = {
        "troops": {
            "decision": "conditional",
            "contributions": [
                {"capability": "land.combat", "personnel": personnel, "sustained": True}
            ],
        }
    }
    if enabler:
        answers["us_support"] = {
            "enablers": [{"enabler": enabler, "term": "short", "necessity": "precondition"}]
        }
    return answers


class Round:
    """A round with invitees, and their respondents' actions."""

    def __init__(
        self, uow: Callable[[], UnitOfWork], catalog: Catalog, codes: tuple[str, ...]
    ) -> None:
        self.uow, self.catalog = uow, catalog
        self.vocabulary = answering.answer_vocabulary(catalog)
        self.round = coordinating.create_round(
            uow=uow(),
            questionnaire=catalog.questionnaire(),
            title="Assessment round",
            deadline=DEADLINE,
            actor=COORDINATOR,
        )
        issued = coordinating.invite(
            uow=uow(),
            catalog=catalog,
            round_id=self.round.id,
            participant_codes=list(codes),
            actor=COORDINATOR,
        )
        self.tokens = {i.invitation.participant_code: i.token for i in issued}

    def submit(self, code: str, answers: dict[str, object], base_version: int = 0) -> int:
        return answering.submit_response(
            uow=self.uow(),
            catalog=self.catalog,
            token=self.tokens[code],
            answers=answers,
            base_version=base_version,
            attestation_name="A. Official",
            attestation_title="Director",
            vocabulary=self.vocabulary,
        ).number

    def save(self, code: str, answers: dict[str, object], base_version: int) -> int:
        return answering.save_draft(
            uow=self.uow(),
            catalog=self.catalog,
            token=self.tokens[code],
            answers=answers,
            base_version=base_version,
            vocabulary=self.vocabulary,
        ).number


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog()


class TestPledgeSetForRound:
    def test_uses_the_latest_submitted_version_not_a_later_draft(
        self, uow_factory: Callable[[], UnitOfWork], catalog: Catalog
    ) -> None:
        r = Round(uow_factory, catalog, ("FRA",))
        first = r.submit("FRA", troops(5000))
        r.save("FRA", troops(9000), base_version=first)

        pledges = pledge_set_for_round(uow=uow_factory(), round_id=r.round.id)

        assert [(p.id, p.personnel.figure) for p in pledges.pledges] == [("FRA/troops/1", 5000)]

    def test_a_revision_replaces_the_earlier_submission(
        self, uow_factory: Callable[[], UnitOfWork], catalog: Catalog
    ) -> None:
        r = Round(uow_factory, catalog, ("FRA",))
        first = r.submit("FRA", troops(5000))
        second = r.submit("FRA", troops(7000, enabler="us.isr"), base_version=first)

        pledges = pledge_set_for_round(uow=uow_factory(), round_id=r.round.id)

        (pledge,) = pledges.pledges
        assert (pledge.personnel.figure, pledge.condition) == (7000, "us.isr")
        response_id = pledge.source_ids[0].removeprefix("response:").rsplit("/", 1)[0]
        assert pledge.source_ids == (f"response:{response_id}/v{second}",)
        assert pledges.response_refs[pledge.source_ids[0]].number == second

    def test_each_response_version_is_a_source_naming_round_and_participant(
        self, uow_factory: Callable[[], UnitOfWork], catalog: Catalog
    ) -> None:
        r = Round(uow_factory, catalog, ("FRA",))
        r.submit("FRA", troops(5000))

        pledges = pledge_set_for_round(uow=uow_factory(), round_id=r.round.id)

        (source,) = pledges.sources.values()
        assert source.kind is SourceKind.RESPONSE_VERSION
        assert r.round.id in source.locator
        assert "(FRA), version 1, attested by A. Official (Director)" in source.locator

    def test_withdrawn_and_silent_invitees_contribute_nothing(
        self, uow_factory: Callable[[], UnitOfWork], catalog: Catalog
    ) -> None:
        r = Round(uow_factory, catalog, ("DEU", "FRA", "POL"))
        r.submit("FRA", troops(5000))
        version = r.submit("DEU", troops(3000))
        answering.withdraw_response(uow=uow_factory(), token=r.tokens["DEU"], base_version=version)

        pledges = pledge_set_for_round(uow=uow_factory(), round_id=r.round.id)

        assert pledges.contributors == ("FRA",)
        assert pledges.invited == ("DEU", "FRA", "POL")
        assert pledges.not_answered == ("DEU", "POL")
        assert [s.participant for s in pledges.answer_sets] == ["FRA"]

    def test_keeps_the_answers_for_the_summaries(
        self, uow_factory: Callable[[], UnitOfWork], catalog: Catalog
    ) -> None:
        r = Round(uow_factory, catalog, ("FRA",))
        r.submit("FRA", troops(5000, enabler="us.air_defence"))

        pledges = pledge_set_for_round(uow=uow_factory(), round_id=r.round.id)

        (answer_set,) = pledges.answer_sets
        assert answer_set.source_id == pledges.pledges[0].source_ids[0]
        assert pledges.origin is Origin.ROUND
        assert not pledges.is_illustrative

    def test_an_unknown_round_says_how_to_find_one(
        self, uow_factory: Callable[[], UnitOfWork]
    ) -> None:
        with pytest.raises(NotFoundError, match="forcegen round list"):
            pledge_set_for_round(uow=uow_factory(), round_id="nosuchround")


class TestPledgeSetForPublic:
    def test_carries_the_reported_pledges_and_only_the_sources_they_cite(
        self, uow_factory: Callable[[], UnitOfWork]
    ) -> None:
        cited = Source(id=SourceId("src-cited"), locator="https://example.org/a", outlet="A")
        other = Source(id=SourceId("src-other"), locator="https://example.org/b", outlet="B")
        pledge = Pledge(
            id=PledgeId("pl-1"),
            contributor="FRA",
            kind=PledgeKind.TROOPS,
            capability="land.combat",
            personnel=6000,
            level=Level.REPORTED,
            source_ids=("src-cited",),
        )
        public_record.import_public_data(
            uow=uow_factory(),
            catalog=load_catalog(),
            sources=[cited, other],
            positions=[],
            pledges=[pledge],
            actor="test",
        )

        pledges = pledge_set_for_public(uow=uow_factory())

        assert pledges.origin is Origin.PUBLIC
        assert [p.id for p in pledges.pledges] == ["pl-1"]
        assert list(pledges.sources) == ["src-cited"]
        assert pledges.answer_sets == ()
