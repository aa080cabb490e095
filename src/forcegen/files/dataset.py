"""Read a whole interchange file: its sources, positions and pledges, checked together.

Sources are read first, so that positions and pledges may cite sources of the same file as
well as sources already known (e.g. stored ones).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from forcegen.conditions import Vocabulary
from forcegen.files.pledges import parse_pledges
from forcegen.files.positions import parse_positions
from forcegen.files.sources import parse_sources
from forcegen.files.table import FileFormat, RowProblem, TableKind, TableRow
from forcegen.files.table_file import read_table, tables_in
from forcegen.model.pledge import Pledge
from forcegen.model.position import Position
from forcegen.model.source import Source


@dataclass(frozen=True)
class ParsedDataset:
    """What a file holds: the valid values and every problem found (each names its table)."""

    sources: list[Source] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems


def read_dataset(
    path: Path | str,
    file_format: FileFormat | str | None = None,
    *,
    csv_kind: TableKind = TableKind.POSITIONS,
    known_source_ids: Collection[str] = (),
    capabilities: Collection[str] | None = None,
    caveats: Collection[str] | None = None,
    condition_vocabulary: Vocabulary | None = None,
) -> ParsedDataset:
    """Read and check every table of a file; a CSV file holds the one table `csv_kind`.

    A workbook needs sheets named after the tables (or a single sheet, read as `csv_kind`).

    Raises:
        DataFileError: the file cannot be read or is malformed as a whole.
    """
    kinds = tables_in(path, file_format) or [csv_kind]
    rows = {kind: read_table(path, kind, file_format) for kind in kinds}
    sources, problems = parse_sources(rows.get(TableKind.SOURCES, []))
    cited = set(known_source_ids) | _ids(rows.get(TableKind.SOURCES, []))
    positions, position_problems = parse_positions(
        rows.get(TableKind.POSITIONS, []), known_source_ids=cited
    )
    pledges, pledge_problems = parse_pledges(
        rows.get(TableKind.PLEDGES, []),
        known_source_ids=cited,
        capabilities=capabilities,
        caveats=caveats,
        condition_vocabulary=condition_vocabulary,
    )
    return ParsedDataset(
        sources=sources,
        positions=positions,
        pledges=pledges,
        problems=problems + position_problems + pledge_problems,
    )


def _ids(rows: list[TableRow]) -> set[str]:
    """Ids of the source rows, valid or not: a bad source is reported once, not per citation."""
    return {row.get("id").strip() for row in rows if row.get("id").strip()}
