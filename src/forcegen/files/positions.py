"""Rows of the positions table to `Position` values."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from forcegen.files.row_parser import RowParser
from forcegen.files.table import RowProblem, TableKind, TableRow
from forcegen.model.position import Position, QuantityUnit, Stance, Topic


def parse_positions(
    rows: Iterable[TableRow], *, known_source_ids: Collection[str] | None = None
) -> tuple[list[Position], list[RowProblem]]:
    """Every valid position, and every problem of every row (empty when all are valid).

    `actor_code` is a participant code or `ALL` (coalition-wide). With `known_source_ids`,
    a `source_id` outside it is a problem; without, only an empty one is.
    """
    positions: list[Position] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for row in rows:
        parser = RowParser(row, TableKind.POSITIONS)
        position = parser.build(Position, _values(parser, seen, known_source_ids))
        problems += parser.ordered_problems()
        if position is not None:
            positions.append(position)
    return positions, problems


def _values(
    parser: RowParser, seen: dict[str, int], known_source_ids: Collection[str] | None
) -> dict[str, object]:
    source_id = parser.source_reference("source_id")
    if source_id is not None:
        parser.reference("source_id", source_id, known_source_ids)
    identity = ("actor_code", "topic", "date", "summary")
    position_id = parser.record_id(
        "pos", source_id or "", *(parser.row.get(column).strip() for column in identity)
    )
    parser.unique("id", position_id, seen)
    return {
        "id": position_id,
        "actor_code": parser.participant("actor_code", is_coalition_allowed=True),
        "actor": parser.text("actor"),
        "topic": parser.choice("topic", Topic, is_required=True),
        "stance": parser.choice("stance", Stance, is_required=True),
        "quantity": parser.number("quantity"),
        "quantity_low": parser.number("quantity_low"),
        "quantity_high": parser.number("quantity_high"),
        "quantity_unit": parser.choice("quantity_unit", QuantityUnit),
        "conditions": parser.text("conditions"),
        "date": parser.date("date", is_required=True),
        "is_date_approximate": parser.boolean("is_date_approximate"),
        "source_id": source_id,
        "summary": parser.text("summary"),
        "quote": parser.text("quote"),
        "supersedes": parser.label("supersedes"),
    }
