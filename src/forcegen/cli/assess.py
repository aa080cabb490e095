"""`forcegen assess` and `forcegen export`: the assessment in the terminal and in files.

    forcegen assess --round b99cb4d808ae --scenario no_us_support --set peace_agreement=true
    forcegen assess --public --format markdown
    forcegen export --round b99cb4d808ae --format xlsx --output brief.xlsx

Both commands take the same selection options and call `service.assessment.assessing`, as
the dashboard does, so the numbers agree everywhere.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from forcegen.analysis.assessment import Assessment
from forcegen.cli import context
from forcegen.cli.app import app
from forcegen.cli.assess_view import print_assessment
from forcegen.model.errors import InvalidInputError
from forcegen.reports import (
    ExportFormat,
    assessment_json,
    assessment_markdown,
    assessment_tables,
    export_assessment,
)
from forcegen.service.assessment import assessing
from forcegen.service.assessment.selection import DEFAULT_REQUIREMENT, DEFAULT_SCENARIO
from forcegen.service.rounds import coordinating

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


class FileFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"


_ROUND = typer.Option(
    None, "--round", help="Assess this round's answers (see `forcegen round list`)."
)
_PUBLIC = typer.Option(False, "--public", help="Assess the pledges reported in public sources.")
_REQUIREMENT = typer.Option(DEFAULT_REQUIREMENT, "--requirement", help="Requirement profile key.")
_SCENARIO = typer.Option(DEFAULT_SCENARIO, "--scenario", help="Scenario key.")
_SET = typer.Option(
    None, "--set", help="Set a driver, e.g. --set us.isr=true (repeatable).", metavar="DRIVER=BOOL"
)
_FLOOR = typer.Option(
    "reported",
    "--level-floor",
    help="Count only pledges at this level or firmer: reported, "
    "stated, offered, committed, allocated, deployed.",
)
_FIXPOINT = typer.Option(
    "greatest", "--fixpoint", help="greatest: all move together; least: nobody moves first."
)


@app.command("assess")
def assess_command(
    round_id: str | None = _ROUND,
    public: bool = _PUBLIC,
    requirement: str = _REQUIREMENT,
    scenario: str = _SCENARIO,
    settings: list[str] | None = _SET,
    level_floor: str = _FLOOR,
    fixpoint: str = _FIXPOINT,
    output_format: OutputFormat = typer.Option(
        OutputFormat.TABLE, "--format", help="table (terminal), json or markdown."
    ),
) -> None:
    """Assess what force the pledges add up to, under which conditions, and the gaps."""
    assessment = _assess(round_id, public, requirement, scenario, settings, level_floor, fixpoint)
    if output_format is OutputFormat.JSON:
        typer.echo(assessment_json(assessment_tables(assessment)))
    elif output_format is OutputFormat.MARKDOWN:
        typer.echo(assessment_markdown(assessment.title, assessment_tables(assessment)))
    else:
        print_assessment(_out, assessment)


@app.command("export")
def export_command(
    output: Path = typer.Option(
        ..., "--output", help="File to write; for csv, a directory (one file per table)."
    ),
    file_format: FileFormat = typer.Option(..., "--format", help="xlsx, csv, json or markdown."),
    round_id: str | None = _ROUND,
    public: bool = _PUBLIC,
    requirement: str = _REQUIREMENT,
    scenario: str = _SCENARIO,
    settings: list[str] | None = _SET,
    level_floor: str = _FLOOR,
    fixpoint: str = _FIXPOINT,
) -> None:
    """Export the assessment's tables: xlsx (a sheet per table), csv (a file per table in a
    directory), json or markdown. Every figure's pledges and sources are in the export."""
    assessment = _assess(round_id, public, requirement, scenario, settings, level_floor, fixpoint)
    written = export_assessment(assessment, format=ExportFormat(file_format.value), output=output)
    where = output if file_format is FileFormat.CSV else written[0]
    _out.print(f"Wrote {len(written)} file(s) to {where}.")


def _assess(
    round_id: str | None,
    public: bool,
    requirement: str,
    scenario: str,
    settings: list[str] | None,
    level_floor: str,
    fixpoint: str,
) -> Assessment:
    services = context.services()
    chosen_round = _data_choice(round_id, public)
    selection = assessing.select(
        services.catalog,
        requirement=requirement,
        scenario=scenario,
        overrides=dict(assessing.parse_override(text) for text in settings or ()),
        level_floor=level_floor,
        fixpoint=fixpoint,
    )
    with _err.status("Assessing..."):
        return assessing.run_assessment(
            uow=services.uow(), catalog=services.catalog, selection=selection, round_id=chosen_round
        )


def _data_choice(round_id: str | None, public: bool) -> str | None:
    """The round to assess, or None for the public record; exactly one must be chosen."""
    if round_id is not None and public:
        raise InvalidInputError("Choose either --round ROUND_ID or --public, not both.")
    if round_id is None and not public:
        services = context.services()
        listed = coordinating.list_rounds(uow=services.uow())
        known = ", ".join(f"{r.id} ({r.title})" for r in listed[:5]) or "none yet"
        raise InvalidInputError(
            f"Say what to assess: --round ROUND_ID for a round's answers (rounds: {known}), "
            "or --public for the pledges reported in public sources."
        )
    return round_id
