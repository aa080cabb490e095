"""CSV tables: UTF-8 text, one table per file, formula-like text neutralised.

Files are written with a byte-order mark so that Excel shows accents correctly; readers
accept files with or without it, separated by commas, semicolons or tabs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from forcegen.files.cell import csv_text, record_values
from forcegen.files.formula import neutralise, restore
from forcegen.files.grid import rows_from_grid
from forcegen.files.table import Record, TableKind, TableRow, column_names
from forcegen.model.errors import DataFileError

_DELIMITERS = ",;\t"


def read_csv_rows(path: Path, kind: TableKind) -> list[TableRow]:
    """The rows of a CSV file holding one table.

    Raises:
        DataFileError: the file cannot be read, is not UTF-8, or is not well-formed CSV.
    """
    origin = path.name
    text = _decode(path.read_bytes(), origin)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            records.append((number, [restore(cell) for cell in record]))
    except csv.Error as err:
        raise DataFileError(
            f"{origin}: not well-formed CSV near line {reader.line_num} ({err}); check the "
            "quotes in that line, or save the file again from the spreadsheet as CSV."
        ) from err
    return rows_from_grid(records, kind, origin)


def write_csv(path: Path, kind: TableKind, records: Sequence[Record]) -> None:
    """Write one table; cells starting like a formula get a leading apostrophe."""
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(column_names(kind))
        for record in records:
            values = record_values(record, kind).values()
            writer.writerow([neutralise(csv_text(value)) for value in values])


def _decode(data: bytes, origin: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataFileError(
            f"{origin}: not UTF-8 text (byte {err.start}); save it as 'CSV UTF-8' and retry."
        ) from err


def _delimiter(text: str) -> str:
    """The separator of the header line: whichever of , ; or tab it uses most."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    return max(_DELIMITERS, key=first_line.count)
