"""Assessment tables as CSV: one file per table, `<key>.csv`, in one directory.

A directory (rather than a zip) keeps each table one double-click away in a spreadsheet and
one `read_csv` away in a script; `index.csv` lists the tables with their titles. Files are
UTF-8 with a byte-order mark (so Excel shows accents) and every cell is formula-neutralised.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from forcegen.files.formula import neutralise
from forcegen.model.errors import InvalidInputError
from forcegen.reports.table import Table, cell_text

INDEX = "index.csv"


def write_csv_directory(directory: Path, tables: Sequence[Table]) -> list[Path]:
    """Write `<key>.csv` per table and `index.csv` into `directory` (created if missing).

    Raises:
        InvalidInputError: `directory` exists and is a file.
    """
    if directory.exists() and not directory.is_dir():
        raise InvalidInputError(
            f"{str(directory)!r} is a file: CSV exports are a directory of files, one per "
            "table. Give a directory path (it is created if missing)."
        )
    if not directory.exists() and directory.suffix.lower() == ".csv":
        raise InvalidInputError(
            f"{str(directory)!r} names a file, but a CSV export is a directory with one file "
            f"per table: give a directory, e.g. --output {directory.with_suffix('')}, or use "
            "--format xlsx for a single file."
        )
    directory.mkdir(exist_ok=True)  # the folder asked for; a missing parent is an error
    written = [_write(directory / INDEX, ("table", "title", "description"), _index(tables))]
    for t in tables:
        rows = [[cell_text(cell) for cell in row] for row in t.rows]
        written.append(_write(directory / f"{t.key}.csv", t.columns, rows))
    return written


def _index(tables: Sequence[Table]) -> list[list[str]]:
    return [[f"{t.key}.csv", t.title, t.description] for t in tables]


def _write(path: Path, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([neutralise(column) for column in columns])
        writer.writerows([neutralise(text) for text in row] for row in rows)
    return path
