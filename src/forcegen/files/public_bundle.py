"""The public-source record on disk: sources, positions and pledges, read or written together.

JSON and XLSX hold the three tables in one file (keys or sheets named `sources`,
`positions`, `pledges`). CSV holds one table per file, so a bundle is three files side by
side; any of these names one bundle:

    public.csv              -> public.sources.csv, public.positions.csv, public.pledges.csv
    public.positions.csv    -> the same three files
    some/dir                -> some/dir/sources.csv, positions.csv, pledges.csv
    some/dir/positions.csv  -> the same three files (the packaged dataset's layout)

A path without a suffix is a directory. When reading, a missing file of the three is an
empty table, but at least one must exist.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from forcegen.conditions import Vocabulary
from forcegen.files.derived_id import derived_id
from forcegen.files.pledges import parse_pledges
from forcegen.files.positions import parse_positions
from forcegen.files.sources import parse_sources
from forcegen.files.table import FileFormat, Record, RowProblem, TableKind, TableRow, format_of
from forcegen.files.table_file import read_table, tables_in, write_table, write_tables
from forcegen.model.errors import DataFileError, InvalidInputError
from forcegen.model.pledge import Pledge
from forcegen.model.position import Position
from forcegen.model.public_problem import DataProblem, RowNumbers
from forcegen.model.source import Source


@dataclass(frozen=True)
class PublicBundle:
    """What a bundle holds: the valid values, where each was found, and every problem."""

    sources: list[Source] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)
    rows: RowNumbers = field(default_factory=RowNumbers)
    problems: list[DataProblem] = field(default_factory=list)
    files: tuple[Path, ...] = ()


def table_of_csv(path: Path) -> TableKind | None:
    """The table a CSV file name announces (`x.positions.csv`, `positions.csv`), if any."""
    name = path.name.lower().removesuffix(".csv")
    for kind in TableKind:
        if name == kind.value or name.endswith(f".{kind.value}"):
            return kind
    return None


def csv_paths(path: Path) -> dict[TableKind, Path]:
    """The three CSV files that `path` names (see the module docstring)."""
    if _is_directory(path):
        return {kind: path / f"{kind.value}.csv" for kind in TableKind}
    kind = table_of_csv(path)
    if kind is None:
        stem = path.name[: -len(path.suffix)] if path.suffix else path.name
        return {k: path.with_name(f"{stem}.{k.value}.csv") for k in TableKind}
    prefix = path.name[: len(path.name) - len(f"{kind.value}.csv")]
    return {k: path.with_name(f"{prefix}{k.value}.csv") for k in TableKind}


def read_bundle(
    path: Path | str,
    *,
    known_source_ids: Collection[str] | None = None,
    capabilities: Collection[str] | None = None,
    caveats: Collection[str] | None = None,
    condition_vocabulary: Vocabulary | None = None,
) -> PublicBundle:
    """Read and check every table of a bundle; problems are collected, not raised.

    With `known_source_ids` (the stored sources), a citation of a source that is neither
    there nor in the bundle is reported on every row, even one with other problems;
    without, that check is left to the import service.

    Raises:
        DataFileError: no file of the bundle exists, or a file is malformed as a whole.
    """
    path = Path(path)
    tables, files = _read_tables(path)
    sources, problems = parse_sources(tables.get(TableKind.SOURCES, []))
    known = None
    if known_source_ids is not None:
        source_rows = tables.get(TableKind.SOURCES, [])
        known = {*known_source_ids, *(_source_id(row) for row in source_rows)}
    positions, position_problems = parse_positions(
        tables.get(TableKind.POSITIONS, []), known_source_ids=known
    )
    pledges, pledge_problems = parse_pledges(
        tables.get(TableKind.PLEDGES, []),
        known_source_ids=known,
        capabilities=capabilities,
        caveats=caveats,
        condition_vocabulary=condition_vocabulary,
    )
    rows = RowNumbers(
        sources=_row_numbers(tables.get(TableKind.SOURCES, []), sources),
        positions=_row_numbers(tables.get(TableKind.POSITIONS, []), positions),
        pledges=_row_numbers(tables.get(TableKind.PLEDGES, []), pledges),
    )
    found = [*problems, *position_problems, *pledge_problems]
    return PublicBundle(
        sources=sources,
        positions=positions,
        pledges=pledges,
        rows=rows,
        problems=[_data_problem(problem) for problem in found],
        files=files,
    )


def _source_id(row: TableRow) -> str:
    """The id a sources row has, or gets when its `id` cell is empty (see derived_id)."""
    return row.get("id").strip() or derived_id("src", row.get("locator").strip())


def write_bundle(
    path: Path | str,
    *,
    sources: Sequence[Source],
    positions: Sequence[Position],
    pledges: Sequence[Pledge],
    file_format: FileFormat | str | None = None,
) -> tuple[Path, ...]:
    """Write the three tables (three files for CSV) and return the paths written.

    Raises:
        InvalidInputError: the format is unknown or a file cannot be written.
    """
    path = Path(path)
    chosen = _format(path, file_format)
    tables: dict[TableKind, Sequence[Record]] = {
        TableKind.SOURCES: sources,
        TableKind.POSITIONS: positions,
        TableKind.PLEDGES: pledges,
    }
    if chosen is not FileFormat.CSV:
        write_tables(path, tables, chosen)
        return (path,)
    paths = csv_paths(path)
    paths[TableKind.SOURCES].parent.mkdir(exist_ok=True)  # the folder asked for, not its parents
    for kind, records in tables.items():
        write_table(paths[kind], kind, records, FileFormat.CSV)
    return tuple(paths[kind] for kind in TableKind)


def _is_directory(path: Path) -> bool:
    """A directory, existing or to be made: CSV files go inside (a name without a suffix)."""
    return path.is_dir() or not path.suffix


def _format(path: Path, file_format: FileFormat | str | None) -> FileFormat:
    if file_format is not None:
        try:
            return FileFormat(str(file_format).lower())
        except ValueError as err:
            known = ", ".join(kind.value for kind in FileFormat)
            raise InvalidInputError(
                f"--format {file_format!r} is not supported: use one of {known}."
            ) from err
    if _is_directory(path):
        return FileFormat.CSV
    return format_of(path)


def _read_tables(path: Path) -> tuple[dict[TableKind, list[TableRow]], tuple[Path, ...]]:
    chosen = _format(path, None)
    if chosen is not FileFormat.CSV:
        if not path.is_file():
            raise DataFileError(f"{str(path)!r} does not exist: check the path.")
        kinds = tables_in(path, chosen) or [TableKind.POSITIONS]
        return {kind: read_table(path, kind, chosen) for kind in kinds}, (path,)
    paths = {kind: p for kind, p in csv_paths(path).items() if p.is_file()}
    if not paths:
        expected = ", ".join(str(p) for p in csv_paths(path).values())
        raise DataFileError(
            f"No CSV file found for {str(path)!r}: expected one or more of {expected} "
            "(one file per table; see `forcegen positions import --help`)."
        )
    tables = {kind: read_table(p, kind, FileFormat.CSV) for kind, p in paths.items()}
    return tables, tuple(paths.values())


def _row_numbers(rows: list[TableRow], values: Sequence[Source | Position | Pledge]) -> list[int]:
    """The row of each valid value, found by its id (ids are unique among valid rows)."""
    first_row: dict[str, int] = {}
    for row in rows:
        first_row.setdefault(row.get("id").strip(), row.row)
    return [first_row.get(value.id, 0) for value in values]


def _data_problem(problem: RowProblem) -> DataProblem:
    table = str(problem.table) if problem.table is not None else "file"
    return DataProblem(table, problem.row, problem.column, problem.message)
