"""The assessment dashboard through the web app: who may see it, what it shows, and the driver
toggles that redraw it; on the demo database (public dataset and illustrative round)."""

from __future__ import annotations

import html
import json
import re

import pytest
from demo_world import Demo
from web_env import TestClient, log_in, open_link

from forcegen.service.accounts import api_tokens
from forcegen.web.assessment.pages import MAP_STYLE_ID, plotly_path

PLOTLY = plotly_path()
FULL_BACKSTOP_WITH_PEACE = {
    "scenario": "full_backstop",
    "scenario_was": "full_backstop",
    "toggles": "1",
    "driver": [
        "us.air_cover",
        "us.air_defence",
        "us.isr",
        "us.logistics",
        "us.c2",
        "us.backstop",
        "ceasefire",
        "peace_agreement",
    ],
}


@pytest.fixture(scope="module")
def coordinator(demo: Demo) -> TestClient:
    return log_in(demo.app)


def gap_of(page: str) -> int:
    found = re.search(r'id="gap" data-gap="(\d+)"', page)
    assert found, "the page shows no gap"
    return int(found.group(1))


def gap_low_of(page: str) -> int:
    """The gap at the high end of every stated number (the smallest gap)."""
    found = re.search(r'data-gap-low="(\d+)"', page)
    assert found, "the page shows no range of the gap"
    return int(found.group(1))


def charts_of(page: str) -> list[dict[str, object]]:
    found = re.search(r'data-charts="([^"]*)"', page)
    assert found, "the page carries no charts"
    charts: list[dict[str, object]] = json.loads(html.unescape(found.group(1)))
    return charts


class TestWhoSeesIt:
    def test_a_coordinator_sees_the_round_dashboard(
        self, demo: Demo, coordinator: TestClient
    ) -> None:
        page = coordinator.get(demo.round_path)

        assert page.status_code == 200
        assert "In plain words" in page.text
        assert 'id="illustrative-banner"' in page.text

    def test_an_analyst_sees_the_public_dashboard_but_not_a_round(self, demo: Demo) -> None:
        analyst = log_in(demo.app, "ana")

        assert analyst.get("/assessment/public").status_code == 200
        assert analyst.get(demo.round_path).status_code == 403

    @pytest.mark.parametrize("path", ["round", "/assessment/public", "/assessment"])
    def test_a_respondent_is_sent_to_the_login(self, demo: Demo, path: str) -> None:
        respondent = open_link(demo.app, demo.summary.links["FRA"].removeprefix("/respond/"))

        response = respondent.get(demo.round_path if path == "round" else path)

        assert response.status_code == 303
        assert response.headers["location"].startswith("/login")

    def test_anonymous_visitors_are_sent_to_the_login(self, demo: Demo) -> None:
        response = TestClient(demo.app, follow_redirects=False).get(demo.round_path)

        assert response.status_code == 303

    def test_the_api_needs_a_coordinator_token_for_a_round(self, demo: Demo) -> None:
        token = api_tokens.issue_token(
            uow=demo.services.uow(), username="alice", actor="test"
        ).secret
        path = f"/api{demo.round_path}"

        denied = TestClient(demo.app).get(path)
        allowed = TestClient(demo.app, headers={"Authorization": f"Bearer {token}"}).get(
            path, params={"set": "us.isrr=true"}
        )

        assert denied.status_code == 401
        assert allowed.status_code == 422
        assert "(did you mean 'us.isr'?)" in allowed.json()["error"]


