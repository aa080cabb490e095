"""What analysts read: the filtered table, country records, the timeline and the matrix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from public_factories import make_pledge, make_position, make_source

from forcegen.catalog import load_catalog
from forcegen.model.errors import UnknownParticipantError
from forcegen.model.position import Stance, Topic
from forcegen.model.source import Reliability
from forcegen.service.public import record as public_record
from forcegen.service.public.record import PositionSort
from forcegen.store.uow import SqlUnitOfWork

UowFactory = Callable[[], SqlUnitOfWork]

SOURCES = [
    make_source("src-wire", reliability=Reliability.WIRE, published=dt.date(2025, 2, 1)),
    make_source("src-agg", reliability=Reliability.AGGREGATOR, published=dt.date(2025, 3, 1)),
]
POSITIONS = [
    make_position(
        "pos-pol-1",
        actor_code="POL",
        stance=Stance.NO,
        date=dt.date(2025, 2, 17),
        source_id="src-wire",
        summary="Poland will not deploy troops.",
    ),
    make_position(
        "pos-pol-2",
        actor_code="POL",
        topic=Topic.LOGISTICS,
        stance=Stance.YES,
        date=dt.date(2025, 3, 2),
        source_id="src-agg",
        summary="Logistics hub.",
    ),
    make_position(
        "pos-fra-1",
        actor_code="FRA",
        stance=Stance.CONSIDERING,
        date=dt.date(2025, 1, 10),
        source_id="src-agg",
        summary="Weighing options.",
    ),
    make_position(
        "pos-fra-2",
        actor_code="FRA",
        stance=Stance.YES,
        date=dt.date(2025, 3, 11),
        source_id="src-wire",
        summary="Ready to lead the force.",
    ),
]
PLEDGES = [make_pledge("pl-fra", contributor="FRA", source_ids=("src-wire", "src-agg"))]


@pytest.fixture
def seeded(uow_factory: UowFactory) -> UowFactory:
    public_record.import_public_data(
        uow=uow_factory(),
        catalog=load_catalog(),
        sources=SOURCES,
        positions=POSITIONS,
        pledges=PLEDGES,
        actor="t",
    )
    return uow_factory


def _ids(items: list[public_record.CitedPosition]) -> list[str]:
    return [item.position.id for item in items]


class TestListPositions:
    @pytest.mark.parametrize(
        ("filters", "expected"),
        [
            ({"topic": Topic.TROOP_DEPLOYMENT}, ["pos-fra-1", "pos-pol-1", "pos-fra-2"]),
            ({"actor_code": "pol"}, ["pos-pol-1", "pos-pol-2"]),
            ({"stance": Stance.YES}, ["pos-pol-2", "pos-fra-2"]),
            ({"reliability": Reliability.WIRE}, ["pos-pol-1", "pos-fra-2"]),
            (
                {"date_from": dt.date(2025, 2, 1), "date_to": dt.date(2025, 3, 2)},
                ["pos-pol-1", "pos-pol-2"],
            ),
            ({"text": "LEAD the"}, ["pos-fra-2"]),
            ({"text": "100%_"}, []),
        ],
        ids=["topic", "country", "stance", "reliability", "date-range", "text", "like-escaped"],
    )
    def test_filters_select_the_matching_positions(
        self, seeded: UowFactory, filters: dict[str, object], expected: list[str]
    ) -> None:
        found = public_record.list_positions(uow=seeded(), **filters)  # type: ignore[arg-type]

        assert _ids(found) == expected

    def test_sorting_by_reliability_puts_the_most_reliable_sources_first(
        self, seeded: UowFactory
    ) -> None:
        found = public_record.list_positions(uow=seeded(), sort=PositionSort.RELIABILITY)

        assert [item.source.reliability for item in found] == [
            Reliability.WIRE,
            Reliability.WIRE,
            Reliability.AGGREGATOR,
            Reliability.AGGREGATOR,
        ]

    def test_sorting_by_country_descending(self, seeded: UowFactory) -> None:
        found = public_record.list_positions(
            uow=seeded(), sort=PositionSort.COUNTRY, is_descending=True
        )

        assert [item.position.actor_code for item in found] == ["POL", "POL", "FRA", "FRA"]


class TestCountryRecord:
    def test_a_country_record_holds_its_positions_over_time_and_its_pledges_with_sources(
        self, seeded: UowFactory
    ) -> None:
        record = public_record.country_record(uow=seeded(), code="fra")

        assert (record.code, record.name) == ("FRA", "France")
        assert _ids(list(record.positions)) == ["pos-fra-1", "pos-fra-2"]
        [pledge] = record.pledges
        assert [source.id for source in pledge.sources] == ["src-wire", "src-agg"]
        assert pledge.date == dt.date(2025, 2, 1)
        latest = record.latest_by_topic()[Topic.TROOP_DEPLOYMENT]
        assert latest.position.id == "pos-fra-2"

    def test_an_unknown_country_code_is_refused_with_a_suggestion(self, seeded: UowFactory) -> None:
        with pytest.raises(UnknownParticipantError, match="Did you mean 'POL'"):
            public_record.country_record(uow=seeded(), code="POX")


class TestTimelineAndMatrix:
    def test_the_timeline_has_one_lane_per_topic_in_date_order(self, seeded: UowFactory) -> None:
        lanes = public_record.timeline(uow=seeded())

        assert [lane.topic for lane in lanes] == [Topic.TROOP_DEPLOYMENT, Topic.LOGISTICS]
        assert _ids(list(lanes[0].entries)) == ["pos-fra-1", "pos-pol-1", "pos-fra-2"]

    def test_the_matrix_shows_the_latest_stance_and_every_source_behind_it(
        self, seeded: UowFactory
    ) -> None:
        matrix = public_record.stance_matrix(uow=seeded())

        cell = matrix.cell("FRA", Topic.TROOP_DEPLOYMENT)
        assert cell is not None
        assert cell.stance is Stance.YES
        assert cell.source_ids == ("src-agg", "src-wire")
        assert matrix.actors == ("FRA", "POL")
        assert matrix.cell("FRA", Topic.LOGISTICS) is None
