"""The positions page keeps its searches per public-record version: reloading it reads nothing
new, and a position recorded since shows at once, also in another server process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from public_factories import make_position, make_source

from forcegen.catalog import load_catalog
from forcegen.model.position import Stance
from forcegen.service.public import record as public_record
from forcegen.service.public.views import PositionsCache
from forcegen.service.result_cache import ResultCache
from forcegen.store.uow import SqlUnitOfWork

UowFactory = Callable[[], SqlUnitOfWork]


def record(uow_factory: UowFactory, position_id: str, actor_code: str) -> None:
    public_record.import_public_data(
        uow=uow_factory(),
        catalog=load_catalog(),
        sources=[make_source("src-wire", published=dt.date(2025, 2, 1))],
        positions=[
            make_position(
                position_id, actor_code=actor_code, stance=Stance.NO, source_id="src-wire"
            )
        ],
        pledges=[],
        actor="t",
    )


def shown(uow_factory: UowFactory, cache: PositionsCache) -> list[str]:
    found = public_record.list_positions(uow=uow_factory(), cache=cache)
    return sorted(item.position.actor_code for item in found)


def test_a_position_recorded_after_a_cached_search_shows_at_once(
    uow_factory: UowFactory,
) -> None:
    record(uow_factory, "pos-pol", "POL")
    this_process: PositionsCache = ResultCache()
    other_process: PositionsCache = ResultCache()
    first = public_record.list_positions(uow=uow_factory(), cache=this_process)
    assert shown(uow_factory, other_process) == ["POL"]

    again = public_record.list_positions(uow=uow_factory(), cache=this_process)
    record(uow_factory, "pos-deu", "DEU")

    assert all(kept is made for kept, made in zip(again, first, strict=True))  # not re-read
    assert shown(uow_factory, this_process) == ["DEU", "POL"]
    assert shown(uow_factory, other_process) == ["DEU", "POL"]
