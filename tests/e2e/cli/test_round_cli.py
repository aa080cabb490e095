"""`forcegen round …` end to end: the commands a coordinator types, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import forcegen.cli.round as round_cli
from forcegen.cli import app, context
from forcegen.cli.round import round_app


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
    return cli.invoke(app, ["round", *args], catch_exceptions=False)


def create_round(cli: CliRunner) -> str:
    result = run(cli, "create", "--title", "August round", "--deadline", "2099-09-30", "--json")
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["id"])


def statuses(cli: CliRunner, round_id: str) -> dict[str, str]:
    result = run(cli, "status", round_id, "--json")
    assert result.exit_code == 0, result.output
    return {row["participant_code"]: row["status"] for row in json.loads(result.stdout)["invitees"]}


def read_links(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_create_prints_the_id_and_the_next_step(cli: CliRunner) -> None:
    result = run(cli, "create", "--title", "August round", "--deadline", "2099-09-30")

    assert result.exit_code == 0
    assert "created: 'August round', deadline 2099-09-30 23:59 UTC" in result.stdout
    assert "Next: forcegen round invite" in result.stdout


def test_create_as_json_names_the_questionnaire(cli: CliRunner) -> None:
    result = run(cli, "create", "--title", "T", "--deadline", "2099-09-30T18:00+02:00", "--json")

    data = json.loads(result.stdout)
    assert data["questionnaire"] == "default"
    assert data["deadline"] == "2099-09-30T16:00:00+00:00"
    assert data["status"] == "open"


def test_a_malformed_deadline_is_named(cli: CliRunner) -> None:
    result = run(cli, "create", "--title", "T", "--deadline", "30/09/2099")

    assert result.exit_code == 1
    assert "Deadline '30/09/2099' is not a date" in result.stderr


def test_invite_then_status_shows_every_invitee_as_invited(cli: CliRunner) -> None:
    round_id = create_round(cli)

    invited = run(cli, "invite", round_id, "FRA", "deu", "POL,GBR", "EU")

    assert invited.exit_code == 0
    assert "Invited 5." in invited.stdout
    assert statuses(cli, round_id) == dict.fromkeys(["DEU", "EU", "FRA", "GBR", "POL"], "invited")
    table = run(cli, "status", round_id)
    assert "invited: 5" in table.stdout


def test_an_unknown_code_fails_with_a_suggestion(cli: CliRunner) -> None:
    round_id = create_round(cli)

    result = run(cli, "invite", round_id, "FRX")

    assert result.exit_code == 1
    assert "Unknown participant code 'FRX'" in result.stderr
    assert statuses(cli, round_id) == {}


def test_an_unknown_round_fails_with_the_way_to_find_ids(cli: CliRunner) -> None:
    result = run(cli, "status", "nope")

    assert result.exit_code == 1
    assert "No round with id 'nope'" in result.stderr
    assert "forcegen round list" in result.stderr


def test_list_shows_the_rounds(cli: CliRunner) -> None:
    round_id = create_round(cli)

    result = run(cli, "list")

    assert round_id in result.stdout
    assert "August round" in result.stdout


def test_links_writes_a_private_csv_of_new_links(cli: CliRunner, tmp_path: Path) -> None:
    round_id = create_round(cli)
    run(cli, "invite", round_id, "FRA", "EU")
    output = tmp_path / "links.csv"

    result = run(
        cli, "links", round_id, "--output", str(output), "--base-url", "https://fg.example.org/"
    )

    assert result.exit_code == 0
    assert "Wrote 2 links" in result.stdout
    rows = read_links(output)
    assert [row["participant_code"] for row in rows] == ["EU", "FRA"]
    assert rows[1]["participant_name"] == "France"
    assert all(row["link"].startswith("https://fg.example.org/respond/") for row in rows)
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


def test_links_leave_opened_invitations_alone_unless_asked(cli: CliRunner, tmp_path: Path) -> None:
    round_id = create_round(cli)
    run(cli, "invite", round_id, "FRA")
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    run(cli, "links", round_id, "--output", str(first))
    token = read_links(first)[0]["link"].rsplit("/", 1)[1]
    from forcegen.service.responding import answering

    services = context.services()
    answering.open_invitation(uow=services.uow(), catalog=services.catalog, token=token)

    without = run(cli, "links", round_id, "--output", str(second))
    assert read_links(second) == []
    assert "add --include-opened" in without.stdout
    run(cli, "links", round_id, "--output", str(second), "--include-opened")
    assert [row["participant_code"] for row in read_links(second)] == ["FRA"]


def test_links_neutralise_cells_a_spreadsheet_would_run(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_id = create_round(cli)
    run(cli, "invite", round_id, "FRA")
    monkeypatch.setattr(round_cli, "participant_name", lambda code: '=HYPERLINK("x")')
    output = tmp_path / "links.csv"

    run(cli, "links", round_id, "--output", str(output))

    assert read_links(output)[0]["participant_name"] == '\'=HYPERLINK("x")'


def test_a_bad_base_url_is_refused_before_any_link_is_issued(
    cli: CliRunner, tmp_path: Path
) -> None:
    round_id = create_round(cli)
    run(cli, "invite", round_id, "FRA")

    result = run(cli, "links", round_id, "-o", str(tmp_path / "x.csv"), "--base-url", "fg.org")

    assert result.exit_code == 1
    assert "--base-url 'fg.org' is not a web address" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_close_stops_further_invitations(cli: CliRunner) -> None:
    round_id = create_round(cli)

    closed = run(cli, "close", round_id)
    refused = run(cli, "invite", round_id, "FRA")

    assert closed.exit_code == 0
    assert f"Round {round_id} ('August round') closed at" in closed.stdout
    assert refused.exit_code == 1
    assert "was closed" in refused.stderr
    assert json.loads(run(cli, "status", round_id, "--json").stdout)["round"]["status"] == "closed"


def test_every_round_command_has_help_text() -> None:
    commands = round_app.registered_commands

    assert {c.name for c in commands} == {"create", "list", "invite", "status", "close", "links"}
    assert all(c.callback is not None and c.callback.__doc__ for c in commands)
