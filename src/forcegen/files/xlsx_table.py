"""XLSX workbooks: one sheet per table, named after it; formula-like text neutralised.

Numbers, booleans and dates are written as typed cells so that spreadsheet users can sort
and compute; text that starts like a formula gets a leading apostrophe. Formulas in an
imported workbook are never evaluated: their text is read as the cell's value.
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException

from forcegen.files.cell import CellValue, cell_text, record_values
from forcegen.files.formula import neutralise, restore
from forcegen.files.grid import rows_from_grid
from forcegen.files.limits import MAX_CELLS, check_workbook_size
from forcegen.files.table import LIST_SEPARATOR, Record, TableKind, TableRow, column_names
from forcegen.model.errors import DataFileError, InvalidInputError
from forcegen.model.number import format_number

# Excel refuses longer text in one cell, and keeps numbers to 15 significant digits.
MAX_CELL_CHARS = 32_767
EXCEL_DIGITS = 15

XlsxValue = str | int | float | bool | dt.date | None


def read_xlsx_rows(path: Path, kind: TableKind) -> list[TableRow]:
    """The rows of the sheet named after `kind` (or of the only sheet).

    Raises:
        DataFileError: the file is not an XLSX workbook, or has no sheet for the table.
    """
    origin = path.name
    check_workbook_size(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except _BROKEN_WORKBOOK as err:
        raise _unreadable(origin, err) from err
    try:
        sheet = workbook[_sheet_name(workbook.sheetnames, kind, origin)]
        records = _records(sheet.iter_rows(min_row=1, values_only=True), origin)
    except _BROKEN_WORKBOOK as err:
        raise _unreadable(origin, err) from err
    finally:
        workbook.close()
    return rows_from_grid(records, kind, origin)


# What openpyxl raises on a damaged workbook: broken zip, broken or hostile XML, odd values.
_BROKEN_WORKBOOK = (
    InvalidFileException,
    zipfile.BadZipFile,
    ParseError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    EOFError,
    zlib.error,
)


def _unreadable(origin: str, err: Exception) -> DataFileError:
    reason = " ".join(str(err).split())[:120] or type(err).__name__
    return DataFileError(
        f"{origin}: not a readable XLSX workbook ({reason}); save it from the spreadsheet "
        "as 'Excel Workbook (.xlsx)'."
    )


def _records(rows: Iterable[tuple[object, ...]], origin: str) -> list[tuple[int, list[str]]]:
    records: list[tuple[int, list[str]]] = []
    cells = 0
    for number, row in enumerate(rows, start=1):
        cells += len(row)
        if cells > MAX_CELLS:
            raise DataFileError(
                f"{origin}: more than {MAX_CELLS:,} cells (row {number}); delete the empty "
                "columns and rows around the table, or split it."
            )
        records.append((number, [_text(value) for value in row]))
    return records


def write_xlsx(path: Path, tables: Mapping[TableKind, Sequence[Record]]) -> None:
    """Write each table to its own sheet, header frozen in row 1.

    Raises:
        InvalidInputError: a text holds characters XLSX cannot store or is too long.
    """
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for kind, records in tables.items():
        sheet = workbook.create_sheet(title=str(kind))
        sheet.append(list(column_names(kind)))
        for number, record in enumerate(records, start=2):
            values = record_values(record, kind)
            sheet.append([_cell(value, kind, number, name) for name, value in values.items()])
        sheet.freeze_panes = "A2"
    workbook.save(path)


def _sheet_name(names: list[str], kind: TableKind, origin: str) -> str:
    for name in names:
        if name.strip().lower() == kind:
            return name
    if len(names) == 1:
        return names[0]
    raise DataFileError(
        f"{origin}: no sheet named {str(kind)!r}; the sheets are {', '.join(names)}. "
        f"Rename the sheet that holds the {kind} table to {str(kind)!r}."
    )


def _text(value: object) -> str:
    if isinstance(value, str):
        return restore(value)
    try:
        return cell_text(value)
    except TypeError:
        return str(value)


def _cell(value: CellValue, kind: TableKind, row: int, column: str) -> XlsxValue:
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    if isinstance(value, float) and float(f"{value:.{EXCEL_DIGITS}g}") != value:
        # Excel keeps 15 significant digits; text keeps the exact number for the reader.
        return format_number(value)
    if not isinstance(value, str):
        return value
    if ILLEGAL_CHARACTERS_RE.search(value) or len(value) > MAX_CELL_CHARS:
        raise InvalidInputError(
            f"{kind}: row {row}, column {column!r}: the text cannot be stored in an XLSX "
            f"cell (control characters, or more than {MAX_CELL_CHARS} characters); "
            "clean the text or export as JSON."
        )
    return neutralise(value)


def xlsx_tables(path: Path) -> list[TableKind]:
    """The tables a workbook has a sheet for (sheets named sources, positions, pledges).

    Raises:
        DataFileError: the file is not an XLSX workbook.
    """
    check_workbook_size(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True)
    except _BROKEN_WORKBOOK as err:
        raise _unreadable(path.name, err) from err
    names = {name.strip().lower() for name in workbook.sheetnames}
    workbook.close()
    return [kind for kind in TableKind if kind in names]
