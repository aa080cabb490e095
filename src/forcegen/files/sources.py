"""Rows of the sources table to `Source` values."""

from __future__ import annotations

from collections.abc import Iterable

from forcegen.files.row_parser import RowParser
from forcegen.files.table import RowProblem, TableKind, TableRow
from forcegen.model.source import Reliability, Source, SourceKind


def parse_sources(rows: Iterable[TableRow]) -> tuple[list[Source], list[RowProblem]]:
    """Every valid source, and every problem of every row (empty when all are valid)."""
    sources: list[Source] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for row in rows:
        parser = RowParser(row, TableKind.SOURCES)
        source_id = parser.record_id("src", parser.row.get("locator").strip())
        parser.unique("id", source_id, seen)
        values: dict[str, object] = {
            "id": source_id,
            "kind": parser.choice("kind", SourceKind),
            "locator": parser.label("locator", is_required=True),
            "outlet": parser.text("outlet"),
            "published": parser.date("published"),
            "reliability": parser.choice("reliability", Reliability),
        }
        source = parser.build(Source, values)
        problems += parser.ordered_problems()
        if source is not None:
            sources.append(source)
    return sources, problems
