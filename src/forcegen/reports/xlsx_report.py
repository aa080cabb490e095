"""Assessment tables as an XLSX workbook: one sheet per table, named after its key.

Numbers and booleans are typed cells so spreadsheet users can sort and compute; every text
cell is formula-neutralised (a leading apostrophe before `=`, `+`, `-`, `@`...), so text
taken from answers or citations can never run as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from forcegen.files.formula import neutralise
from forcegen.reports.table import Cell, Table, cell_text

XlsxValue = str | int | float | bool | None
MAX_CELL_CHARS = 32_767
MAX_SHEET_TITLE = 31  # Excel's limit


def write_xlsx(target: Path | BinaryIO, tables: Sequence[Table]) -> None:
    """Write each table to its own sheet: the header in row 1 (bold, frozen), the rows, and
    the table's description one row below them."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for t in tables:
        sheet = workbook.create_sheet(title=t.key[:MAX_SHEET_TITLE])
        sheet.append([neutralise(column) for column in t.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in t.rows:
            sheet.append([xlsx_value(cell) for cell in row])
        if t.description:
            sheet.append([])
            sheet.append([xlsx_value(t.description)])
        sheet.freeze_panes = "A2"
    workbook.save(target)


def xlsx_value(cell: Cell) -> XlsxValue:
    """A typed cell: numbers and booleans as they are, text (and joined lists) neutralised
    and stripped of the control characters XLSX cannot hold."""
    if cell is None or isinstance(cell, bool | int | float):
        return cell
    text = ILLEGAL_CHARACTERS_RE.sub("", cell_text(cell))[:MAX_CELL_CHARS]
    return neutralise(text)
