"""`forcegen power`: the values of a weighted voting game from options or a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import forcegen.cli.power  # noqa: F401  (attaches the command, as forcegen.cli does)
from forcegen.cli import app

EEC_1958 = [
    part
    for pair in ("DEU=4", "FRA=4", "ITA=4", "BEL=2", "NLD=2", "LUX=1")
    for part in ("--weight", pair)
]


def test_json_gives_each_players_shapley_and_banzhaf_value() -> None:
    # The EEC Council of Ministers 1958 (quota 12 of 17); see tests/unit/analysis/
    # test_analysis_power.py for the sources of the weights and of Luxembourg's zero power.
    result = CliRunner().invoke(app, ["power", *EEC_1958, "--quota", "12", "--format", "json"])

    assert result.exit_code == 0, result.output
    values = json.loads(result.stdout)
    assert set(values) == {"shapley", "banzhaf"}
    assert values["shapley"]["LUX"] == 0.0
    assert values["shapley"]["DEU"] == pytest.approx(7 / 30)
    assert values["banzhaf"]["BEL"] == pytest.approx(3 / 21)


def test_a_game_file_gives_weights_and_quota(tmp_path: Path) -> None:
    game = tmp_path / "game.yaml"
    game.write_text("weights:\n  A: 49\n  B: 49\n  D: 2\nquota: 51\n", encoding="utf-8")

    result = CliRunner().invoke(app, ["power", "--file", str(game)])

    assert result.exit_code == 0, result.output
    assert "0.3333" in result.stdout
    assert "quota 51 of 100" in result.stdout


def test_a_weight_that_is_not_a_whole_number_is_one_clear_error() -> None:
    result = CliRunner().invoke(app, ["power", "--weight", "A=x", "--quota", "1"])

    assert result.exit_code == 1
    assert "Cannot read the weight 'A=x': write NAME=W" in result.stderr


@pytest.mark.parametrize(
    ("quota", "says"), [("0", "every coalition wins"), ("18", "nobody can win")]
)
def test_a_quota_no_coalition_can_be_pivotal_at_is_refused_not_answered_with_zeros(
    quota: str, says: str
) -> None:
    result = CliRunner().invoke(app, ["power", *EEC_1958, "--quota", quota])

    assert result.exit_code == 1
    assert f"--quota {quota}: with a total weight of 17 {says}" in result.stderr
    assert "give a quota from 1 to 17" in result.stderr
    assert "Shapley" not in result.stdout
