"""JSON documents: all three tables in one object, with typed values.

    {"sources": [{"id": "src-1", "locator": "https://...", ...}],
     "positions": [{"id": "pos-1", "quantity": 40000.0, "is_date_approximate": false, ...}],
     "pledges": [{"id": "pl-1", "caveats": ["no_combat"], "source_ids": ["src-1"], ...}]}

A table may be left out (it is then empty). Dates are ISO text; list columns are JSON lists.
No formula neutralisation: JSON is not opened by spreadsheet programs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from forcegen.files.cell import CellValue, cell_text, record_values
from forcegen.files.grid import MAX_ROWS, unknown_column
from forcegen.files.limits import check_no_nul, digits_problem
from forcegen.files.table import Record, TableKind, TableRow, column_names
from forcegen.model.errors import DataFileError

JsonValue = str | int | float | bool | list[str] | None


def read_json_rows(path: Path, kind: TableKind) -> list[TableRow]:
    """The rows of one table of a JSON document; row numbers are 1-based item numbers.

    Raises:
        DataFileError: the document is not JSON, not laid out as above, or an item holds
            a key or value a table cannot.
    """
    origin = path.name
    items = _document(path, origin).get(str(kind), [])
    if not isinstance(items, list):
        raise DataFileError(f"{origin}: {str(kind)!r} must be a list of objects, one per row.")
    if len(items) > MAX_ROWS:
        raise DataFileError(f"{origin}: more than {MAX_ROWS} rows in {kind}; split the file.")
    return [_row(number, item, kind, origin) for number, item in enumerate(items, start=1)]


def write_json(path: Path, tables: Mapping[TableKind, Sequence[Record]]) -> None:
    """Write the given tables into one document, in the order sources, positions, pledges."""
    document = {
        str(kind): [_json_item(record, kind) for record in tables[kind]]
        for kind in TableKind
        if kind in tables
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


class _LongNumber(str):
    """A number with more digits than an import may hold, kept as text to be refused by row."""


def _bounded_number(text: str) -> object:
    """Numbers beyond MAX_NUMBER_DIGITS stay text (Python refuses ints over 4,300 digits)."""
    if digits_problem(text) is not None:
        return _LongNumber(text)
    return float(text) if any(mark in text for mark in ".eE") else int(text)


def _document(path: Path, origin: str) -> dict[str, object]:
    try:
        document = json.loads(
            path.read_bytes().decode("utf-8-sig"),
            parse_int=_bounded_number,
            parse_float=_bounded_number,
        )
    except UnicodeDecodeError as err:
        raise DataFileError(f"{origin}: not UTF-8 text; save it as UTF-8 and retry.") from err
    except json.JSONDecodeError as err:
        raise DataFileError(
            f"{origin}: not valid JSON at line {err.lineno}, column {err.colno} ({err.msg})."
        ) from err
    except RecursionError as err:
        raise DataFileError(
            f"{origin}: the JSON is nested too deeply to be a table document; an import is "
            '{"positions": [{"id": ..., ...}], ...}: objects in lists in one object.'
        ) from err
    expected = ", ".join(str(kind) for kind in TableKind)
    if not isinstance(document, dict):
        raise DataFileError(f"{origin}: the document must be an object with keys {expected}.")
    unknown = sorted(set(document) - {str(kind) for kind in TableKind})
    if unknown:
        raise DataFileError(
            f"{origin}: unknown key {unknown[0]!r} at the top level; use {expected}."
        )
    return document


def _row(number: int, item: object, kind: TableKind, origin: str) -> TableRow:
    if not isinstance(item, dict):
        raise DataFileError(f"{origin}: {kind} item {number} must be an object of column: value.")
    known = column_names(kind)
    values: dict[str, str] = {}
    for key, value in item.items():
        if key not in known:
            raise DataFileError(f"{origin}: {kind} item {number}: {unknown_column(key, kind)}.")
        if isinstance(value, _LongNumber):
            raise DataFileError(
                f"{origin}: {kind} item {number}, key {key!r}: {digits_problem(value)}."
            )
        try:
            values[key] = cell_text(value)
        except TypeError as err:
            raise DataFileError(
                f"{origin}: {kind} item {number}, key {key!r}: {err}; use text, a number, "
                "true/false, null or a list of text."
            ) from err
        check_no_nul(values[key], f"{origin}: {kind} item {number}, key {key!r}")
    return TableRow(row=number, values=values)


def _json_item(record: Record, kind: TableKind) -> dict[str, JsonValue]:
    return {name: _json_value(value) for name, value in record_values(record, kind).items()}


def _json_value(value: CellValue) -> JsonValue:
    return value.isoformat() if isinstance(value, dt.date) else value


def json_tables(path: Path) -> list[TableKind]:
    """The tables a JSON document holds (its keys), in the order sources, positions, pledges.

    Raises:
        DataFileError: the document is not JSON or not laid out as above.
    """
    document = _document(path, path.name)
    return [kind for kind in TableKind if str(kind) in document]
