"""Recording and correcting positions: a correction is a new version; the old one is kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from public_factories import make_position, make_source

from forcegen.catalog import load_catalog
from forcegen.model.errors import ConflictError, RuleViolationError
from forcegen.model.position import Position, Stance
from forcegen.model.source import Source
from forcegen.service.public import record as public_record
from forcegen.service.public.record import PublicData, PublicDataError
from forcegen.store.uow import SqlUnitOfWork

UowFactory = Callable[[], SqlUnitOfWork]
ANALYST = "user:ana"


def _record(uow_factory: UowFactory, **overrides: object) -> Position:
    values: dict[str, object] = {
        "actor_code": "pol",
        "topic": "troop_deployment",
        "stance": "no",
        "date": "2025-02-17",
        "speaker": "Prime Minister",
        "summary": "Will not send troops to Ukraine.",
        "locator": "https://news.example.org/pl",
        "outlet": "Example Wire",
        "published": "2025-02-17",
        "reliability": "wire",
    }
    return public_record.record_position(
        uow=uow_factory(),
        actor=ANALYST,
        **(values | overrides),  # type: ignore[arg-type]
    )


class TestRecordPosition:
    def test_a_recorded_position_cites_a_new_source_built_from_its_citation(
        self, uow_factory: UowFactory
    ) -> None:
        position = _record(uow_factory)

        [item] = public_record.list_positions(uow=uow_factory())
        assert item.position == position
        assert position.actor_code == "POL"
        assert item.source.locator == "https://news.example.org/pl"
        assert item.source.published == dt.date(2025, 2, 17)
        assert item.record.recorded_by == ANALYST

    def test_the_same_citation_twice_is_stored_as_one_source(self, uow_factory: UowFactory) -> None:
        first = _record(uow_factory)
        second = _record(uow_factory, topic="ceasefire_first", stance="yes")

        assert first.source_id == second.source_id
        assert len(public_record.export_public_data(uow=uow_factory()).sources) == 1

    def test_every_bad_field_is_reported_by_name_and_nothing_is_saved(
        self, uow_factory: UowFactory
    ) -> None:
        with pytest.raises(PublicDataError) as raised:
            _record(uow_factory, actor_code="XYZ", date="2025-13-01", quantity="many", locator="")

        columns = {problem.column for problem in raised.value.problems}
        assert columns == {"actor_code", "date", "quantity", "locator"}
        assert public_record.export_public_data(uow=uow_factory()) == PublicData([], [], [])

    def test_a_position_can_cite_a_stored_source_by_id(self, uow_factory: UowFactory) -> None:
        public_record.import_public_data(
            uow=uow_factory(),
            catalog=load_catalog(),
            sources=[make_source("src-9")],
            positions=[],
            pledges=[],
            actor=ANALYST,
        )

        position = _record(uow_factory, locator="", source_id="src-9")

        assert position.source_id == "src-9"


class TestCorrectPosition:
    def test_a_correction_keeps_the_old_version_in_the_history(
        self, uow_factory: UowFactory
    ) -> None:
        original = _record(uow_factory)

        corrected = public_record.correct_position(
            uow=uow_factory(),
            position_id=original.id,
            changes={"stance": "conditional", "conditions": "with a US backstop"},
            actor=ANALYST,
        )

        assert corrected.id == f"{original.id}-v2"
        assert corrected.supersedes == original.id
        history = public_record.position_history(uow=uow_factory(), position_id=original.id)
        assert [item.position for item in history] == [original, corrected]
        assert history[0].record.superseded_by == corrected.id
        current = public_record.list_positions(uow=uow_factory())
        assert [item.position.id for item in current] == [corrected.id]
        everything = public_record.list_positions(uow=uow_factory(), is_history_included=True)
        assert len(everything) == 2

    def test_a_corrected_citation_becomes_a_new_source_and_the_old_one_stays(
        self, uow_factory: UowFactory
    ) -> None:
        original = _record(uow_factory)

        corrected = public_record.correct_position(
            uow=uow_factory(),
            position_id=original.id,
            changes={"outlet": "Another Wire", "quote": "Nie wyślemy wojsk."},
            actor=ANALYST,
        )

        assert corrected.source_id != original.source_id
        sources: dict[str, Source] = {
            s.id: s for s in public_record.export_public_data(uow=uow_factory()).sources
        }
        assert sources[original.source_id].outlet == "Example Wire"
        assert sources[corrected.source_id].outlet == "Another Wire"
        assert (original.quote, corrected.quote) == ("", "Nie wyślemy wojsk.")

    def test_correcting_a_version_that_was_already_corrected_is_a_conflict(
        self, uow_factory: UowFactory
    ) -> None:
        original = _record(uow_factory)
        public_record.correct_position(
            uow=uow_factory(), position_id=original.id, changes={"stance": "yes"}, actor=ANALYST
        )

        with pytest.raises(ConflictError, match="already corrected"):
            public_record.correct_position(
                uow=uow_factory(),
                position_id=original.id,
                changes={"stance": "no"},
                actor=ANALYST,
            )

    def test_a_correction_that_changes_nothing_is_refused(self, uow_factory: UowFactory) -> None:
        original = _record(uow_factory)

        with pytest.raises(RuleViolationError, match="changes nothing"):
            public_record.correct_position(
                uow=uow_factory(),
                position_id=original.id,
                changes={"stance": "no"},
                actor=ANALYST,
            )

    def test_every_correction_is_in_the_audit_log(self, uow_factory: UowFactory) -> None:
        original = _record(uow_factory)
        corrected = public_record.correct_position(
            uow=uow_factory(), position_id=original.id, changes={"stance": "yes"}, actor=ANALYST
        )

        with uow_factory() as uow:
            [entry] = uow.audit.entries(entity="position", entity_id=corrected.id)
            report = uow.audit.verify()

        assert (entry.action, entry.actor) == ("position.correct", ANALYST)
        assert entry.payload["supersedes"] == original.id
        assert entry.payload["changed"] == ["stance"]
        assert report.is_intact


class TestImportedHistory:
    def test_a_file_cannot_give_a_position_a_second_correction(
        self, uow_factory: UowFactory
    ) -> None:
        source = make_source()
        old = make_position("pos-1")
        public_record.import_public_data(
            uow=uow_factory(),
            catalog=load_catalog(),
            sources=[source],
            positions=[old, make_position("pos-1-v2", stance=Stance.NO, supersedes="pos-1")],
            pledges=[],
            actor=ANALYST,
        )

        with pytest.raises(PublicDataError) as raised:
            public_record.import_public_data(
                uow=uow_factory(),
                catalog=load_catalog(),
                sources=[],
                pledges=[],
                actor=ANALYST,
                positions=[make_position("pos-1-b", stance=Stance.YES, supersedes="pos-1")],
            )

        [problem] = raised.value.problems
        assert problem.column == "supersedes"
        assert "already corrected by 'pos-1-v2'" in problem.message
