"""Tallies and the estimates made from them: parts merge by addition whatever keys each part
saw, and a profile, a line or a fixpoint that no part tallied still shows, as nothing."""

from __future__ import annotations

import numpy as np
import pytest

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.likelihood import Method, Tally, likelihood_of

LEAST, GREATEST = Fixpoint.LEAST, Fixpoint.GREATEST


def test_a_part_added_to_nothing_is_kept_as_it_is() -> None:
    part = Tally(
        weight=4.0,
        met={(GREATEST, "kyiv"): 1.0},
        lines={(GREATEST, "kyiv", "contact"): 2.0},
        histogram={GREATEST: np.array([1.0, 3.0])},
    )

    for merged in (part + Tally(), Tally() + part):
        assert merged.weight == 4.0
        assert merged.met == {(GREATEST, "kyiv"): 1.0}
        assert merged.lines == {(GREATEST, "kyiv", "contact"): 2.0}
        assert merged.histogram[GREATEST].tolist() == [1.0, 3.0]


def test_histograms_of_different_lengths_add_up_position_by_position() -> None:
    short = Tally(histogram={GREATEST: np.array([1.0, 2.0])})
    long = Tally(histogram={GREATEST: np.array([1.0, 0.0, 5.0])})

    assert (short + long).histogram[GREATEST].tolist() == [2.0, 2.0, 5.0]


def test_two_empty_tallies_add_up_to_an_empty_histogram() -> None:
    merged = Tally() + Tally()

    assert {f: h.tolist() for f, h in merged.histogram.items()} == {LEAST: [0.0], GREATEST: [0.0]}


def test_estimates_are_the_tallies_over_the_weight_and_untallied_ones_are_zero() -> None:
    tally = Tally(
        weight=4.0,
        met={(GREATEST, "kyiv"): 1.0},
        lines={(GREATEST, "kyiv", "contact"): 2.0},
        histogram={GREATEST: np.array([1.0, 3.0])},
    )
    profiles = {"kyiv": ("contact", "sky"), "large": ("contact",)}

    found = likelihood_of(tally, method=Method.EXACT, drivers=(), profiles=profiles)

    assert found.greatest.met == {"kyiv": 0.25, "large": 0.0}
    assert found.greatest.lines == {"kyiv": {"contact": 0.5, "sky": 0.0}, "large": {"contact": 0.0}}
    assert found.least.met == {"kyiv": 0.0, "large": 0.0}
    assert found.greatest.force.mass.tolist() == pytest.approx([0.25, 0.75])
    assert found.least.force.mass.tolist() == [1.0]  # nothing tallied: certainly no force
