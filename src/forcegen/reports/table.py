"""Report tables: one concept per table, plain cells, the same for every output format.

An assessment becomes a list of `Table`s (`forcegen.reports.assessment_tables`); each writer
(XLSX, CSV, JSON, Markdown, the terminal) renders the same tables, so every format holds
the same numbers. Lists of ids are cells of type `tuple[str, ...]`, joined with "; " in text.

A figure that is a stated amount (a range, a bound) fills four columns: `personnel` holds
the number where the figure is exact and its statement otherwise ("6,000–13,500"), and
`personnel_low`, `personnel_central`, `personnel_high` hold its ends as numbers (central and
high empty where nothing states them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from forcegen.files.cell import cell_text as value_text
from forcegen.model.amount import Amount, Bound, Stated

Cell = str | int | float | bool | tuple[str, ...] | None
# What a table is built from: plain cells, and amounts that become four columns each.
RawCell = Cell | Amount[int] | Amount[float]
ENDS = ("low", "central", "high")  # low counts "up to 7,500" as 0; high is empty when open

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


def field_rows(items: Iterable[object], columns: Sequence[str]) -> list[tuple[RawCell, ...]]:
    """One row per item, each column read from the item's field of the same name: for tables
    that show a summary's fields as they are, so the names are written once."""
    return [tuple(getattr(item, name) for name in columns) for item in items]


def table(
    key: str,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[RawCell]],
    description: str = "",
) -> Table:
    """Build a table, checking that every row has one cell per column; amounts become four
    columns (see the module doc).

    Raises:
        ValueError: a row's length differs from the number of columns (a programming error).
    """
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(
                f"table {key!r}: a row has {len(row)} cells for {len(columns)} columns"
            )
    ranged = {i for row in rows for i, cell in enumerate(row) if isinstance(cell, Amount)}
    names = [
        name
        for i, column in enumerate(columns)
        for name in ((column, *(f"{column}_{end}" for end in ENDS)) if i in ranged else (column,))
    ]
    shaped = tuple(
        tuple(
            value
            for i, cell in enumerate(row)
            for value in (_ends(cell) if i in ranged else (_plain(cell),))
        )
        for row in rows
    )
    return Table(key, title, tuple(names), shaped, description)


def _ends(cell: RawCell) -> tuple[Cell, ...]:
    if not isinstance(cell, Amount):
        plain = _plain(cell)
        return (plain, plain, plain, plain)
    shown: Cell = cell.figure if cell.stated is Stated.EXACT else cell.text
    return (shown, cell.counted(Bound.LOW), cell.central, cell.high)


def _plain(cell: RawCell) -> Cell:
    if isinstance(cell, Amount):
        return cell.figure if cell.stated is Stated.EXACT else cell.text
    return cell


def cell_text(cell: Cell) -> str:
    """A cell as exact text (for files), each value written as the file readers read it back
    (`files.cell.cell_text`: booleans as true/false), lists joined with "; "."""
    if isinstance(cell, tuple):
        return LIST_SEPARATOR.join(cell)
    return value_text(cell)


def cell_display(cell: Cell) -> str:
    """A cell for people: thousands separators, floats rounded, booleans as yes/no."""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, int):
        return f"{cell:,}"
    if isinstance(cell, float):
        return f"{cell:,.0f}" if abs(cell) >= 100 else f"{cell:.3g}"
    return cell_text(cell)
