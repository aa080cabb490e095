"""`forcegen compare`: why two views of the same sources differ, pledge by pledge.

forcegen compare --round b99cb4d808ae --public          the round against the record
forcegen compare --public --versus-scenario full_backstop   one record, two scenarios
"""

from __future__ import annotations

import json

import typer
from rich.console import Console

from forcegen.analysis.difference import Differences
from forcegen.cli import context
from forcegen.cli.app import app
from forcegen.model.errors import InvalidInputError
from forcegen.reports.differences import differences_json, differences_text
from forcegen.service.assessment import assessing, comparing
from forcegen.service.assessment.comparing import View
from forcegen.service.assessment.selection import DEFAULT_REQUIREMENT, DEFAULT_SCENARIO

_out = Console(highlight=False, soft_wrap=True)


@app.command("compare")
def compare_command(
    round_id: str | None = typer.Option(None, "--round", help="A round's answers."),
    public: bool = typer.Option(False, "--public", help="The pledges reported in public sources."),
    scenario: str = typer.Option(DEFAULT_SCENARIO, "--scenario", help="Scenario key."),
    versus_scenario: str | None = typer.Option(
        None, "--versus-scenario", help="Compare the same data under this scenario instead."
    ),
    requirement: str = typer.Option(DEFAULT_REQUIREMENT, "--requirement", help="Profile key."),
    output_format: str = typer.Option("table", "--format", help="table, json or markdown."),
) -> None:
    """Explain, pledge by pledge, why two views differ: a round against the public record
    (--round ID --public), or one of them under two scenarios (--versus-scenario KEY)."""
    services = context.services()
    catalog = services.catalog
    left, right = (
        View(
            assessing.select(catalog, requirement=requirement, scenario=scenario_key),
            round_choice,
            name,
        )
        for round_choice, scenario_key, name in _views(round_id, public, scenario, versus_scenario)
    )
    found = comparing.compare(uow=services.uow, catalog=catalog, left=left, right=right)
    typer.echo(_render(found, output_format))


def _views(
    round_id: str | None, public: bool, scenario: str, versus: str | None
) -> list[tuple[str | None, str, str]]:
    """(round or None, scenario, name) of the two views."""
    if versus is not None:
        if (round_id is None) == (not public) or (round_id is not None and public):
            raise InvalidInputError(
                "With --versus-scenario, choose one data set: --round ROUND_ID or --public."
            )
        return [
            (round_id, scenario, f"scenario {scenario}"),
            (round_id, versus, f"scenario {versus}"),
        ]
    if round_id is None or not public:
        raise InvalidInputError(
            "Say what to compare: --round ROUND_ID --public (a round against the public "
            "record), or one of them with --versus-scenario SCENARIO."
        )
    return [(round_id, scenario, "the round"), (None, scenario, "the public record")]


def _render(found: Differences, output_format: str) -> str:
    if output_format == "json":
        return json.dumps(differences_json(found), ensure_ascii=False, indent=2)
    return differences_text(found, is_markdown=output_format == "markdown")
