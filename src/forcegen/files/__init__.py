"""Interchange files: sources, positions and pledges as CSV, XLSX and JSON, in and out.

An adapter: it reads and writes files and turns rows into model values, reporting every
problem with its row and column. It never touches the database; importing is a service.

    rows = read_table("positions.csv", "positions")
    positions, problems = parse_positions(rows, known_source_ids={"src-1"})
    for problem in problems:
        print(problem)          # row 5, column 'date': '17/02/2025' is not a date; ...
    write_table("positions.xlsx", "positions", positions)
"""

from forcegen.files.formula import neutralise, restore
from forcegen.files.pledges import parse_pledges
from forcegen.files.positions import parse_positions
from forcegen.files.sources import parse_sources
from forcegen.files.table import (
    COLUMNS,
    Column,
    FileFormat,
    Record,
    RowProblem,
    TableKind,
    TableRow,
    column_names,
    format_of,
)
from forcegen.files.table_file import read_table, tables_in, write_table, write_tables

__all__ = [
    "COLUMNS",
    "Column",
    "FileFormat",
    "Record",
    "RowProblem",
    "TableKind",
    "TableRow",
    "column_names",
    "format_of",
    "neutralise",
    "parse_pledges",
    "parse_positions",
    "parse_sources",
    "read_table",
    "restore",
    "tables_in",
    "write_table",
    "write_tables",
]
