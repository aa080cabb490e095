"""The shape of the interchange tables: which tables exist, their columns, rows and problems.

Three tables travel between forcegen and spreadsheets or scripts: `sources`, `positions`
and `pledges`. Each has fixed column names (the model's field names), some required.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from forcegen.model.errors import InvalidInputError
from forcegen.model.pledge import Pledge
from forcegen.model.position import Position
from forcegen.model.source import Source

# Any value a table holds.
Record = Source | Position | Pledge


class TableKind(StrEnum):
    SOURCES = "sources"
    POSITIONS = "positions"
    PLEDGES = "pledges"


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    is_required: bool = False


COLUMNS: dict[TableKind, tuple[Column, ...]] = {
    TableKind.SOURCES: (
        Column("id", is_required=True),
        Column("kind"),
        Column("locator", is_required=True),
        Column("outlet"),
        Column("published"),
        Column("reliability"),
    ),
    TableKind.POSITIONS: (
        Column("id", is_required=True),
        Column("actor_code", is_required=True),
        Column("actor"),
        Column("topic", is_required=True),
        Column("stance", is_required=True),
        Column("quantity"),
        Column("quantity_low"),
        Column("quantity_high"),
        Column("quantity_unit"),
        Column("conditions"),
        Column("date", is_required=True),
        Column("is_date_approximate"),
        Column("source_id", is_required=True),
        Column("summary"),
        Column("quote"),
        Column("supersedes"),
    ),
    TableKind.PLEDGES: (
        Column("id", is_required=True),
        Column("contributor", is_required=True),
        Column("kind", is_required=True),
        Column("capability"),
        Column("personnel"),
        Column("platforms"),
        Column("value_eur"),
        Column("quantity"),
        Column("item"),
        Column("sustained"),
        Column("duration_months"),
        Column("start_month"),
        Column("caveats"),
        Column("condition"),
        Column("level"),
        Column("source_ids"),
        Column("note"),
    ),
}

RECORD_TYPES: dict[TableKind, type[Record]] = {
    TableKind.SOURCES: Source,
    TableKind.POSITIONS: Position,
    TableKind.PLEDGES: Pledge,
}

# Columns holding several values in one cell, separated by LIST_SEPARATOR.
LIST_SEPARATOR = ";"


def column_names(kind: TableKind) -> tuple[str, ...]:
    return tuple(column.name for column in COLUMNS[kind])


@dataclass(frozen=True, slots=True)
class TableRow:
    """One data row as text cells, with the number a user finds it under.

    `row` is the spreadsheet row for CSV and XLSX (the header is row 1, so the first data
    row is 2) and the 1-based item number in the JSON list. Empty cells are "".
    """

    row: int
    values: dict[str, str] = field(default_factory=dict)

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One thing wrong with one cell: where it is and what to do about it."""

    row: int
    column: str
    message: str
    table: TableKind | None = None

    def __str__(self) -> str:
        where = f"{self.table}: " if self.table else ""
        return f"{where}row {self.row}, column {self.column!r}: {self.message}"


def format_of(path: Path) -> FileFormat:
    """The file format named by the path's suffix (.csv, .xlsx, .json).

    Raises:
        InvalidInputError: the suffix names no supported format.
    """
    suffix = path.suffix.lower().lstrip(".")
    try:
        return FileFormat(suffix)
    except ValueError:
        raise InvalidInputError(
            f"Cannot tell the format of {str(path)!r} from its suffix {path.suffix!r}: "
            "name the file .csv, .xlsx or .json, or give the format explicitly."
        ) from None
