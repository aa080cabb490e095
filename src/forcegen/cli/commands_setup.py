"""Set-up commands: init, serve, and the audit log's checks."""

from __future__ import annotations

import typer
from rich.console import Console

from forcegen.cli import context
from forcegen.cli.app import app
from forcegen.model.audit import AuditHead
from forcegen.model.errors import NotFoundError
from forcegen.model.user import Role
from forcegen.service import audit_check
from forcegen.service.accounts import users

_out = Console(highlight=False, soft_wrap=True)

audit_app = typer.Typer(help="Check the tamper-evident audit log.", no_args_is_help=True)
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
    workers: int = typer.Option(
        1,
        min=1,
        max=64,
        help="Server processes (about one per core). They share sessions, rate limits and "
        "cached results through the database, or Redis with FORCEGEN_REDIS_URL.",
    ),
    dashboard_processes: int = typer.Option(
        2,
        min=0,
        max=16,
        help="Processes beside each server process that build the assessment dashboards, "
        "so that saves never wait for them (0: build them in the server process).",
    ),
) -> None:
    """Serve the web app and the JSON API (OpenAPI at /api/openapi.json)."""
    from forcegen.web import run

    services = context.services()
    processes = f" with {workers} processes" if workers > 1 else ""
    _out.print(f"forcegen is serving at http://{host}:{port}/{processes}  (Ctrl+C to stop)")
    run(
        services,
        host=host,
        port=port,
        workers=workers,
        dashboard_processes=dashboard_processes,
    )


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
