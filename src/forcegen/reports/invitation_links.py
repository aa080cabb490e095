"""Invitation links as CSV, for delivery through the coordinator's own channels.

The web page's download and `forcegen round links` write the same file. Spreadsheets run a
cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return) as a formula, so
such cells are neutralised the way every export of ours does it (`forcegen.files.formula`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from forcegen.files.formula import neutralise

HEADER = ("participant_code", "participant_name", "link", "expires_at")


@dataclass(frozen=True)
class LinkRow:
    participant_code: str
    participant_name: str
    link: str
    expires_at: str


def links_csv(rows: Iterable[LinkRow]) -> str:
    """The links as CSV text, one row per participant, formula-like cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        cells = (row.participant_code, row.participant_name, row.link, row.expires_at)
        writer.writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue()
