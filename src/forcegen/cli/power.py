"""`forcegen power`: Shapley–Shubik and Banzhaf values of a weighted voting game.

    forcegen power --weight DEU=4 --weight FRA=4 --weight ITA=4 --weight BEL=2 \\
                   --weight NLD=2 --weight LUX=1 --quota 12
    forcegen power --file game.yaml --format json

A game file (YAML or JSON) holds `weights` (name: whole number) and may hold `quota`;
`--weight` adds to or replaces its weights and `--quota` its quota. The values are exact
(`analysis.power.weighted_power`), so published values of classic games can be checked.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rich.console import Console
from rich.table import Table as RichTable

from forcegen.analysis.power import weighted_power
from forcegen.cli.app import app
from forcegen.model.errors import InvalidInputError

_out = Console(highlight=False, soft_wrap=True)


class PowerFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class GameFile(BaseModel):
    """A weighted voting game as a file gives it."""

    model_config = ConfigDict(extra="forbid")

    weights: dict[str, int] = Field(default_factory=dict)
    quota: int | None = None


@app.command("power")
def power_command(
    weights: list[str] | None = typer.Option(
        None, "--weight", metavar="NAME=W", help="A player and its weight (repeatable)."
    ),
    quota: int | None = typer.Option(
        None, "--quota", help="The weight a coalition needs to win (at least this much)."
    ),
    file: Path | None = typer.Option(
        None, "--file", help="A YAML or JSON file with `weights` (and `quota`)."
    ),
    output_format: PowerFormat = typer.Option(
        PowerFormat.TABLE, "--format", help="table (terminal) or json."
    ),
) -> None:
    """Each player's Shapley-Shubik and normalised Banzhaf value in a weighted voting game."""
    game = _read_game(file) if file is not None else GameFile()
    players = dict(game.weights)
    players.update(_parse_weight(text) for text in weights or ())
    chosen = quota if quota is not None else game.quota
    if not players or chosen is None:
        raise InvalidInputError(
            "Give the players and the quota, e.g. `forcegen power --weight A=3 --weight B=2 "
            "--weight C=1 --quota 4`, or --file GAME.yaml with weights (and quota)."
        )
    total = sum(players.values())
    if not 1 <= chosen <= total:
        # The analysis answers such a game (nobody is ever pivotal: all zeros), but asked for
        # on the command line it is a typo, and zeros would read as a finding.
        raise InvalidInputError(
            f"--quota {chosen:,}: with a total weight of {total:,} "
            + ("every coalition wins, even the empty one" if chosen < 1 else "nobody can win")
            + f"; give a quota from 1 to {total:,}."
        )
    found = weighted_power(players, chosen)
    if output_format is PowerFormat.JSON:
        typer.echo(json.dumps(found.as_dicts(), indent=2))
        return
    table = RichTable(title=f"Weighted game: quota {chosen:,} of {total:,}")
    for column in ("player", "weight", "Shapley-Shubik", "Banzhaf (normalised)"):
        table.add_column(column, justify="left" if column == "player" else "right")
    for player, shapley, banzhaf in zip(found.players, found.shapley, found.banzhaf, strict=True):
        table.add_row(player, f"{players[player]:,}", f"{shapley:.4f}", f"{banzhaf:.4f}")
    _out.print(table)


def _parse_weight(text: str) -> tuple[str, int]:
    name, sep, value = text.partition("=")
    try:
        weight = int(value.strip())
    except ValueError:
        weight = -1
    if not sep or not name.strip() or weight < 0:
        raise InvalidInputError(
            f"Cannot read the weight {text!r}: write NAME=W with W a whole number from 0, "
            "e.g. --weight FRA=4."
        )
    return name.strip(), weight


def _read_game(path: Path) -> GameFile:
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
        return GameFile.model_validate(data or {})
    except (ValueError, yaml.YAMLError, ValidationError) as err:
        first = err.errors()[0] if isinstance(err, ValidationError) else None
        where = ".".join(str(p) for p in first["loc"]) + ": " if first else ""
        reason = first["msg"] if first else str(err).splitlines()[0]
        raise InvalidInputError(
            f"{path}: {where}{reason}; a game file holds `weights: {{NAME: W, ...}}` and "
            "`quota: Q`."
        ) from None
