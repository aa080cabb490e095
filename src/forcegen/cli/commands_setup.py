"""Set-up and reference commands: init, serve, questionnaire, participants, drivers, audit."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
import yaml
from rich.console import Console
from rich.table import Table

from forcegen.cli import context
from forcegen.cli.app import app
from forcegen.model.audit import AuditHead
from forcegen.model.errors import InvalidInputError, NotFoundError
from forcegen.model.participant import ReferenceFigures
from forcegen.model.questionnaire import Questionnaire
from forcegen.model.user import Role
from forcegen.service import audit_check
from forcegen.service.accounts import users

_out = Console(highlight=False, soft_wrap=True)

questionnaire_app = typer.Typer(help="Show or export a questionnaire.", no_args_is_help=True)
participants_app = typer.Typer(help="List participants and their reference figures.")
drivers_app = typer.Typer(help="List the drivers conditions may use.")
capabilities_app = typer.Typer(help="List the capability taxonomy and the caveats.")
audit_app = typer.Typer(help="Check the tamper-evident audit log.", no_args_is_help=True)
app.add_typer(questionnaire_app, name="questionnaire")
app.add_typer(participants_app, name="participants")
app.add_typer(drivers_app, name="drivers")
app.add_typer(capabilities_app, name="capabilities")
app.add_typer(audit_app, name="audit")


@app.command()
def init(
    username: str = typer.Option(None, help="Coordinator username (prompted if omitted)."),
    password: str = typer.Option(
        None,
        help="Coordinator password, at least 12 characters (prompted if omitted).",
        envvar="FORCEGEN_COORDINATOR_PASSWORD",
    ),
    display_name: str = typer.Option("", help="Name shown in the audit log."),
    no_user: bool = typer.Option(False, "--no-user", help="Only create or upgrade the database."),
) -> None:
    """Create or upgrade the database and create a coordinator account."""
    services = context.services()
    _out.print(f"Database ready: {services.settings.database_url}")
    if no_user:
        return
    if username is None:
        username = typer.prompt("Coordinator username")
    if password is None:
        password = typer.prompt(
            "Password (12+ characters)", hide_input=True, confirmation_prompt=True
        )
    user = users.create_user(
        uow=services.uow(),
        username=username,
        password=password,
        role=Role.COORDINATOR,
        display_name=display_name or username,
    )
    _out.print(
        f"Coordinator {user.username!r} created. Start the web app with "
        "`forcegen serve` and log in at /login with this username and password."
    )


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="TCP port."),
) -> None:
    """Serve the web app and the JSON API (OpenAPI at /api/openapi.json)."""
    from forcegen.web import run

    services = context.services()
    _out.print(f"forcegen is serving at http://{host}:{port}/  (Ctrl+C to stop)")
    run(services, host=host, port=port)


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
def participants_list(
    ctx: typer.Context,
    member_of: str = typer.Option(None, "--member-of", help="Only members of EU or NATO."),
    with_figures: bool = typer.Option(False, "--with-figures", help="Only those with figures."),
) -> None:
    """List participant codes, memberships and reference figures (with their year)."""
    if ctx.invoked_subcommand is not None:
        return
    catalog = context.services().catalog
    table = Table("code", "name", "member of", "GDP US$ bn", "population m", "active k", "year")
    for participant in sorted(catalog.participants.values(), key=lambda p: p.code):
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


@drivers_app.callback(invoke_without_command=True)
def drivers_list(ctx: typer.Context) -> None:
    """List the drivers (external facts) that conditions may name."""
    if ctx.invoked_subcommand is not None:
        return
    table = Table("driver", "group", "meaning")
    for driver in context.services().catalog.drivers.values():
        table.add_row(driver.key, driver.group.value, driver.description or driver.name)
    _out.print(table)


@capabilities_app.callback(invoke_without_command=True)
def capabilities_list(ctx: typer.Context) -> None:
    """List capabilities (what pledges and requirement lines are about) and caveats."""
    if ctx.invoked_subcommand is not None:
        return
    catalog = context.services().catalog
    table = Table("capability", "domain", "name", "platforms are")
    for capability in catalog.capabilities.values():
        table.add_row(capability.key, capability.domain, capability.name, capability.platform_unit)
    _out.print(table)
    caveats = Table("caveat", "meaning")
    for caveat in catalog.caveats.values():
        caveats.add_row(caveat.key, caveat.description or caveat.name)
    _out.print(caveats)


@audit_app.command("verify")
def audit_verify(
    expect_head: str = typer.Option(
        None,
        "--expect-head",
        help="A head SEQ:HASH recorded earlier by `forcegen audit head`: the log must still "
        "hold that entry with that hash (detects removed newest entries and a rewritten chain).",
    ),
) -> None:
    """Recompute the audit log's hash chain and check every response version against it;
    print the head; exit 1 if anything was altered, added or removed."""
    expected = AuditHead.parse(expect_head) if expect_head is not None else None
    report = audit_check.verify_audit(uow=context.services().uow(), expected_head=expected)
    if not report.is_intact:
        typer.echo(report.summary(), err=True)
        raise typer.Exit(1)
    _out.print(report.summary())


@audit_app.command("head")
def audit_head() -> None:
    """Print the audit log's head as SEQ:HASH, for an operator to record on another machine
    (compare later with `forcegen audit verify --expect-head SEQ:HASH`)."""
    head = audit_check.audit_head(uow=context.services().uow())
    if head is None:
        raise NotFoundError(
            "The audit log is empty, so it has no head yet: record one after the first change."
        )
    typer.echo(str(head))


def _questionnaire(key: str) -> Questionnaire:
    questionnaires = context.services().catalog.questionnaires
    if key not in questionnaires:
        raise NotFoundError(
            f"No questionnaire {key!r}. Known: {', '.join(sorted(questionnaires))}."
        )
    return questionnaires[key]


def _figure_cells(figures: ReferenceFigures) -> tuple[str, str, str, str]:
    active = "" if figures.active_military_k is None else f"{figures.active_military_k:g}"
    return (f"{figures.gdp_usd_bn:,.1f}", f"{figures.population_m:,.2f}", active, str(figures.year))
