"""From a grid of text cells (CSV records, XLSX rows) to table rows, checking the header.

The header is the first non-blank row. Column names are matched without regard to case or
surrounding spaces. Blank rows are skipped but still counted, so row numbers match what a
spreadsheet shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from forcegen.files.limits import check_no_nul
from forcegen.files.table import COLUMNS, TableKind, TableRow, column_names
from forcegen.model.errors import DataFileError
from forcegen.model.suggestion import did_you_mean

# More data rows than this in one table is not an import but a mistake (or an attack).
MAX_ROWS = 100_000


def rows_from_grid(
    records: Iterable[tuple[int, Sequence[str]]], kind: TableKind, origin: str
) -> list[TableRow]:
    """Table rows from `(row number, cells)` records in file order.

    Raises:
        DataFileError: the header is wrong, a row has cells beyond the header, or the
            table has more than MAX_ROWS rows.
    """
    header: list[str] | None = None
    rows: list[TableRow] = []
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = check_header(cells, kind, origin)
            continue
        rows.append(_row(number, cells, header, origin))
        if len(rows) > MAX_ROWS:
            raise DataFileError(
                f"{origin}: more than {MAX_ROWS} rows in the {kind} table; split the file."
            )
    return rows


def check_header(cells: Sequence[str], kind: TableKind, origin: str) -> list[str]:
    """The normalised column names of a header row.

    Raises:
        DataFileError: listing every unnamed, duplicate, unknown or missing required column.
    """
    names = [cell.strip().lower() for cell in cells]
    while names and not names[-1]:
        names.pop()
    problems = [f"column {i} has no name" for i, name in enumerate(names, 1) if not name]
    seen: set[str] = set()
    for name in filter(None, names):
        if name in seen:
            problems.append(f"column {name!r} appears twice")
        seen.add(name)
    problems += [unknown_column(name, kind) for name in seen - set(column_names(kind))]
    problems += [
        f"the required column {column.name!r} is missing; add it to the header"
        for column in COLUMNS[kind]
        if column.is_required and column.name not in seen
    ]
    if problems:
        raise DataFileError(f"{origin}: header of the {kind} table: " + "; ".join(problems) + ".")
    return names


def unknown_column(name: str, kind: TableKind) -> str:
    """A message for a column the table does not have, with the closest known name."""
    known = column_names(kind)
    if kind is TableKind.SOURCES and name == "quote":
        return (
            "the sources table has no 'quote' column: a quote belongs to the position it "
            "supports; move each quote to the 'quote' column of that position's row"
        )
    hint = did_you_mean(name, known)
    return f"unknown column {name!r}{hint}; the {kind} columns are {', '.join(known)}"


def _row(number: int, cells: Sequence[str], header: list[str], origin: str) -> TableRow:
    if any(cell.strip() for cell in cells[len(header) :]):
        raise DataFileError(
            f"{origin}: row {number} has values beyond the last of the {len(header)} named "
            "columns; remove them or give their column a name in the header."
        )
    values = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name}
    for name, value in values.items():
        check_no_nul(value, f"{origin}: row {number}, column {name!r}")
    return TableRow(row=number, values=values)
