"""Reference commands: questionnaire, participants, drivers, capabilities.

They list packaged data, so they read the catalog and nothing else: run in an empty folder,
they create no database and no secret key (a command that only reads writes nothing).
Each list is both `forcegen drivers` and `forcegen drivers list`, the form error messages
and the README quote.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import typer
import yaml
from rich.console import Console
from rich.table import Table

from forcegen.catalog import Catalog, load_catalog
from forcegen.cli.app import app
from forcegen.model.errors import InvalidInputError, NotFoundError
from forcegen.model.participant import ReferenceFigures
from forcegen.model.questionnaire import Questionnaire

_out = Console(highlight=False, soft_wrap=True)

questionnaire_app = typer.Typer(help="Show or export a questionnaire.", no_args_is_help=True)
participants_app = typer.Typer(help="List participants and their reference figures.")
drivers_app = typer.Typer(help="List the drivers conditions may use.")
capabilities_app = typer.Typer(help="List the capability taxonomy and the caveats.")
app.add_typer(questionnaire_app, name="questionnaire")
app.add_typer(participants_app, name="participants")
app.add_typer(drivers_app, name="drivers")
app.add_typer(capabilities_app, name="capabilities")

_MEMBER_OF = typer.Option(None, "--member-of", help="Only members of EU or NATO.")
_WITH_FIGURES = typer.Option(False, "--with-figures", help="Only those with figures.")


def _also_bare(group: typer.Typer, show: Callable[[], None]) -> None:
    """Make `forcegen GROUP` alone do what `forcegen GROUP list` does."""

    def bare(ctx: typer.Context) -> None:
        if ctx.invoked_subcommand is None:
            show()

    group.callback(invoke_without_command=True)(bare)


def _catalog() -> Catalog:
    """The packaged catalog: no settings, no database."""
    return load_catalog()


@questionnaire_app.command("show")
def questionnaire_show(
    key: str = typer.Argument("default", help="Questionnaire key."),
) -> None:
    """Print the questions with their audience (who must answer each)."""
    questionnaire = _questionnaire(key)
    _out.print(f"[bold]{questionnaire.title}[/] ({questionnaire.key} v{questionnaire.version})")
    table = Table("#", "key", "question", "audience", show_lines=True)
    for question in questionnaire.questions:
        table.add_row(
            str(question.number), question.key, question.text, question.audience.describe()
        )
    _out.print(table)


@questionnaire_app.command("export")
def questionnaire_export(
    key: str = typer.Argument("default", help="Questionnaire key."),
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default stdout)."),
    fmt: str = typer.Option("yaml", "--format", help="yaml or json."),
) -> None:
    """Export a questionnaire as YAML or JSON, e.g. to author a new one from it."""
    data = _questionnaire(key).model_dump(mode="json", exclude_defaults=True)
    if fmt not in {"yaml", "json"}:
        raise InvalidInputError(f"--format {fmt!r} is not supported: use yaml or json.")
    text = (
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        if fmt == "yaml"
        else json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    )
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        _out.print(f"Wrote {output}")


@participants_app.callback(invoke_without_command=True)
def participants_default(
    ctx: typer.Context, member_of: str = _MEMBER_OF, with_figures: bool = _WITH_FIGURES
) -> None:
    """List participant codes, memberships and reference figures (with their year)."""
    if ctx.invoked_subcommand is None:
        participants_list(member_of=member_of, with_figures=with_figures)


@participants_app.command("list")
def participants_list(member_of: str = _MEMBER_OF, with_figures: bool = _WITH_FIGURES) -> None:
    """List participant codes, memberships and reference figures (with their year)."""
    table = Table("code", "name", "member of", "GDP US$ bn", "population m", "active k", "year")
    for participant in sorted(_catalog().participants.values(), key=lambda p: p.code):
        if member_of and not participant.is_member_of(member_of.upper()):
            continue
        figures = participant.figures
        if with_figures and figures is None:
            continue
        table.add_row(
            participant.code,
            participant.name,
            ", ".join(sorted(participant.memberships)),
            *(_figure_cells(figures) if figures else ("", "", "", "")),
        )
    _out.print(table)


@drivers_app.command("list")
def drivers_list() -> None:
    """List the drivers (external facts) that conditions may name."""
    table = Table("driver", "group", "meaning")
    for driver in _catalog().drivers.values():
        table.add_row(driver.key, driver.group.value, driver.description or driver.name)
    _out.print(table)


@capabilities_app.command("list")
def capabilities_list() -> None:
    """List capabilities (what pledges and requirement lines are about) and caveats."""
    catalog = _catalog()
    table = Table("capability", "domain", "name", "platforms are")
    for capability in catalog.capabilities.values():
        table.add_row(capability.key, capability.domain, capability.name, capability.platform_unit)
    _out.print(table)
    caveats = Table("caveat", "meaning")
    for caveat in catalog.caveats.values():
        caveats.add_row(caveat.key, caveat.description or caveat.name)
    _out.print(caveats)


_also_bare(drivers_app, drivers_list)
_also_bare(capabilities_app, capabilities_list)


def _questionnaire(key: str) -> Questionnaire:
    questionnaires = _catalog().questionnaires
    if key not in questionnaires:
        raise NotFoundError(
            f"No questionnaire {key!r}. Known: {', '.join(sorted(questionnaires))}."
        )
    return questionnaires[key]


def _figure_cells(figures: ReferenceFigures) -> tuple[str, str, str, str]:
    active = "" if figures.active_military_k is None else f"{figures.active_military_k:g}"
    return (f"{figures.gdp_usd_bn:,.1f}", f"{figures.population_m:,.2f}", active, str(figures.year))
