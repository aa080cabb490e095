"""Loading the public dataset refuses a damaged file with the file, row and column to fix."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from forcegen.catalog.public_dataset import load_public_dataset
from forcegen.files.public_bundle import read_bundle
from forcegen.model.errors import DataFileError, NotFoundError

FILES = ("sources.csv", "positions.csv", "pledges.csv")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    packaged = resources.files("forcegen") / "data" / "public"
    for name in FILES:
        (tmp_path / name).write_text(
            packaged.joinpath(name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    return tmp_path


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; `row` counts as a spreadsheet does (the header is row 1)."""
    with path.open(encoding="utf-8", newline="") as file:
        records = list(csv.DictReader(file))
    records[row - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)


def test_a_copy_of_the_packaged_files_loads_like_the_packaged_dataset(data_dir: Path) -> None:
    assert load_public_dataset(data_dir) == load_public_dataset()


@pytest.mark.parametrize(
    ("filename", "column", "value", "expected"),
    [
        ("positions.csv", "date", "17/02/2025", "positions.csv, row 5, column 'date'"),
        ("positions.csv", "topic", "troops", "positions.csv, row 5, column 'topic'"),
        ("positions.csv", "actor_code", "FRANCE", "Did you mean 'FRA'?"),
        ("positions.csv", "source_id", "src-missing", "cites 'src-missing', not in sources.csv"),
        ("positions.csv", "quantity", "lots", "positions.csv, row 5, column 'quantity'"),
        ("sources.csv", "reliability", "gossip", "sources.csv, row 5, column 'reliability'"),
        ("pledges.csv", "level", "stated", "pledges.csv, row 5, column 'level'"),
        ("pledges.csv", "source_ids", "", "pledges.csv, row 5, column 'source_ids'"),
    ],
    ids=[
        "bad-date",
        "unknown-topic",
        "unknown-country",
        "missing-source",
        "quantity-not-a-number",
        "unknown-reliability",
        "pledge-not-reported",
        "pledge-without-source",
    ],
)
def test_a_bad_cell_stops_loading_naming_file_row_and_column(
    data_dir: Path, filename: str, column: str, value: str, expected: str
) -> None:
    set_cell(data_dir / filename, 5, column, value)

    with pytest.raises(DataFileError) as caught:
        load_public_dataset(data_dir)

    assert expected in caught.value.message
    assert "scripts/build_public_dataset.py" in caught.value.message


def test_a_missing_file_is_named(data_dir: Path) -> None:
    (data_dir / "pledges.csv").unlink()

    with pytest.raises(DataFileError, match=r"^pledges\.csv: cannot be read"):
        load_public_dataset(data_dir)


def test_a_repeated_id_is_refused(data_dir: Path) -> None:
    with (data_dir / "sources.csv").open(encoding="utf-8") as file:
        second_row = file.read().splitlines()[1]
    with (data_dir / "sources.csv").open("a", encoding="utf-8") as file:
        file.write(second_row + "\n")

    with pytest.raises(DataFileError, match=r"sources\.csv, row \d+, column 'id'.*earlier row"):
        load_public_dataset(data_dir)


def test_asking_for_an_unknown_source_says_so() -> None:
    with pytest.raises(NotFoundError, match="src-nowhere"):
        load_public_dataset().source("src-nowhere")


def test_the_interchange_reader_reads_the_packaged_files_to_the_same_values() -> None:
    packaged = resources.files("forcegen") / "data" / "public"
    dataset = load_public_dataset()

    with resources.as_file(packaged) as directory:
        parsed = read_bundle(directory, known_source_ids=set())

    assert parsed.problems == []
    assert (tuple(parsed.sources), tuple(parsed.positions), tuple(parsed.pledges)) == (
        dataset.sources,
        dataset.positions,
        dataset.pledges,
    )


def test_the_shipped_files_are_what_the_build_script_makes_of_its_inputs() -> None:
    repo = Path(__file__).resolve().parents[3]
    shared = Path(os.environ.get("FORCEGEN_SHARED") or repo.parent / "shared")
    if not (shared / "reference" / "public-positions.csv").is_file():
        pytest.skip("the collected reference file is not next to this checkout")

    done = subprocess.run(
        [sys.executable, str(repo / "scripts" / "build_public_dataset.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr
