"""What an operator meets on a bad day: every mistake is one line on stderr saying what to do,
nothing is created that was not asked for, a failed export changes nothing, and what forcegen
creates is readable by its owner only."""

from __future__ import annotations

import csv
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from forcegen.cli import app, context
from forcegen.service.responding import answering

PASSWORD = "correct horse battery staple"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """A runner over an SQLite file under tmp_path/var, with no secret key set (it is made)."""
    monkeypatch.setenv("FORCEGEN_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("FORCEGEN_DATABASE_URL", raising=False)
    monkeypatch.delenv("FORCEGEN_SECRET_KEY", raising=False)
    umask = os.umask(0o022)  # a usual umask: forcegen must tighten it by itself
    context.reset()
    yield CliRunner()
    context.reset()
    os.umask(umask)


def run(cli: CliRunner, *args: str) -> Result:
    return cli.invoke(app, list(args), catch_exceptions=False)


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return " ".join(lines[0].split())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


class TestOneLineErrors:
    def test_an_unknown_export_format_names_the_known_ones(
        self, cli: CliRunner, tmp_path: Path
    ) -> None:
        result = run(cli, "positions", "export", "--format", "pdf", "--output", "x.pdf")

        assert "--format 'pdf' is not supported: use one of csv, xlsx, json" in one_line_error(
            result
        )

    def test_an_unreachable_postgresql_names_the_setting_without_the_password(
        self, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        url = "postgresql+psycopg://planner:hunter2secret@127.0.0.1:9/forcegen"
        monkeypatch.setenv("FORCEGEN_DATABASE_URL", url)

        line = one_line_error(run(cli, "round", "list"))

        assert "Cannot use the database postgresql+psycopg://planner:***@127.0.0.1:9" in line
        assert "FORCEGEN_DATABASE_URL" in line
        assert "hunter2secret" not in line

    def test_a_file_that_is_not_a_database_is_named(
        self, cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        notes = tmp_path / "notes.db"
        notes.write_text("meeting notes, not a database\n" * 100)
        monkeypatch.setenv("FORCEGEN_DATABASE_URL", f"sqlite:///{notes}")

        line = one_line_error(run(cli, "audit", "verify"))

        assert f"Cannot use the database sqlite:///{notes} (file is not a database)" in line

    def test_an_export_into_a_missing_folder_creates_nothing(
        self, cli: CliRunner, tmp_path: Path
    ) -> None:
        target = tmp_path / "nonexistent" / "dir" / "x.xlsx"

        line = one_line_error(
            run(cli, "export", "--public", "--format", "xlsx", "--output", str(target))
        )

        assert f"Could not use '{target}': No such file or directory" in line
        assert not (tmp_path / "nonexistent").exists()

    def test_a_positions_export_into_a_missing_folder_creates_nothing(
        self, cli: CliRunner, tmp_path: Path
    ) -> None:
        target = tmp_path / "nowhere" / "positions.json"

        one_line_error(run(cli, "positions", "export", "--output", str(target)))

        assert not (tmp_path / "nowhere").exists()


class TestLinksExport:
    def test_a_failed_links_export_keeps_the_links_already_sent(
        self, cli: CliRunner, tmp_path: Path
    ) -> None:
        created = run(cli, "round", "create", "--title", "R", "--deadline", "2099-09-30", "--json")
        round_id = json.loads(created.stdout)["id"]
        run(cli, "round", "invite", round_id, "FRA")
        sent = tmp_path / "sent.csv"
        run(cli, "round", "links", round_id, "--output", str(sent))
        with sent.open(encoding="utf-8", newline="") as handle:
            token = next(csv.DictReader(handle))["link"].rsplit("/", 1)[1]

        typo = run(cli, "round", "links", round_id, "--output", str(tmp_path / "nope" / "x.csv"))

        assert "No such file or directory" in one_line_error(typo)
        services = context.services()
        opened = answering.open_invitation(
            uow=services.uow(), catalog=services.catalog, token=token
        )
        assert opened.participant.code == "FRA"


class TestPrivateFiles:
    def test_database_secret_key_and_folder_are_owner_only(
        self, cli: CliRunner, tmp_path: Path
    ) -> None:
        result = run(cli, "init", "--username", "planner", "--password", PASSWORD)

        assert result.exit_code == 0, result.output
        data_dir = tmp_path / "var"
        assert mode(data_dir) == 0o700
        assert mode(data_dir / "forcegen.db") == 0o600
        assert mode(data_dir / "secret_key") == 0o600
        assert all(mode(path) == 0o600 for path in data_dir.glob("forcegen.db*"))

    @pytest.mark.parametrize("suffix", ["xlsx", "json", "markdown"])
    def test_exports_are_owner_only(self, cli: CliRunner, tmp_path: Path, suffix: str) -> None:
        target = tmp_path / f"brief.{suffix}"

        result = run(cli, "export", "--public", "--format", suffix, "--output", str(target))

        assert result.exit_code == 0, result.output
        assert mode(target) == 0o600

    def test_a_csv_export_folder_is_owner_only(self, cli: CliRunner, tmp_path: Path) -> None:
        target = tmp_path / "tables"

        run(cli, "positions", "export", "--format", "csv", "--output", str(target))

        assert mode(target) == 0o700
        assert {mode(path) for path in target.iterdir()} == {0o600}


class TestBackupAndRestore:
    def test_backup_then_restore_into_a_new_folder_verifies(
        self, cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        run(cli, "init", "--username", "planner", "--password", PASSWORD)
        backup = tmp_path / "forcegen-backup.zip"

        made = run(cli, "backup", "--output", str(backup))
        monkeypatch.setenv("FORCEGEN_DATA_DIR", str(tmp_path / "restored"))
        context.reset()
        restored = run(cli, "restore", str(backup))

        assert made.exit_code == 0, made.output
        assert mode(backup) == 0o600
        assert restored.exit_code == 0, restored.output
        assert "Restored and verified: sqlite" in " ".join(restored.stdout.split())
        assert mode(tmp_path / "restored" / "forcegen.db") == 0o600

    def test_restore_over_a_database_in_use_is_refused(
        self, cli: CliRunner, tmp_path: Path
    ) -> None:
        run(cli, "init", "--username", "planner", "--password", PASSWORD)
        backup = tmp_path / "forcegen-backup.zip"
        run(cli, "backup", "--output", str(backup))

        line = one_line_error(run(cli, "restore", str(backup)))

        assert "a restore goes into an empty database only" in line
