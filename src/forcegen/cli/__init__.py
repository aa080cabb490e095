"""The `forcegen` command line: one Typer app; each command group lives in its own module.

Importing this package attaches every command group to `app`.
"""

from __future__ import annotations

from forcegen.cli import accounts as _accounts  # noqa: F401
from forcegen.cli import assess as _assess  # noqa: F401
from forcegen.cli import backup as _backup  # noqa: F401
from forcegen.cli import commands_setup as _commands_setup  # noqa: F401  (attaches commands)
from forcegen.cli import compare as _compare  # noqa: F401
from forcegen.cli import demo as _demo  # noqa: F401
from forcegen.cli import listings as _listings  # noqa: F401
from forcegen.cli import positions as _positions  # noqa: F401
from forcegen.cli import power as _power  # noqa: F401
from forcegen.cli import round as _round  # noqa: F401
from forcegen.cli import sessions as _sessions  # noqa: F401
from forcegen.cli.app import app


def main() -> None:
    """Entry point of the `forcegen` script."""
    app(prog_name="forcegen")


__all__ = ["app", "main"]
