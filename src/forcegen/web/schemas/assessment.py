"""API bodies for the assessment: the same tables as `forcegen assess --format json`."""

from __future__ import annotations

from pydantic import BaseModel, JsonValue


class AssessmentTableRead(BaseModel):
    """One table: its title, what it shows, its columns and its rows."""

    title: str
    description: str
    columns: list[str]
    rows: list[dict[str, JsonValue]]


class AssessmentRead(BaseModel):
    """An assessment as tables (summary, scenarios, coverage, ..., pledges, sources)."""

    format: str
    force: dict[str, JsonValue] | None = None  # {low, central, high, text} in the scenario
    unquantified: list[dict[str, str]] = []  # [{contributor, pledge_id}]
    fair_share_basis: str = ""
    scenarios: dict[str, JsonValue] = {}  # per named scenario: name, force, drivers
    tables: dict[str, AssessmentTableRead]
