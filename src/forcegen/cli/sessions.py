"""`forcegen sessions prune`: delete ended browser sessions (for cron).

The server already drops ended sessions on the way, a batch every few minutes per process;
this command empties the backlog at once, e.g. from cron while the site is quiet:

    17 * * * *  cd /srv/forcegen && .venv/bin/forcegen sessions prune
"""

from __future__ import annotations

import typer
from rich.console import Console

from forcegen.cli import context
from forcegen.cli.app import app

_out = Console(highlight=False, soft_wrap=True)

sessions_app = typer.Typer(help="Browser sessions kept on the server.")
app.add_typer(sessions_app, name="sessions", no_args_is_help=True)


@sessions_app.command("prune")
def sessions_prune() -> None:
    """Delete every session past its end or idle for longer than the idle timeout."""
    services = context.services()
    total = 0
    while deleted := services.sessions.purge(services.clock.now()):
        total += deleted
    _out.print(f"Deleted {total} ended session{'' if total == 1 else 's'}.")
