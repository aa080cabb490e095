"""Sampled power at its edges: the smallest sample allowed, a one-player game, and a game
nobody can win."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray

from forcegen.analysis.power import sampled_power
from forcegen.model.errors import InvalidInputError

BoolArray = NDArray[np.bool_]


def first_player_decides(coalitions: BoolArray) -> BoolArray:
    return np.asarray(coalitions[:, 0], dtype=bool)


def nobody_wins(coalitions: BoolArray) -> BoolArray:
    return np.zeros(coalitions.shape[0], dtype=bool)


def test_a_hundred_samples_are_enough() -> None:
    found = sampled_power(["FRA", "GBR"], first_player_decides, samples=100)

    assert found.as_dicts()["shapley"] == {"FRA": 1.0, "GBR": 0.0}


def test_fewer_than_a_hundred_samples_are_refused_with_the_minimum() -> None:
    with pytest.raises(InvalidInputError, match=r"^99 samples are too few; use at least 100\.$"):
        sampled_power(["FRA", "GBR"], first_player_decides, samples=99)


def test_a_single_player_who_wins_alone_holds_all_the_power() -> None:
    found = sampled_power(["FRA"], first_player_decides, samples=100)

    assert (found.shapley, found.banzhaf) == ((1.0,), (1.0,))


def test_a_game_nobody_wins_gives_everyone_zero_with_no_uncertainty() -> None:
    found = sampled_power(["FRA", "GBR"], nobody_wins, samples=300)

    assert found.samples == 300
    assert (found.shapley, found.banzhaf) == ((0.0, 0.0), (0.0, 0.0))
    assert (found.shapley_error, found.banzhaf_error) == ((0.0, 0.0), (0.0, 0.0))
