"""`forcegen demo`: a fresh demo database with public data and an illustrative round, served."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

import typer
from rich.console import Console

from forcegen.bootstrap import Services, build_services, load_packaged_demo
from forcegen.cli.app import app
from forcegen.config import Settings
from forcegen.model.user import Role
from forcegen.service.demo import DemoAccount, DemoSummary

_out = Console(highlight=False, soft_wrap=True)
DEMO_DIR = Path("var/demo")


@app.command()
def demo(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="TCP port."),
    data_dir: Path = typer.Option(
        DEMO_DIR, help="Where the demo database goes; it is deleted and created anew."
    ),
    no_serve: bool = typer.Option(False, "--no-serve", help="Load the demo data, then exit."),
) -> None:
    """Create a fresh demo database (public dataset + illustrative round) and serve the app.

    The demo never touches the database of FORCEGEN_DATABASE_URL: it uses its own SQLite file.
    Its dashboards are built in the server process unless FORCEGEN_DASHBOARD_PROCESSES asks
    for processes beside it, as `forcegen serve` starts.
    """
    services = _fresh_services(data_dir)
    summary = load_demo_into(services)
    _print_banner(summary, f"http://{host}:{port}")
    if no_serve:
        return
    from forcegen.web import run

    run(services, host=host, port=port)


def load_demo_into(services: Services) -> DemoSummary:
    """Load the demo into an empty database with fresh random passwords."""
    return load_packaged_demo(
        services,
        accounts=(
            DemoAccount("coordinator", secrets.token_urlsafe(12), Role.COORDINATOR),
            DemoAccount("analyst", secrets.token_urlsafe(12), Role.ANALYST),
        ),
    )


_PASSED_ON = ("FORCEGEN_DASHBOARD_PROCESSES",)  # how it serves, never which data


def _fresh_services(data_dir: Path) -> Services:
    if data_dir.exists():
        shutil.rmtree(data_dir)
    own = {"FORCEGEN_DATA_DIR": str(data_dir), "FORCEGEN_DATABASE_URL": ""}
    passed = {name: os.environ[name] for name in _PASSED_ON if name in os.environ}
    settings = Settings.from_env(passed | own)
    _out.print(f"Creating the demo database in {data_dir}/ ...")
    return build_services(settings)


def _print_banner(summary: DemoSummary, base_url: str) -> None:
    _out.rule("[bold]forcegen demo")
    _out.print(f"Open {base_url}/ and log in:")
    for account in summary.accounts:
        _out.print(
            f"  {account.role.value:<12} username [bold]{account.username}[/]  "
            f"password [bold]{account.password}[/]"
        )
    _out.print(
        f"Public dataset: {summary.positions} positions, {summary.pledges} reported pledges, "
        f"{summary.sources} sources."
    )
    _out.print(
        f"Illustrative round (answers derived from public reporting, NOT official): "
        f"{len(summary.answered)} answered, {len(summary.not_answered)} not yet answered."
    )
    for code in ("FRA", "POL", *summary.not_answered[:1]):
        if code in summary.links:
            _out.print(f"  respondent view for {code}: {base_url}{summary.links[code]}")
    for code, reason in summary.skipped.items():
        _out.print(f"  [yellow]{code}: derived answers not submitted[/]: {reason}")
    _out.rule()
