"""Cell values: from model values to cells, and from any cell back to text.

Writers get plain values (`record_values`); CSV needs them as text (`csv_text`); cells read
from XLSX and JSON come back as text (`cell_text`), so one set of parsers serves all formats.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from forcegen.files.table import LIST_SEPARATOR, Record, TableKind, column_names
from forcegen.model.amount import Amount, Stated
from forcegen.model.number import format_number

CellValue = str | int | float | bool | dt.date | list[str] | None


def record_values(record: Record, kind: TableKind) -> dict[str, CellValue]:
    """The record's values by column, as plain Python values in column order.

    Sets (caveats) come out sorted, so the same pledge always gives the same cells; an exact
    amount is its number, any other its statement ("up to 7500", "unknown").
    """
    return {name: _plain(getattr(record, name)) for name in column_names(kind)}


def _plain(value: object) -> CellValue:
    if isinstance(value, Amount):
        return value.figure if value.stated is Stated.EXACT else value.file_text
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, frozenset | set):
        return sorted(str(item) for item in value)
    if isinstance(value, tuple | list):
        return [str(item) for item in value]
    if value is None or isinstance(value, str | int | float | dt.date):
        return value
    raise TypeError(f"no cell for a value of type {type(value).__name__}")


def csv_text(value: CellValue) -> str:
    """The text of a value in a CSV cell (before formula neutralisation)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return cell_text(value)


def cell_text(value: object) -> str:
    """The text of a cell read from a spreadsheet or JSON; lists are joined with ';'.

    Raises:
        TypeError: the value is a mapping or another shape no cell can hold.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, dt.datetime):
        is_midnight = value.time() == dt.time(0, 0)
        return value.date().isoformat() if is_midnight else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return LIST_SEPARATOR.join(cell_text(item) for item in value)
    raise TypeError(f"a cell cannot hold {type(value).__name__} values")