class TestWhatItShows:
    def test_the_charts_are_drawn_by_our_own_plotly_and_nothing_comes_from_a_cdn(
        self, coordinator: TestClient, demo: Demo
    ) -> None:
        page = coordinator.get(demo.round_path).text
        script = coordinator.get(PLOTLY)

        assert f'src="{PLOTLY}"' in page
        loaded = re.findall(r'<script[^>]*\ssrc="([^"]+)"|<link[^>]*\shref="([^"]+)"', page)
        urls = [url for pair in loaded for url in pair if url]
        assert urls  # the page loads our own scripts and styles, from our own paths
        assert [url for url in urls if url.startswith("//") or not url.startswith("/")] == []
        assert script.status_code == 200
        assert "immutable" in script.headers["cache-control"]
        assert f'<template id="{MAP_STYLE_ID}">' in page
        assert f'getElementById("{MAP_STYLE_ID}")' in script.text
        assert [c["key"] for c in charts_of(page)] == [
            "force",
            "coverage",
            "sustainment",
            "leverage",
            "burden",
            "ladder",
            "sanctions",
        ]

    def test_every_chart_uses_traces_the_vendored_basic_bundle_draws(
        self, coordinator: TestClient, demo: Demo
    ) -> None:
        charts = charts_of(coordinator.get(demo.round_path).text)
        traces = [trace for chart in charts for trace in chart["figure"]["data"]]  # type: ignore[index]

        assert {trace["type"] for trace in traces} <= {"bar", "scatter", "pie"}

    def test_chart_hover_names_the_pledges_and_every_pledge_links_to_its_source(
        self, coordinator: TestClient, demo: Demo
    ) -> None:
        page = coordinator.get(demo.round_path).text

        force = charts_of(page)[0]["figure"]
        assert "EST/troops/2" in json.dumps(force)
        assert 'id="pledge-GBR-troops-1"' in page
        assert 'href="#source-response-' in page
        assert f'href="/rounds/{demo.summary.round.id}/responses/GBR?version=1"' in page

    def test_the_public_dashboard_links_citations(self, coordinator: TestClient) -> None:
        page = coordinator.get("/assessment/public").text

        assert 'id="pledge-pl-b3214799da"' in page  # the UK's up to 7,500
        assert 'id="source-src-1bae696836"' in page
        assert "Illustrative round" not in page

    def test_the_round_dashboard_explains_why_it_differs_from_the_public_record(
        self, coordinator: TestClient, demo: Demo
    ) -> None:
        """What to build 5: the difference between the round and `--public`, on the page."""
        dashboard = coordinator.get(demo.round_path, params={"scenario": "no_us_support"}).text
        found = re.search(r'id="differences-link" href="([^"]+)"', dashboard)
        assert found, "the round dashboard links no explanation of the differences"

        page = coordinator.get(html.unescape(found.group(1))).text

        assert "scenario=no_us_support" in found.group(1)
        assert "in the round and" in page
        assert "in the public record" in page
        assert "DNK unknown: active in the round, not pledged in the public record." in page
        assert "forcegen compare --round" in page

    def test_a_driver_the_scenario_leaves_open_is_shown_as_unset(
        self, coordinator: TestClient
    ) -> None:
        """Finding 1: the August 2025 offer does not set the US backstop to false."""
        page = coordinator.get("/assessment/public", params={"scenario": "us_offer_aug_2025"})

        assert re.search(r'value="us.backstop"> <span>US backstop <span[^>]*>\(unset', page.text)

    def test_the_page_names_the_requirement_source_and_the_26_countries(
        self, coordinator: TestClient
    ) -> None:
        """Finding 2: the "26 countries committed" of September 2025 is visible, sourced."""
        page = coordinator.get("/assessment/public").text

        assert "26 countries had formally pledged troops" in page
        assert "src-39a089594b" in page
        assert "left unset" in page  # the August 2025 scenario's description

    def test_the_public_dashboard_has_no_round_to_compare(self, coordinator: TestClient) -> None:
        assert 'id="differences-link"' not in coordinator.get("/assessment/public").text

    def test_the_xlsx_export_downloads(self, coordinator: TestClient, demo: Demo) -> None:
        response = coordinator.get(f"{demo.round_path}/export.xlsx")

        assert response.status_code == 200
        assert response.content[:2] == b"PK"
        assert "attachment" in response.headers["content-disposition"]


class TestToggles:
    def test_toggling_a_driver_changes_the_gap_in_the_fragment(
        self, coordinator: TestClient, demo: Demo
    ) -> None:
        before = coordinator.get(demo.round_path, params={"scenario": "no_us_support"})
        after = coordinator.get(
            demo.round_path, params=FULL_BACKSTOP_WITH_PEACE, headers={"HX-Request": "true"}
        )

        assert gap_low_of(before.text) == 39_750
        # US backing brings France's hearsay 6,000 (at its high end); the UK's up to 7,500
        # wait for the unticked Commons vote
        assert gap_low_of(after.text) == 33_750
        assert not after.text.lstrip().startswith("<!doctype")
        assert after.text.lstrip().startswith('<div id="dashboard"')

    def test_the_toggled_driver_is_shown_as_changed(
        self, coordinator: TestClient, demo: Demo
    ) -> None:
        page = coordinator.get(demo.round_path, params=FULL_BACKSTOP_WITH_PEACE).text

        assert re.search(r'value="peace_agreement" checked', page)
        assert "(changed)" in page

    def test_choosing_another_scenario_starts_from_its_own_drivers(
        self, coordinator: TestClient, demo: Demo
    ) -> None:
        params = FULL_BACKSTOP_WITH_PEACE | {"scenario": "no_us_support"}

        page = coordinator.get(demo.round_path, params=params).text

        assert "(changed)" not in page
        assert not re.search(r'value="us.backstop" checked', page)
