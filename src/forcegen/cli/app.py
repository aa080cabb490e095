"""The main Typer app, the central error translation, and command-group registration."""

from __future__ import annotations

import os
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from forcegen.model.errors import ForcegenError

PRIVATE_UMASK = 0o077  # files 0600, folders 0700

_err = Console(stderr=True, highlight=False, soft_wrap=True)


class ForcegenGroup(TyperGroup):
    """Translate every ForcegenError, and a file that cannot be read or written, into one line
    on stderr and exit code 1 (no traceback).

    `--debug` (or FORCEGEN_DEBUG=true) shows the traceback instead.
    """

    def invoke(self, ctx: Any) -> Any:  # typer vendors click; its Context type is private
        try:
            return super().invoke(ctx)
        except (ForcegenError, OSError) as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _err.print(f"[bold red]Error:[/] {escape(_message(err))}", markup=True)
            raise typer.Exit(1) from None


def _message(err: ForcegenError | OSError) -> str:
    if isinstance(err, ForcegenError):
        return err.message
    where = f" {str(err.filename)!r}" if err.filename else ""
    reason = err.strerror or type(err).__name__
    return (
        f"Could not use{where}: {reason}. Check the path (its folder must exist; forcegen "
        "creates no folders you did not ask for) and the permissions; nothing was changed."
    )


app = typer.Typer(
    cls=ForcegenGroup,
    help=(
        "forcegen: coalition force generation. Send governments a questionnaire, collect "
        "their answers confidentially, and assess what force the coalition can field.\n\n"
        "Start with `forcegen demo`, or `forcegen init` then `forcegen serve`."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)


@app.callback()
def _root(
    ctx: typer.Context,
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors."),
) -> None:
    # Everything forcegen creates (the SQLite file, its journal, the secret key, exports,
    # backups, links) holds confidential answers or credentials: readable by its owner only.
    os.umask(PRIVATE_UMASK)
    ctx.obj = {"debug": debug}
