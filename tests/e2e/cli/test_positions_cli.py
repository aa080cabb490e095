"""`forcegen positions import|export` end to end, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import forcegen.cli.positions  # attaches the `positions` commands
from forcegen.cli import app, context
from forcegen.files.public_bundle import read_bundle

DATASET = Path(forcegen.cli.positions.__file__).parents[1] / "data" / "public"


@pytest.fixture
def cli(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """A runner whose `forcegen` reads the test database (SQLite or PostgreSQL)."""
    monkeypatch.setenv("FORCEGEN_DATABASE_URL", database_url)
    monkeypatch.setenv("FORCEGEN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FORCEGEN_SECRET_KEY", "k" * 48)
    context.reset()
    yield CliRunner()
    context.reset()


def run(cli: CliRunner, *args: str) -> Result:
    return cli.invoke(app, ["positions", *args], catch_exceptions=False)


def counts(result: Result, table: str) -> list[str]:
    """The new, changed and unchanged counts of one table in the summary."""
    [line] = [line for line in result.stdout.splitlines() if f" {table} " in line]
    return [cell.strip() for cell in line.strip("│┃ ").split("│")][1:]


def test_importing_the_shipped_dataset_reports_every_row_as_new(cli: CliRunner) -> None:
    result = run(cli, "import", str(DATASET))

    assert result.exit_code == 0, result.output
    dataset = read_bundle(DATASET)
    assert counts(result, "positions") == [str(len(dataset.positions)), "0", "0"]
    assert counts(result, "sources") == [str(len(dataset.sources)), "0", "0"]


def test_importing_the_same_file_again_changes_nothing(cli: CliRunner) -> None:
    run(cli, "import", str(DATASET))

    result = run(cli, "import", str(DATASET / "positions.csv"))

    assert result.exit_code == 0
    assert counts(result, "positions")[:2] == ["0", "0"]
    assert "Nothing to import: the database already holds this data." in result.stdout


def test_a_dry_run_shows_what_would_change_and_writes_nothing(
    cli: CliRunner, tmp_path: Path
) -> None:
    dry = run(cli, "import", str(DATASET), "--dry-run")
    real = run(cli, "import", str(DATASET))

    assert dry.exit_code == 0
    assert "Dry run: nothing was written." in dry.stdout
    assert counts(real, "positions") == counts(dry, "positions")


def test_bad_rows_are_listed_with_row_and_column_and_nothing_is_imported(
    cli: CliRunner, tmp_path: Path
) -> None:
    run(cli, "export", "--format", "csv", "--output", str(tmp_path / "empty.csv"))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "sources.csv").write_bytes((DATASET / "sources.csv").read_bytes())
    rows = list(csv.reader((DATASET / "positions.csv").open(encoding="utf-8-sig")))
    rows[6][rows[0].index("date")] = "2025-13-01"
    rows[9][rows[0].index("actor_code")] = "XYZ"
    with (bad / "positions.csv").open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)

    result = run(cli, "import", str(bad))
    after = run(cli, "export", "--format", "json", "--output", str(tmp_path / "after.json"))

    assert result.exit_code == 1
    assert "2 problem(s)" in result.stderr
    assert "nothing was imported" in result.stderr
    assert "positions: row 7, column date: '2025-13-01' is not a date" in result.stderr
    assert "positions: row 10, column actor_code: 'XYZ' is not a known country" in result.stderr
    assert "Exported 0 sources, 0 positions and 0 pledges" in after.stdout


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_an_export_imports_back_unchanged(cli: CliRunner, tmp_path: Path, file_format: str) -> None:
    run(cli, "import", str(DATASET))
    target = tmp_path / f"public.{file_format}"

    exported = run(cli, "export", "--format", file_format, "--output", str(target))
    again = run(cli, "import", str(target))

    assert exported.exit_code == 0, exported.output
    assert again.exit_code == 0, again.output
    assert "Nothing to import" in again.stdout
    dataset, written = read_bundle(DATASET), read_bundle(target)
    assert sorted(written.positions, key=lambda p: p.id) == sorted(
        dataset.positions, key=lambda p: p.id
    )


def test_a_csv_export_is_three_files_named_after_the_tables(cli: CliRunner, tmp_path: Path) -> None:
    result = run(cli, "export", "--output", str(tmp_path / "out" / "public.csv"))

    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert names == ["public.pledges.csv", "public.positions.csv", "public.sources.csv"]


def test_a_missing_file_is_named_with_what_was_expected(cli: CliRunner, tmp_path: Path) -> None:
    result = run(cli, "import", str(tmp_path / "nothing.csv"))

    assert result.exit_code == 1
    assert "No CSV file found" in result.stderr
    assert "nothing.positions.csv" in result.stderr


def test_the_help_explains_how_csv_bundles_are_named(cli: CliRunner) -> None:
    result = run(cli, "import", "--help")

    assert "FILE.sources.csv" in result.stdout
    assert "--dry-run" in result.stdout
