"""What analysts read: positions with their citations, per country, per topic, and as a matrix.

Every value returned carries its source, so each stance shown can be traced to the outlet,
the date and the reliability grade of the report behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from forcegen.model.errors import UnknownParticipantError
from forcegen.model.participant import participant_name
from forcegen.model.pledge import Pledge
from forcegen.model.position import Position, Stance, Topic
from forcegen.model.public_problem import EXTRA_ACTORS, actor_code_problem
from forcegen.model.source import Reliability, Source
from forcegen.service.ports import UnitOfWork
from forcegen.service.public.ports import PositionQuery, PositionRecord
from forcegen.service.result_cache import ResultCache


@dataclass(frozen=True, slots=True)
class CitedPosition:
    """A stored position with the source it cites."""

    record: PositionRecord
    source: Source

    @property
    def position(self) -> Position:
        return self.record.position


@dataclass(frozen=True, slots=True)
class CitedPledge:
    """A reported pledge with its sources; `date` is the earliest publication date among them."""

    pledge: Pledge
    sources: tuple[Source, ...]

    @property
    def date(self) -> dt.date | None:
        dates = [source.published for source in self.sources if source.published is not None]
        return min(dates) if dates else None


class PositionSort(StrEnum):
    """Columns the positions table can be sorted by."""

    DATE = "date"
    COUNTRY = "country"
    TOPIC = "topic"
    STANCE = "stance"
    RELIABILITY = "reliability"


_TOPIC_ORDER = {topic: rank for rank, topic in enumerate(Topic)}
_STANCE_ORDER = {stance: rank for rank, stance in enumerate(Stance)}
_RELIABILITY_ORDER = {grade: rank for rank, grade in enumerate(Reliability)}


def list_positions(
    *,
    uow: UnitOfWork,
    topic: Topic | None = None,
    actor_code: str | None = None,
    stance: Stance | None = None,
    reliability: Reliability | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    text: str = "",
    sort: PositionSort = PositionSort.DATE,
    is_descending: bool = False,
    is_history_included: bool = False,
    cache: PositionsCache | None = None,
) -> list[CitedPosition]:
    """Find positions (current versions unless history is asked for), sorted by one column.

    With `cache`, a search is kept per (public record's data version, search): the positions
    page is reloaded by every analyst every few seconds and the record changes rarely; the
    version moves with every change to it, so a kept search is never served after one.
    """
    query = PositionQuery(
        topics=() if topic is None else (Topic(topic),),
        actor_codes=() if not actor_code else (actor_code.strip().upper(),),
        stances=() if stance is None else (Stance(stance),),
        reliabilities=() if reliability is None else (Reliability(reliability),),
        date_from=date_from,
        date_to=date_to,
        text=text,
        is_history_included=is_history_included,
    )

    def search() -> tuple[CitedPosition, ...]:
        with uow.reading():
            cited = _cite(uow, uow.positions.search(query))
        return tuple(sorted(cited, key=_sort_key(sort), reverse=is_descending))

    if cache is None:
        return list(search())
    with uow.reading():
        version = uow.data_versions.of_public_record()
    return list(cache.get_or_compute((version, query, sort, is_descending), search))


PositionsCache = ResultCache[tuple[CitedPosition, ...]]


def _sort_key(sort: PositionSort) -> Callable[[CitedPosition], tuple[str, ...]]:
    """A key over text only, so that dates, codes and ranks compare in one tuple."""

    def key(item: CitedPosition) -> tuple[str, ...]:
        position = item.position
        first = {
            PositionSort.DATE: position.date.isoformat(),
            PositionSort.COUNTRY: position.actor_code,
            PositionSort.TOPIC: f"{_TOPIC_ORDER[position.topic]:04d}",
            PositionSort.STANCE: f"{_STANCE_ORDER[position.stance]:04d}",
            PositionSort.RELIABILITY: f"{_RELIABILITY_ORDER[item.source.reliability]:04d}",
        }[sort]
        return (first, position.date.isoformat(), position.actor_code, position.id)

    return key


def _cite(uow: UnitOfWork, records: Iterable[PositionRecord]) -> list[CitedPosition]:
    records = list(records)
    sources = uow.sources.get_many(record.position.source_id for record in records)
    return [CitedPosition(record, sources[record.position.source_id]) for record in records]


@dataclass(frozen=True, slots=True)
class CountryRecord:
    """Everything reported about one actor: positions and pledges over time, with sources."""

    code: str
    name: str
    positions: tuple[CitedPosition, ...]
    pledges: tuple[CitedPledge, ...]

    def latest_by_topic(self) -> dict[Topic, CitedPosition]:
        """The most recent position on each topic, in topic order."""
        latest: dict[Topic, CitedPosition] = {}
        for item in self.positions:  # oldest first, so later ones win
            latest[item.position.topic] = item
        return {topic: latest[topic] for topic in Topic if topic in latest}


def actor_name(code: str) -> str:
    """The display name of an actor code (a country, organisation, `ALL` or `EUU`)."""
    if code in EXTRA_ACTORS:
        return EXTRA_ACTORS[code]
    return participant_name(code)


def country_record(*, uow: UnitOfWork, code: str) -> CountryRecord:
    """All current positions and reported pledges of one actor, oldest first.

    Raises:
        UnknownParticipantError: the code is not a known country or actor.
    """
    code = code.strip().upper()
    if (problem := actor_code_problem(code)) is not None:
        raise UnknownParticipantError(f"No country page for {problem}")
    with uow.reading():
        positions = _cite(uow, uow.positions.search(PositionQuery(actor_codes=(code,))))
        pledges = uow.pledges.list(contributor=code)
        sources = uow.sources.get_many(s for pledge in pledges for s in pledge.source_ids)
    cited_pledges = [
        CitedPledge(pledge, tuple(sources[s] for s in pledge.source_ids if s in sources))
        for pledge in pledges
    ]
    cited_pledges.sort(key=lambda item: (item.date or dt.date.max, item.pledge.id))
    return CountryRecord(
        code=code, name=actor_name(code), positions=tuple(positions), pledges=tuple(cited_pledges)
    )


@dataclass(frozen=True, slots=True)
class TimelineLane:
    """The positions on one topic, oldest first: how stances moved over time."""

    topic: Topic
    entries: tuple[CitedPosition, ...]


def timeline(*, uow: UnitOfWork, topic: Topic | None = None) -> list[TimelineLane]:
    """One lane per topic (or only `topic`) with its current positions by date."""
    query = PositionQuery(topics=() if topic is None else (Topic(topic),))
    with uow.reading():
        cited = _cite(uow, uow.positions.search(query))
    lanes: dict[Topic, list[CitedPosition]] = {}
    for item in cited:
        lanes.setdefault(item.position.topic, []).append(item)
    return [TimelineLane(t, tuple(lanes[t])) for t in Topic if t in lanes]


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """One actor on one topic: the latest stance and every position and source behind it."""

    latest: CitedPosition
    position_ids: tuple[str, ...]
    source_ids: tuple[str, ...]

    @property
    def stance(self) -> Stance:
        return self.latest.position.stance


@dataclass(frozen=True, slots=True)
class StanceMatrix:
    """Who stands where: actors × topics, each cell the latest stance with its sources.

    Actors are ordered by name (`ALL` last), topics in the order of `Topic`.
    """

    actors: tuple[str, ...]
    topics: tuple[Topic, ...]
    cells: Mapping[tuple[str, Topic], MatrixCell]

    def cell(self, actor_code: str, topic: Topic) -> MatrixCell | None:
        return self.cells.get((actor_code, topic))


def stance_matrix(*, uow: UnitOfWork) -> StanceMatrix:
    """The latest stance of every actor on every topic it has a position on."""
    with uow.reading():
        cited = _cite(uow, uow.positions.search(PositionQuery()))
    grouped: dict[tuple[str, Topic], list[CitedPosition]] = {}
    for item in cited:
        grouped.setdefault((item.position.actor_code, item.position.topic), []).append(item)
    cells = {key: _cell(items) for key, items in grouped.items()}
    actors = sorted({actor for actor, _ in cells}, key=_actor_order)
    topics = tuple(topic for topic in Topic if any(t == topic for _, t in cells))
    return StanceMatrix(actors=tuple(actors), topics=topics, cells=cells)


def _actor_order(code: str) -> tuple[bool, str]:
    """Countries and organisations by name; coalition-wide statements last."""
    return (code in EXTRA_ACTORS, actor_name(code).casefold())


def _cell(items: list[CitedPosition]) -> MatrixCell:
    latest = max(items, key=lambda item: (item.position.date, item.record.recorded_at))
    return MatrixCell(
        latest=latest,
        position_ids=tuple(item.position.id for item in items),
        source_ids=tuple(dict.fromkeys(item.position.source_id for item in items)),
    )
