"""Assessment tables as one JSON document: each table a list of row objects.

    {"format": "forcegen.assessment/1",
     "force": {...}, "unquantified": [...], "fair_share_basis": ..., "scenarios": {...},
     "tables": {"summary": {"title": ..., "description": ..., "columns": [...],
                            "rows": [{"sentence": "..."}, ...]}, ...},
     "probability": {"method": ..., "met": ..., ...}}      when computed (docs/assessment-json.md)

Lists of ids stay JSON arrays; numbers stay numbers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from pydantic import JsonValue

from forcegen.reports.table import Cell, Table

FORMAT = "forcegen.assessment/1"

JsonCell = str | int | float | bool | list[str] | None


def assessment_json(
    tables: Sequence[Table],
    probability: object = None,
    headline: Mapping[str, JsonValue] | None = None,
) -> str:
    """The JSON text of the tables (UTF-8, indented, keys in table order), after the
    `headline` members (`forcegen.reports.headline`) and with the `probability` object
    (`ProbabilityReport.as_json()`) when given."""
    document: dict[str, object] = {
        "format": FORMAT,
        **(headline or {}),
        "tables": {
            t.key: {
                "title": t.title,
                "description": t.description,
                "columns": list(t.columns),
                "rows": [{k: _json(v) for k, v in record.items()} for record in t.records()],
            }
            for t in tables
        },
    }
    if probability is not None:
        document["probability"] = probability
    return json.dumps(document, ensure_ascii=False, indent=2)


def _json(cell: Cell) -> JsonCell:
    return list(cell) if isinstance(cell, tuple) else cell
