"""Report tables: one concept per table, plain cells, the same for every output format.

An assessment becomes a list of `Table`s (`forcegen.reports.assessment_tables`); each writer
(XLSX, CSV, JSON, Markdown, the terminal) renders the same tables, so every format holds
the same numbers. Lists of ids are cells of type `tuple[str, ...]`, joined with "; " in text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forcegen.model.number import format_number

Cell = str | int | float | bool | tuple[str, ...] | None

LIST_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class Table:
    """A titled table: `key` names its sheet, file or JSON member; `rows` hold one cell per
    column, in column order."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    description: str = ""

    def records(self) -> list[dict[str, Cell]]:
        """The rows as column -> cell mappings (for JSON)."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def table(
    key: str,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    description: str = "",
) -> Table:
    """Build a table, checking that every row has one cell per column.

    Raises:
        ValueError: a row's length differs from the number of columns (a programming error).
    """
    shaped = tuple(tuple(row) for row in rows)
    for row in shaped:
        if len(row) != len(columns):
            raise ValueError(
                f"table {key!r}: a row has {len(row)} cells for {len(columns)} columns"
            )
    return Table(key, title, tuple(columns), shaped, description)


def cell_text(cell: Cell) -> str:
    """A cell as exact text (for files): booleans as true/false, lists joined with "; "."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        return format_number(cell)
    if isinstance(cell, tuple):
        return LIST_SEPARATOR.join(cell)
    return str(cell)


def cell_display(cell: Cell) -> str:
    """A cell for people: thousands separators, floats rounded, booleans as yes/no."""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, int):
        return f"{cell:,}"
    if isinstance(cell, float):
        return f"{cell:,.0f}" if abs(cell) >= 100 else f"{cell:.3g}"
    return cell_text(cell)
