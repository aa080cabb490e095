"""Invitation links as CSV, for delivery through the coordinator's own channels.

Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return)
as a formula, so such cells get a leading apostrophe: the text shows, nothing runs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ("participant_code", "participant_name", "link", "expires_at")


@dataclass(frozen=True)
class LinkRow:
    participant_code: str
    participant_name: str
    link: str
    expires_at: str


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate."""
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def links_csv(rows: Iterable[LinkRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        cells = (row.participant_code, row.participant_name, row.link, row.expires_at)
        writer.writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue()
