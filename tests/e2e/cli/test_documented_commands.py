"""Every `forcegen …` command the README and docs/ quote exists, and the reference lists
read packaged data without writing anything.

The commands are taken from code blocks and inline code; `a|b|c` stands for three commands.
Each is walked down the command tree (a word that is not a subcommand of a group fails) and
run with `--help`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from forcegen.cli import app

ROOT = Path(__file__).resolve().parents[3]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"```[^\n]*\n(.*?)```", re.DOTALL)
_INLINE = re.compile(r"`([^`\n]+)`")
_COMMAND = re.compile(r"(?:^|[\s$(])forcegen((?:\s+[a-z][a-z|-]*)*)")


def documented_commands(text: str) -> set[tuple[str, ...]]:
    """The command paths quoted in a Markdown text: ("round", "create"), ("drivers", "list")."""
    code = [*_FENCE.findall(text), *_INLINE.findall(_FENCE.sub("", text))]
    found: set[tuple[str, ...]] = set()
    for snippet in code:
        for line in snippet.splitlines():
            for match in _COMMAND.finditer(line.split("#", 1)[0]):
                found |= _expanded(match.group(1).split())
    return found


def _expanded(words: list[str]) -> set[tuple[str, ...]]:
    paths: set[tuple[str, ...]] = {()}
    for word in words:
        paths = {(*path, choice) for path in paths for choice in word.split("|") if choice}
    return paths


def command_path(words: tuple[str, ...]) -> list[str]:
    """The words that name commands; the rest are arguments. Raises on an unknown command."""
    command = typer.main.get_command(app)
    path: list[str] = []
    for word in words:
        subcommands = getattr(command, "commands", None)  # a group has subcommands
        if subcommands is None:
            break
        if word not in subcommands:
            raise LookupError(f"`forcegen {' '.join([*path, word])}` is not a command")
        command, path = subcommands[word], [*path, word]
    return path


QUOTED = sorted(
    {
        (document.name, words)
        for document in DOCUMENTS
        for words in documented_commands(document.read_text())
    }
)


def test_the_readme_quotes_the_reference_lists() -> None:
    readme = documented_commands((ROOT / "README.md").read_text())

    assert {("participants", "list"), ("drivers", "list"), ("capabilities", "list")} <= readme


@pytest.mark.parametrize(
    ("document", "words"), QUOTED, ids=lambda v: " ".join(v) if isinstance(v, tuple) else v
)
def test_every_quoted_command_exists(document: str, words: tuple[str, ...]) -> None:
    path = command_path(words)
    result = CliRunner().invoke(app, [*path, "--help"])

    assert result.exit_code == 0, f"{document}: forcegen {' '.join(words)}: {result.output}"


def test_an_unknown_command_is_caught() -> None:
    assert documented_commands("`forcegen drivers lists`") == {("drivers", "lists")}
    with pytest.raises(LookupError, match="forcegen drivers lists"):
        command_path(("drivers", "lists"))


@pytest.mark.parametrize(
    "command",
    [
        ["drivers"],
        ["drivers", "list"],
        ["participants", "list", "--member-of", "EU"],
        ["capabilities", "list"],
        ["questionnaire", "show"],
    ],
)
def test_listing_packaged_data_writes_nothing(command: list[str], tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORCEGEN_")}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("forcegen")), *command],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert list(tmp_path.iterdir()) == []
