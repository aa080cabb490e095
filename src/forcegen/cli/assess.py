"""`forcegen assess`, `forcegen export` and `forcegen brief`: the assessment in the terminal,
in files and as a PDF brief.

    forcegen assess --round b99cb4d808ae --scenario no_us_support --set peace_agreement=true
    forcegen assess --public --format markdown --probability us.isr=0.4
    forcegen export --round b99cb4d808ae --format xlsx --output brief.xlsx
    forcegen brief --public --output brief.pdf

All three take the same selection options and call `service.assessment.assessing`, as
the dashboard does, so the numbers agree everywhere; `assess` adds how likely each
requirement is met and the pivotal contributors (`service.assessment.probability`).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from forcegen.analysis.assessment import Assessment
from forcegen.analysis.exact_likelihood import Runner
from forcegen.analysis.probability_report import ProbabilityReport
from forcegen.bootstrap import Services
from forcegen.cli import context
from forcegen.cli.app import app
from forcegen.cli.assess_view import print_assessment
from forcegen.cli.probability import (
    HONOURING,
    PIVOTAL_LINE,
    PROBABILITY,
    SAMPLES,
    SCHEDULER,
    SEED,
    WORKERS,
    Honouring,
    cluster_runner,
    print_probability,
    probability_options,
)
from forcegen.model.errors import InvalidInputError
from forcegen.reports import (
    ExportFormat,
    assessment_json,
    assessment_markdown,
    assessment_tables,
    export_assessment,
    headline,
)
from forcegen.reports.brief_document import brief_document
from forcegen.reports.brief_pdf import write_brief
from forcegen.reports.probability_brief import probability_section
from forcegen.reports.probability_tables import probability_tables
from forcegen.service.assessment import assessing
from forcegen.service.assessment.pledge_set import PledgeSet
from forcegen.service.assessment.probability import ProbabilityOptions, assess_probability
from forcegen.service.assessment.selection import (
    DEFAULT_REQUIREMENT,
    DEFAULT_SCENARIO,
    Selection,
)
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
_FAIR_SHARE = typer.Option(
    "willing",
    "--fair-share",
    help="Who the requirement is shared among for fair shares: willing (every government "
    "with a force pledge), respondents (every government that answered; for --public, that "
    "took a position on sending troops) or eu_nato (EU and NATO member states).",
)


@dataclass(frozen=True)
class _Choice:
    """What the selection options of `assess`, `export` and `brief` ask for."""

    round_id: str | None
    public: bool
    requirement: str
    scenario: str
    settings: list[str] | None
    level_floor: str
    fixpoint: str
    fair_share: str


_SELECTION = (
    ("round_id", str | None, _ROUND),
    ("public", bool, _PUBLIC),
    ("requirement", str, _REQUIREMENT),
    ("scenario", str, _SCENARIO),
    ("settings", list[str] | None, _SET),
    ("level_floor", str, _FLOOR),
    ("fixpoint", str, _FIXPOINT),
    ("fair_share", str, _FAIR_SHARE),
)


def _selection_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give `command` the selection options (--round ... --fair-share) as one `chosen`
    argument, so that `assess`, `export` and `brief` declare them once and read them alike.

    Typer reads the options from the wrapper's signature: the command's own, with the
    selection's standing where `chosen` stands.
    """
    selection = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=kind)
        for name, kind, option in _SELECTION
    ]
    parameters: list[inspect.Parameter] = []
    for parameter in inspect.signature(command, eval_str=True).parameters.values():
        if parameter.name == "chosen":
            parameters += selection
        else:
            parameters.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY))

    @functools.wraps(command)
    def with_selection(**values: Any) -> None:
        chosen = _Choice(**{name: values.pop(name) for name, _, _ in _SELECTION})
        command(chosen=chosen, **values)

    with_selection.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    with_selection.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_selection


