"""Voting power: published values of classic weighted games, the axioms, and sampling."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.analysis.power import sampled_power, weighted_power
from forcegen.model.errors import InvalidInputError
from hypothesis_profiles import examples
from power_games import enumerated

UN_SECURITY_COUNCIL = {
    **dict.fromkeys(("CHN", "FRA", "GBR", "RUS", "USA"), 7),
    **{f"elected{i}": 1 for i in range(1, 11)},
}


class TestPublishedValues:
    def test_un_security_council(self) -> None:
        # Nine votes including all five permanent members, written as [39; 7 x 5, 1 x 10]:
        # an elected member is pivotal with Shapley-Shubik value 4/2145 (about 0.19%), a
        # permanent member holds about 19.6%. Source: "Is it me, or is 'Veto' starting to
        # sound really good", Gonit Sora, https://gonitsora.com/veto-starting-to-sound-really-good
        found = weighted_power(UN_SECURITY_COUNCIL, 39).as_dicts()["shapley"]

        assert found["elected1"] == pytest.approx(4 / 2145, abs=1e-12)
        assert found["USA"] == pytest.approx((1 - 10 * 4 / 2145) / 5, abs=1e-12)
        assert round(found["USA"], 3) == 0.196

    def test_un_security_council_of_1954_as_shapley_and_shubik_computed_it(self) -> None:
        # Eleven members, seven votes needed including all five permanent members: [27; 5 x 5,
        # 1 x 6]. Shapley and Shubik find each non-permanent member's index 1/462 (0.0022)
        # and the five permanent members together 98.7%. Source: L. S. Shapley and M. Shubik,
        # "A Method for Evaluating the Distribution of Power in a Committee System", American
        # Political Science Review 48(3), 787-792 (1954).
        council = {
            **dict.fromkeys(("CHN", "FRA", "GBR", "SUN", "USA"), 5),
            **{f"elected{i}": 1 for i in range(1, 7)},
        }

        found = weighted_power(council, 27).as_dicts()["shapley"]

        assert found["elected1"] == pytest.approx(1 / 462, abs=1e-12)
        assert round(5 * found["USA"], 3) == 0.987

    def test_eec_council_of_ministers_1958_leaves_luxembourg_powerless(self) -> None:
        # Treaty of Rome, art. 148(2): Germany, France, Italy 4 votes, Belgium and the
        # Netherlands 2, Luxembourg 1; a Commission proposal passes with 12 votes
        # (https://www.gazzettaufficiale.it, EEC Treaty as published 23 December 1957; CVCE
        # table "Evolution of qualified majority voting in the Council"). Luxembourg is a null
        # player there, with zero Shapley-Shubik and Penrose-Banzhaf power. Source:
        # "Luxembourg in the Early Days of the EEC: Null Player or Not?", Games 9(2), 29 (2018),
        # https://www.mdpi.com/2073-4336/9/2/29
        council = {"DEU": 4, "FRA": 4, "ITA": 4, "BEL": 2, "NLD": 2, "LUX": 1}

        found = weighted_power(council, 12).as_dicts()

        assert found["shapley"]["LUX"] == 0.0
        assert found["banzhaf"]["LUX"] == 0.0
        assert found["shapley"]["DEU"] == pytest.approx(7 / 30)  # by hand: 84 of 360 orders
        assert found["shapley"]["BEL"] == pytest.approx(3 / 20)  # 54 of 360 orders
        # Normalised Banzhaf: 5/21 (0.238) for the three large members, 3/21 (0.143) for
        # Belgium and the Netherlands, as given for the 1958 Council in D. S. Felsenthal and M.
        # Machover, The Measurement of Voting Power (Edward Elgar, 1998), and in the Games article.
        assert found["banzhaf"]["DEU"] == pytest.approx(5 / 21)
        assert found["banzhaf"]["BEL"] == pytest.approx(3 / 21)

    @pytest.mark.parametrize(
        ("weights", "quota"),
        [
            # Nassau County Board of Supervisors, 1958: [16; 9, 9, 7, 3, 1, 1]; the three
            # smallest are dummies (Banzhaf's example). Source: COMAP, For All Practical
            # Purposes, 10th ed., ch. 11, example 3, http://digfir-published.macmillanusa.com/
            # fapp10e/asset/ch11/supp_wins/examples/example_3.html
            ((9, 9, 7, 3, 1, 1), 16),
            # The same board in 1964: [58; 31, 31, 28, 21, 2, 2]; any two of the three large
            # districts pass a motion and the other three can never decide one. Source:
            # http://milefoot.com/math/discrete/socialchoice/nassaucountypower.htm
            ((31, 31, 28, 21, 2, 2), 58),
        ],
        ids=["nassau-1958", "nassau-1964"],
    )
    def test_nassau_county_gives_all_power_to_three_supervisors(
        self, weights: tuple[int, ...], quota: int
    ) -> None:
        found = weighted_power({f"s{i}": w for i, w in enumerate(weights)}, quota)

        for values in (found.shapley, found.banzhaf):
            assert values[:3] == pytest.approx((1 / 3,) * 3)
            assert values[3:] == (0.0, 0.0, 0.0)

    def test_two_large_parties_and_a_small_one_share_power_equally(self) -> None:
        # V(51; 49, 49, 2) is isomorphic to V(2; 1, 1, 1): the 2-seat party has the same
        # power as the others. Source: Institute for Mathematics and Democracy, "Quantification
        # of power", https://mathematics-democracy-institute.org/quantification-of-power/
        found = weighted_power({"A": 49, "B": 49, "D": 2}, 51)

        assert found.shapley == pytest.approx((1 / 3,) * 3)
        assert found.banzhaf == pytest.approx((1 / 3,) * 3)


games = st.lists(st.integers(0, 12), min_size=1, max_size=7).flatmap(
    lambda w: st.tuples(st.just(w), st.integers(1, max(1, sum(w))))
)


@settings(max_examples=examples(60), deadline=None)
@given(games)
def test_exact_values_equal_enumeration_over_every_order_and_coalition(
    game: tuple[list[int], int],
) -> None:
    weights, quota = game

    found = weighted_power({f"p{i}": w for i, w in enumerate(weights)}, quota)

    shapley, banzhaf = enumerated(weights, quota)
    assert found.shapley == pytest.approx(shapley, abs=1e-9)
    assert found.banzhaf == pytest.approx(banzhaf, abs=1e-9)


@settings(max_examples=examples(40), deadline=None)
@given(games)
def test_efficiency_symmetry_and_null_players(game: tuple[list[int], int]) -> None:
    weights, quota = game

    found = weighted_power({f"p{i}": w for i, w in enumerate(weights)}, quota)

    can_win = 0 < quota <= sum(weights)
    assert sum(found.shapley) == pytest.approx(1.0 if can_win else 0.0, abs=1e-9)
    for i, j in itertools.combinations(range(len(weights)), 2):
        if weights[i] == weights[j]:
            assert found.shapley[i] == pytest.approx(found.shapley[j], abs=1e-9)
            assert found.banzhaf[i] == pytest.approx(found.banzhaf[j], abs=1e-9)
    for i, weight in enumerate(weights):
        if weight == 0:
            assert found.shapley[i] == 0.0
            assert found.banzhaf[i] == 0.0


def test_forty_players_with_large_weights_stay_exact() -> None:
    rng = np.random.default_rng(5)
    weights = {f"S{i:02d}": int(w) for i, w in enumerate(rng.integers(200, 12_000, 40))}

    found = weighted_power(weights, 40_000)

    assert sum(found.shapley) == pytest.approx(1.0, abs=1e-9)
    assert min(found.shapley) >= 0.0


def test_sampling_agrees_with_the_exact_values_within_its_intervals() -> None:
    weights = {"a": 5, "b": 4, "c": 3, "d": 2, "e": 1, "f": 1}
    vector = np.array(list(weights.values()))

    exact = weighted_power(weights, 9)
    sampled = sampled_power(
        list(weights), lambda c: c.astype(int) @ vector >= 9, samples=20_000, seed=1
    )

    for value, estimate, error in zip(
        exact.shapley, sampled.shapley, sampled.shapley_error, strict=True
    ):
        assert abs(value - estimate) <= error
    for value, estimate, error in zip(
        exact.banzhaf, sampled.banzhaf, sampled.banzhaf_error, strict=True
    ):
        assert abs(value - estimate) <= error
    assert sampled.samples == 20_000


def test_negative_weights_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="The weight of b is -2"):
        weighted_power({"a": 1, "b": -2}, 1)
