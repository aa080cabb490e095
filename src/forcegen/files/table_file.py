"""Read and write one table, or several, in the format the file's suffix names.

rows = read_table("positions.xlsx", "positions")        # list[TableRow]
positions, problems = parse_positions(rows)
write_table("out.csv", "positions", positions)           # format from the suffix
write_tables("all.json", {TableKind.SOURCES: sources, TableKind.POSITIONS: positions})
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from forcegen.files.csv_table import read_csv_rows, write_csv
from forcegen.files.json_table import json_tables, read_json_rows, write_json
from forcegen.files.limits import check_file_size
from forcegen.files.table import (
    RECORD_TYPES,
    FileFormat,
    Record,
    TableKind,
    TableRow,
    format_of,
)
from forcegen.files.xlsx_table import read_xlsx_rows, write_xlsx, xlsx_tables
from forcegen.model.choice import parse_choice
from forcegen.model.errors import DataFileError, InvalidInputError

_READERS: dict[FileFormat, Callable[[Path, TableKind], list[TableRow]]] = {
    FileFormat.CSV: read_csv_rows,
    FileFormat.XLSX: read_xlsx_rows,
    FileFormat.JSON: read_json_rows,
}


def read_table(
    path: Path | str, kind: TableKind | str, file_format: FileFormat | str | None = None
) -> list[TableRow]:
    """The rows of one table of a file, as text cells with their row numbers.

    Raises:
        DataFileError: the file cannot be read or is malformed (names the file and place).
    """
    path = Path(path)
    chosen = _format(path, file_format)
    table = _kind(kind)
    try:
        check_file_size(path)
        return _READERS[chosen](path, table)
    except OSError as err:
        raise DataFileError(f"{path.name}: cannot be read ({err}); check the path.") from err


def tables_in(path: Path | str, file_format: FileFormat | str | None = None) -> list[TableKind]:
    """The tables a JSON document or workbook holds; [] for CSV (one table, kind not named).

    Raises:
        DataFileError: the file cannot be read or is malformed.
    """
    path = Path(path)
    chosen = _format(path, file_format)
    try:
        check_file_size(path)
        if chosen is FileFormat.JSON:
            return json_tables(path)
        if chosen is FileFormat.XLSX:
            return xlsx_tables(path)
    except OSError as err:
        raise DataFileError(f"{path.name}: cannot be read ({err}); check the path.") from err
    return []


def write_table(
    path: Path | str,
    kind: TableKind | str,
    rows: Sequence[Record],
    file_format: FileFormat | str | None = None,
) -> None:
    """Write one table (a JSON document with one key, a workbook with one sheet, or a CSV).

    Raises:
        InvalidInputError: the file cannot be written, or a text cannot be stored in XLSX.
    """
    write_tables(path, {_kind(kind): rows}, file_format)


def write_tables(
    path: Path | str,
    tables: Mapping[TableKind, Sequence[Record]],
    file_format: FileFormat | str | None = None,
) -> None:
    """Write several tables into one JSON document or workbook (CSV holds only one).

    Raises:
        InvalidInputError: several tables for CSV, the file cannot be written, or a text
            cannot be stored in XLSX.
    """
    path = Path(path)
    chosen = _format(path, file_format)
    tables = {_kind(kind): records for kind, records in tables.items()}
    for kind, records in tables.items():
        _check_types(kind, records)
    try:
        if chosen is FileFormat.CSV:
            if len(tables) != 1:
                raise InvalidInputError(
                    f"A CSV file holds one table, not {len(tables)}: write one file per table, "
                    "or use XLSX or JSON for several."
                )
            [(kind, records)] = tables.items()
            write_csv(path, kind, records)
        elif chosen is FileFormat.XLSX:
            write_xlsx(path, tables)
        else:
            write_json(path, tables)
    except OSError as err:
        raise InvalidInputError(f"Cannot write {str(path)!r} ({err}); check the path.") from err


def _format(path: Path, file_format: FileFormat | str | None) -> FileFormat:
    if file_format is None:
        return format_of(path)
    return parse_choice(FileFormat, file_format, "file format")


def _kind(kind: TableKind | str) -> TableKind:
    return parse_choice(TableKind, kind, "table")


def _check_types(kind: TableKind, records: Sequence[Record]) -> None:
    wanted = RECORD_TYPES[kind]
    for record in records:
        if not isinstance(record, wanted):
            raise TypeError(f"the {kind} table holds {wanted.__name__} values, not {record!r}")
