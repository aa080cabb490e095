"""Factories for the values the interchange files carry: defaults everywhere, override what
the test is about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from forcegen.model.pledge import Level, Pledge, PledgeKind
from forcegen.model.position import Position, QuantityUnit, Stance, Topic
from forcegen.model.source import Reliability, Source


def make_source(**overrides: Any) -> Source:
    values: dict[str, Any] = {
        "id": "src-1",
        "locator": "https://example.org/report",
        "outlet": "Example Press",
        "published": dt.date(2025, 2, 17),
        "reliability": Reliability.PRESS,
    }
    return Source(**{**values, **overrides})


def make_position(**overrides: Any) -> Position:
    values: dict[str, Any] = {
        "id": "pos-1",
        "actor_code": "FRA",
        "actor": "Emmanuel Macron",
        "topic": Topic.TROOP_DEPLOYMENT,
        "stance": Stance.CONDITIONAL,
        "quantity": 6000.0,
        "quantity_unit": QuantityUnit.PERSONNEL,
        "conditions": "after a ceasefire",
        "date": dt.date(2026, 1, 6),
        "source_id": "src-1",
        "summary": "France could send soldiers after a ceasefire.",
    }
    return Position(**{**values, **overrides})


def make_pledge(**overrides: Any) -> Pledge:
    values: dict[str, Any] = {
        "id": "pl-1",
        "contributor": "EST",
        "kind": PledgeKind.TROOPS,
        "capability": "land.combat",
        "personnel": 150,
        "caveats": frozenset({"parliament_approval_required"}),
        "condition": "ceasefire",
        "level": Level.REPORTED,
        "source_ids": ("src-1",),
        "note": "A company of about 150.",
    }
    return Pledge(**{**values, **overrides})
