"""Factories for public-source values: each call shows only the values a test cares about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from forcegen.model.pledge import Level, Pledge, PledgeId, PledgeKind
from forcegen.model.position import Position, PositionId, Stance, Topic
from forcegen.model.source import Reliability, Source, SourceId

ACTORS = ("FRA", "DEU", "POL", "GBR", "ITA", "NLD", "SWE", "FIN", "EST", "ALL")


def make_source(source_id: str = "src-1", **overrides: Any) -> Source:
    values: dict[str, Any] = {
        "id": SourceId(source_id),
        "locator": f"https://news.example.org/{source_id}",
        "outlet": "Example Wire",
        "published": dt.date(2025, 3, 1),
        "reliability": Reliability.WIRE,
    }
    return Source.model_validate(values | overrides)


def make_position(position_id: str = "pos-1", **overrides: Any) -> Position:
    values: dict[str, Any] = {
        "id": PositionId(position_id),
        "actor_code": "FRA",
        "actor": "Government spokesperson",
        "topic": Topic.TROOP_DEPLOYMENT,
        "stance": Stance.CONDITIONAL,
        "date": dt.date(2025, 3, 1),
        "source_id": "src-1",
        "summary": "Ready to send troops once a ceasefire holds.",
    }
    return Position.model_validate(values | overrides)


def make_pledge(pledge_id: str = "pl-1", **overrides: Any) -> Pledge:
    values: dict[str, Any] = {
        "id": PledgeId(pledge_id),
        "contributor": "FRA",
        "kind": PledgeKind.TROOPS,
        "capability": "land.combat",
        "personnel": 2000,
        "level": Level.REPORTED,
        "source_ids": ("src-1",),
        "caveats": frozenset({"no_contact_line"}),
    }
    return Pledge.model_validate(values | overrides)


def fifty_rows() -> tuple[list[Source], list[Position], list[Pledge]]:
    """A file's worth of data: 5 sources, 50 positions, 3 pledges, all valid."""
    sources = [
        make_source(f"src-{n}", reliability=list(Reliability)[n % len(Reliability)])
        for n in range(5)
    ]
    positions = [
        make_position(
            f"pos-{n:02d}",
            actor_code=ACTORS[n % len(ACTORS)],
            topic=list(Topic)[n % len(Topic)],
            stance=list(Stance)[n % len(Stance)],
            date=dt.date(2025, 1, 1) + dt.timedelta(days=5 * n),
            source_id=f"src-{n % 5}",
            summary=f"Reported stance number {n}.",
        )
        for n in range(50)
    ]
    pledges = [
        make_pledge(f"pl-{n}", contributor=ACTORS[n], source_ids=(f"src-{n}",)) for n in range(3)
    ]
    return sources, positions, pledges
