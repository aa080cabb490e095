"""The main Typer app, the central error translation, and command-group registration."""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from forcegen.model.errors import ForcegenError

_err = Console(stderr=True, highlight=False, soft_wrap=True)


class ForcegenGroup(TyperGroup):
    """Translate every ForcegenError into one line on stderr and exit code 1 (no traceback).

    `--debug` (or FORCEGEN_DEBUG=true) shows the traceback instead.
    """

    def invoke(self, ctx: Any) -> Any:  # typer vendors click; its Context type is private
        try:
            return super().invoke(ctx)
        except ForcegenError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _err.print(f"[bold red]Error:[/] {err.message}", markup=True)
            raise typer.Exit(1) from None


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
    ctx.obj = {"debug": debug}
