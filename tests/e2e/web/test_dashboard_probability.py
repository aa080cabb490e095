"""The dashboard's probability panel through the web app: the driver sliders (`p.DRIVER=PERCENT`)
set how likely each driver is, and the panel shows P(met) per requirement profile, the force
distribution and the pivotal contributors; on a round whose answers meet `kyiv_40k` exactly
when the US backstop holds (tests/probability_round.py)."""

from __future__ import annotations

import html
import json
import re

import pytest
from web_env import TestClient, log_in
from web_world import World

from probability_round import round_meeting

PANEL = re.compile(r'<section[^>]*id="probability-panel".*?</section>', re.DOTALL)


@pytest.fixture
def dashboard(world: World) -> tuple[TestClient, str]:
    """A logged-in coordinator and the dashboard path of the round."""
    round_id = round_meeting(world.services, requirement="kyiv_40k", condition="us.backstop")
    return log_in(world.app), f"/rounds/{round_id}/assessment"


def p_met(page: str) -> float:
    found = re.search(r'id="p-met" data-p-met="([0-9.e-]+)"', page)
    assert found, "the panel shows no P(met) for the selected requirement"
    return float(found.group(1))


def chance_curve(page: str) -> list[float]:
    """P(force >= x) of the panel's chart, all governments moving together."""
    found = re.search(r'id="probability-charts" data-charts="([^"]*)"', page)
    assert found, "the panel carries no chart"
    (chart,) = json.loads(html.unescape(found.group(1)))
    return list(chart["figure"]["data"][0]["y"])


class TestSliders:
    @pytest.mark.parametrize(
        ("percent", "expected"), [("0", 0.0), ("35", 0.35), ("100", 1.0)], ids=["0", "35", "100"]
    )
    def test_p_met_is_the_chance_of_the_driver_the_force_waits_for(
        self, dashboard: tuple[TestClient, str], percent: str, expected: float
    ) -> None:
        client, path = dashboard

        page = client.get(path, params={"scenario": "no_us_support", "p.us.backstop": percent})

        assert page.status_code == 200
        assert p_met(page.text) == pytest.approx(expected)

    def test_moving_a_slider_changes_the_chance_of_each_force_size(
        self, dashboard: tuple[TestClient, str]
    ) -> None:
        client, path = dashboard

        certain = client.get(path, params={"scenario": "no_us_support"}).text
        uncertain = client.get(path, params={"scenario": "no_us_support", "p.us.backstop": "35"})

        assert max(chance_curve(certain)) == 1.0
        assert min(chance_curve(certain)) in (0.0, 1.0)
        assert pytest.approx(0.35) in chance_curve(uncertain.text)

    def test_the_sliders_start_where_the_scenario_puts_the_drivers(
        self, dashboard: tuple[TestClient, str]
    ) -> None:
        client, path = dashboard

        page = client.get(path, params={"scenario": "full_backstop"}).text

        assert re.search(r'id="p-us-backstop" name="p.us.backstop"[^>]*value="100"', page)
        assert re.search(r'id="p-us-ground_troops" name="p.us.ground_troops"[^>]*value="0"', page)
        assert p_met(page) == 1.0

    def test_the_panel_comes_in_the_fragment_a_slider_fetches(
        self, dashboard: tuple[TestClient, str]
    ) -> None:
        client, path = dashboard
        params = {"scenario": "no_us_support", "p.us.backstop": "60"}

        fragment = client.get(path, params=params, headers={"HX-Request": "true"}).text

        panel = PANEL.search(fragment)
        assert panel, "the fragment has no probability panel"
        assert p_met(panel.group(0)) == pytest.approx(0.6)
        assert 'name="requirement" value="kyiv_40k"' in panel.group(0)

    def test_the_honouring_ladder_is_estimated_with_its_standard_error(
        self, dashboard: tuple[TestClient, str]
    ) -> None:
        client, path = dashboard

        page = client.get(path, params={"p.us.backstop": "50", "honouring": "ladder"}).text

        assert "Monte Carlo, 20,000 samples (seed 0)" in page
        assert "± se" in page
        assert p_met(page) < 0.5  # ten pledges at level `stated` must all be honoured

    def test_a_slider_out_of_range_is_refused_with_what_to_write(
        self, dashboard: tuple[TestClient, str]
    ) -> None:
        client, path = dashboard

        page = client.get(path, params={"p.us.backstop": "150"})

        assert page.status_code == 422
        assert "give a whole percentage from 0 to 100" in page.text

    def test_a_slider_for_an_unknown_driver_names_the_drivers(
        self, dashboard: tuple[TestClient, str]
    ) -> None:
        client, path = dashboard

        page = client.get(path, params={"p.us.airlift": "50"})

        assert page.status_code == 422
        assert "No driver &#39;us.airlift&#39; to give a probability" in page.text