@app.command("assess")
@_selection_options
def assess_command(
    chosen: _Choice,
    output_format: OutputFormat = typer.Option(
        OutputFormat.TABLE, "--format", help="table (terminal), json or markdown."
    ),
    probabilities: list[str] | None = PROBABILITY,
    honouring: Honouring = HONOURING,
    samples: int = SAMPLES,
    seed: int = SEED,
    pivotal_line: str | None = PIVOTAL_LINE,
    workers: int | None = WORKERS,
    scheduler: str | None = SCHEDULER,
) -> None:
    """Assess what force the pledges add up to, under which conditions, and the gaps; how
    likely each requirement is met, and which contributors are pivotal."""
    options = probability_options(probabilities, honouring, samples, seed, pivotal_line)
    with cluster_runner(workers, scheduler) as runner:
        assessment, report = _assess_with_probability(chosen, options, runner)
    tables = (*assessment_tables(assessment), *probability_tables(report))
    if output_format is OutputFormat.JSON:
        typer.echo(assessment_json(tables, report.as_json(), headline(assessment)))
    elif output_format is OutputFormat.MARKDOWN:
        typer.echo(assessment_markdown(assessment.title, tables))
    else:
        print_assessment(_out, assessment)
        print_probability(_out, report)


@app.command("export")
@_selection_options
def export_command(
    output: Path = typer.Option(
        ..., "--output", help="File to write; for csv, a directory (one file per table)."
    ),
    file_format: FileFormat = typer.Option(..., "--format", help="xlsx, csv, json or markdown."),
    *,
    chosen: _Choice,
) -> None:
    """Export the assessment's tables: xlsx (a sheet per table), csv (a file per table in a
    directory), json or markdown. Every figure's pledges and sources are in the export."""
    with _err.status("Assessing..."):
        services, pledge_set, selection = _read(chosen)
        assessment = assessing.assess(
            pledge_set=pledge_set, selection=selection, catalog=services.catalog
        )
    written = export_assessment(assessment, format=ExportFormat(file_format.value), output=output)
    where = output if file_format is FileFormat.CSV else written[0]
    _out.print(f"Wrote {len(written)} file(s) to {where}.")


@app.command("brief")
@_selection_options
def brief_command(
    chosen: _Choice,
    output: Path = typer.Option(
        Path("brief.pdf"), "--output", help="The PDF to write (default brief.pdf)."
    ),
    probabilities: list[str] | None = PROBABILITY,
    honouring: Honouring = HONOURING,
    samples: int = SAMPLES,
    seed: int = SEED,
) -> None:
    """Write a brief of two to four pages as a PDF: the summary in plain words with ranges,
    the force against each requirement by scenario, what is needed from the United States,
    the gaps by capability, how likely each requirement is met, and every figure's sources
    as footnotes."""
    options = probability_options(probabilities, honouring, samples, seed, None)
    assessment, report = _assess_with_probability(chosen, options, None)
    with _err.status("Typesetting the brief..."):
        catalog = context.services().catalog
        names = {key: d.name for key, d in catalog.drivers.items()}
        profiles = {key: (r.name, r.total_personnel) for key, r in catalog.requirements.items()}
        likely = probability_section(report, requirements=profiles)
        document = brief_document(
            assessment, today=dt.date.today(), driver_names=names, extra=(likely,)
        )
        write_brief(document, output)
    _out.print(f"Wrote {output}")


def _read(chosen: _Choice) -> tuple[Services, PledgeSet, Selection]:
    """The checked selection and the pledges it assesses (read once)."""
    services = context.services()
    chosen_round = _data_choice(chosen.round_id, chosen.public)
    selection = assessing.select(
        services.catalog,
        requirement=chosen.requirement,
        scenario=chosen.scenario,
        settings=chosen.settings or (),
        level_floor=chosen.level_floor,
        fixpoint=chosen.fixpoint,
        fair_share=chosen.fair_share,
    )
    uow = services.uow()
    if chosen_round is None:
        return services, assessing.pledge_set_for_public(uow=uow), selection
    return services, assessing.pledge_set_for_round(uow=uow, round_id=chosen_round), selection


def _assess_with_probability(
    chosen: _Choice, options: ProbabilityOptions, runner: Runner | None
) -> tuple[Assessment, ProbabilityReport]:
    with _err.status("Assessing..."):
        services, pledge_set, selection = _read(chosen)
        assessment = assessing.assess(
            pledge_set=pledge_set, selection=selection, catalog=services.catalog
        )
        report = assess_probability(
            pledge_set=pledge_set,
            selection=selection,
            catalog=services.catalog,
            options=options,
            runner=runner,
        )
    return assessment, report


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
