"""The public-source demo dataset: cited sources, positions and reported pledges.

Shipped as three CSV files in `forcegen/data/public/` (built by
`scripts/build_public_dataset.py`; see `forcegen/data/README.md`). Loading checks every row
against the model, every actor code, and that every position and pledge cites a source of
the dataset; the first problem stops loading with the file, row and column.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from forcegen.catalog.error_message import describe_error
from forcegen.model.errors import DataFileError, NotFoundError, UnknownParticipantError
from forcegen.model.participant import normalise_code
from forcegen.model.pledge import Level, Pledge
from forcegen.model.position import COALITION_ACTOR, Position
from forcegen.model.source import Source

SOURCES_FILE = "sources.csv"
POSITIONS_FILE = "positions.csv"
PLEDGES_FILE = "pledges.csv"

# Cells of these columns hold several values separated by ';'.
_LIST_COLUMNS = frozenset({"caveats", "source_ids"})
_FIX = "Rebuild the dataset with scripts/build_public_dataset.py, or reinstall forcegen."

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class PublicDataset:
    """Everything the public-source record starts with; every citation resolves."""

    sources: tuple[Source, ...]
    positions: tuple[Position, ...]
    pledges: tuple[Pledge, ...]

    def source(self, source_id: str) -> Source:
        """Raises: NotFoundError when no source has that id."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise NotFoundError(f"No source {source_id!r} in the public dataset.")


def load_public_dataset(directory: Traversable | None = None) -> PublicDataset:
    """The packaged dataset (loaded once), or the one in `directory` laid out the same way.

    Raises:
        DataFileError: a file is missing or a row does not validate; names file, row, column.
    """
    if directory is None:
        return _packaged()
    return _load(directory)


@functools.cache
def _packaged() -> PublicDataset:
    return _load(resources.files("forcegen") / "data" / "public")


def _load(root: Traversable) -> PublicDataset:
    sources = _records(root, SOURCES_FILE, Source)
    positions = _records(root, POSITIONS_FILE, Position)
    pledges = _records(root, PLEDGES_FILE, Pledge)
    source_ids = {source.id for _, source in sources}
    for number, position in positions:
        _check_code(POSITIONS_FILE, number, "actor_code", position.actor_code, COALITION_ACTOR)
        _check_cited(POSITIONS_FILE, number, "source_id", (position.source_id,), source_ids)
    for number, pledge in pledges:
        _check_code(PLEDGES_FILE, number, "contributor", pledge.contributor, None)
        _check_cited(PLEDGES_FILE, number, "source_ids", pledge.source_ids, source_ids)
        if pledge.level is not Level.REPORTED:
            raise _error(PLEDGES_FILE, number, "level", f"is {pledge.level}, not reported")
    return PublicDataset(
        sources=tuple(source for _, source in sources),
        positions=tuple(position for _, position in positions),
        pledges=tuple(pledge for _, pledge in pledges),
    )


def _records(root: Traversable, filename: str, model: type[M]) -> list[tuple[int, M]]:
    """The file's records with their row numbers (the header is row 1)."""
    records: list[tuple[int, M]] = []
    seen: set[str] = set()
    for number, cells in _rows(root, filename):
        values = {name: _value(name, text) for name, text in cells.items() if text != ""}
        try:
            record = model.model_validate(values)
        except ValidationError as err:
            loc, message = describe_error(err.errors()[0], model)
            raise _error(filename, number, str(loc[0]) if loc else "-", message) from err
        record_id = str(getattr(record, "id"))  # noqa: B009 - every dataset model has an id
        if record_id in seen:
            raise _error(filename, number, "id", f"{record_id!r} is used by an earlier row")
        seen.add(record_id)
        records.append((number, record))
    return records


def _rows(root: Traversable, filename: str) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        text = root.joinpath(filename).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(f"{filename}: cannot be read ({err}). {_FIX}") from err
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    if len(set(header)) != len(header):
        raise DataFileError(f"{filename}: the header names a column twice. {_FIX}")
    for number, record in enumerate(reader, start=2):
        if not any(record):
            continue
        if len(record) != len(header):
            raise _error(filename, number, "-", f"has {len(record)} cells, not {len(header)}")
        yield number, dict(zip(header, record, strict=True))


def _value(column: str, text: str) -> str | list[str]:
    if column in _LIST_COLUMNS:
        return [part.strip() for part in text.split(";") if part.strip()]
    return text


def _check_code(filename: str, number: int, column: str, code: str, also: str | None) -> None:
    if code == also:
        return
    try:
        normalise_code(code)
    except UnknownParticipantError as err:
        raise _error(filename, number, column, err.message) from err


def _check_cited(
    filename: str, number: int, column: str, cited: Iterable[str], source_ids: Collection[str]
) -> None:
    cited = tuple(cited)
    if not cited:
        raise _error(filename, number, column, "cites no source")
    for source_id in cited:
        if source_id not in source_ids:
            raise _error(filename, number, column, f"cites {source_id!r}, not in {SOURCES_FILE}")


def _error(filename: str, number: int, column: str, message: str) -> DataFileError:
    text = message.rstrip(".")
    return DataFileError(f"{filename}, row {number}, column {column!r}: {text}. {_FIX}")
