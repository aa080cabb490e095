"""Factories with defaults, so that each test shows only the values that matter.

make_pledge(personnel=200)                 a stated troop pledge by FRA in land.combat
make_requirement(total_personnel=40_000)   a requirement with no lines
make_line(capability="air.defence")        a requirement line
make_scenario({"us.isr": True})            a scenario setting some drivers
make_participant("FRA", gdp_usd_bn=3000)   a state with reference figures
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from forcegen.model.participant import (
    Participant,
    ParticipantCode,
    ParticipantKind,
    ReferenceFigures,
)
from forcegen.model.pledge import Level, Pledge, PledgeId, PledgeKind
from forcegen.model.requirement import Requirement, RequirementLine
from forcegen.model.scenario import Scenario

_numbers = itertools.count(1)


def make_pledge(**overrides: Any) -> Pledge:
    """A pledge: 1,000 troops by FRA in land.combat, stated, sustained, unconditional."""
    values: dict[str, Any] = {
        "id": PledgeId(f"P{next(_numbers)}"),
        "contributor": "FRA",
        "kind": PledgeKind.TROOPS,
        "capability": "land.combat",
        "personnel": 1_000,
        "level": Level.STATED,
    }
    values.update(overrides)
    return Pledge(**values)


def make_line(**overrides: Any) -> RequirementLine:
    """A requirement line: 1,000 personnel in land.combat."""
    values: dict[str, Any] = {
        "key": "contact",
        "label": "Contact line",
        "capability": "land.combat",
        "personnel": 1_000,
    }
    values.update(overrides)
    return RequirementLine(**values)


def make_requirement(**overrides: Any) -> Requirement:
    """A requirement: 40,000 personnel, no lines, rotation 3, 24 months."""
    values: dict[str, Any] = {
        "key": "test",
        "name": "Test requirement",
        "total_personnel": 40_000,
        "source": "test",
    }
    values.update(overrides)
    return Requirement(**values)


def make_scenario(drivers: Mapping[str, bool] | None = None, *, key: str = "test") -> Scenario:
    """A scenario with the given drivers set; all others are false."""
    return Scenario(key=key, name=key.replace("-", " ").title(), drivers=dict(drivers or {}))


def make_participant(
    code: str,
    *,
    gdp_usd_bn: float | None = 1_000.0,
    population_m: float = 10.0,
    active_military_k: float | None = 50.0,
) -> Participant:
    """A state; without `gdp_usd_bn` it has no reference figures at all."""
    figures = None
    if gdp_usd_bn is not None:
        figures = ReferenceFigures(
            year=2024,
            gdp_usd_bn=gdp_usd_bn,
            population_m=population_m,
            active_military_k=active_military_k,
            sources={"gdp_usd_bn": "test figures"},
        )
    return Participant(
        code=ParticipantCode(code), name=code, kind=ParticipantKind.STATE, figures=figures
    )
