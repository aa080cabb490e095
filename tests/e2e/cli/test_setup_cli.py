"""`forcegen init`, `questionnaire`, `participants`, `drivers`, `audit verify` and `--help`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner, Result

from forcegen.cli import app, context

PASSWORD = "correct horse battery staple"


@pytest.fixture
def cli(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """A runner whose `forcegen` reads the test database (SQLite or PostgreSQL)."""
    monkeypatch.setenv("FORCEGEN_DATABASE_URL", database_url)
    monkeypatch.setenv("FORCEGEN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FORCEGEN_SECRET_KEY", "k" * 48)
    context.reset()
    yield CliRunner()
    context.reset()


def run(cli: CliRunner, *args: str, stdin: str | None = None) -> Result:
    return cli.invoke(app, list(args), input=stdin, catch_exceptions=False)


def words(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


class TestInit:
    def test_creates_a_coordinator_and_says_how_to_log_in(self, cli: CliRunner) -> None:
        result = run(cli, "init", "--username", "planner", "--password", PASSWORD)

        assert result.exit_code == 0, result.output
        assert "Coordinator 'planner' created" in result.stdout
        assert "forcegen serve" in result.stdout

    def test_prompts_when_options_are_missing(self, cli: CliRunner) -> None:
        result = run(cli, "init", stdin=f"planner\n{PASSWORD}\n{PASSWORD}\n")

        assert result.exit_code == 0, result.output
        assert "Coordinator 'planner' created" in result.stdout

    def test_a_short_password_is_refused_with_the_rule(self, cli: CliRunner) -> None:
        result = run(cli, "init", "--username", "planner", "--password", "short")

        assert result.exit_code == 1
        assert "Password is too short (5 characters): use at least 12" in result.stderr


def test_questionnaire_show_lists_six_questions_with_their_audience(cli: CliRunner) -> None:
    result = run(cli, "questionnaire", "show")

    assert result.exit_code == 0
    shown = words(result.stdout)
    for key in ("us_support", "participants", "troops", "if_attacked", "support_for_ukraine"):
        assert key in shown
    assert "sanctions" in shown
    assert "members of EU" in shown or "EU members" in shown


def test_questionnaire_export_round_trips_through_the_loader(
    cli: CliRunner, tmp_path: Path
) -> None:
    from forcegen.catalog import load_questionnaire_file

    output = tmp_path / "copy.yaml"
    result = run(cli, "questionnaire", "export", "--output", str(output))

    assert result.exit_code == 0
    assert len(load_questionnaire_file(output).questions) == 6


def test_an_unknown_questionnaire_is_named(cli: CliRunner) -> None:
    result = run(cli, "questionnaire", "show", "nosuch")

    assert result.exit_code == 1
    assert "No questionnaire 'nosuch'. Known: default." in result.stderr


def test_participants_list_shows_reference_figures_for_eu_members(cli: CliRunner) -> None:
    result = run(cli, "participants", "--member-of", "EU", "--with-figures")

    shown = words(result.stdout)
    assert "DEU" in shown
    assert "4,684.2" in shown  # IMF WEO Oct 2025, 2024 GDP in US$ bn
    assert "GBR" not in shown


def test_drivers_and_capabilities_are_listed(cli: CliRunner) -> None:
    assert "us.air_cover" in run(cli, "drivers").stdout
    assert "land.combat" in run(cli, "capabilities").stdout


class TestAuditVerify:
    def test_an_intact_log_verifies(self, cli: CliRunner) -> None:
        run(cli, "init", "--username", "planner", "--password", PASSWORD)

        result = run(cli, "audit", "verify")

        assert result.exit_code == 0
        assert "Audit log intact" in result.stdout

    def test_a_row_edited_in_the_database_is_detected(
        self, cli: CliRunner, database_url: str
    ) -> None:
        run(cli, "init", "--username", "planner", "--password", PASSWORD)
        run(cli, "init", "--username", "analyst2", "--password", PASSWORD)
        context.reset()
        engine = sa.create_engine(database_url)
        with engine.begin() as connection:
            connection.execute(sa.text("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1"))
        engine.dispose()

        result = run(cli, "audit", "verify")

        assert result.exit_code == 1
        assert "Audit log BROKEN" in result.stderr
        assert "entry 1 was altered: its content no longer matches its hash" in result.stderr

    def test_head_prints_seq_and_hash_and_verify_compares_with_it(self, cli: CliRunner) -> None:
        run(cli, "init", "--username", "planner", "--password", PASSWORD)
        head = run(cli, "audit", "head").stdout.strip()
        run(cli, "init", "--username", "planner2", "--password", PASSWORD)

        result = run(cli, "audit", "verify", "--expect-head", head)

        assert re.fullmatch(r"1:[0-9a-f]{64}", head)
        assert result.exit_code == 0, result.output
        assert "Audit log intact: 2 entries verified. Head: 2:" in words(result.stdout)

    def test_removed_newest_entries_fail_against_the_recorded_head(
        self, cli: CliRunner, database_url: str
    ) -> None:
        run(cli, "init", "--username", "planner", "--password", PASSWORD)
        run(cli, "init", "--username", "planner2", "--password", PASSWORD)
        head = run(cli, "audit", "head").stdout.strip()
        context.reset()
        engine = sa.create_engine(database_url)
        with engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM audit_log WHERE seq = 2"))
        engine.dispose()

        assert run(cli, "audit", "verify").exit_code == 0  # the chain alone cannot tell
        result = run(cli, "audit", "verify", "--expect-head", head)

        assert result.exit_code == 1
        assert "the log ends at entry 1: entries 2 to 2 were removed" in words(result.stderr)

    def test_a_malformed_head_is_one_line_saying_the_form(self, cli: CliRunner) -> None:
        result = run(cli, "audit", "verify", "--expect-head", "yesterday")

        assert result.exit_code == 1
        assert "'yesterday' is not an audit head: give it as SEQ:HASH" in words(result.stderr)

    def test_head_of_an_empty_log_says_so(self, cli: CliRunner) -> None:
        result = run(cli, "audit", "head")

        assert result.exit_code == 1
        assert "The audit log is empty" in result.stderr


def _commands(command: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for name, sub in getattr(command, "commands", {}).items():
        found.append((" ".join((*prefix, name)), sub))
        found.extend(_commands(sub, (*prefix, name)))
    return found


def test_every_command_has_help_text() -> None:
    import typer.main

    commands = _commands(typer.main.get_command(app))

    assert len(commands) > 15
    missing = [path for path, command in commands if not getattr(command, "help", None)]
    assert missing == []
