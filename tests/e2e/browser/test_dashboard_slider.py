"""The dashboard's probability panel in a real browser: drag a driver's slider and see the chance
of meeting the requirement and the chart of P(force >= x) change, with no console error.

The round's answers meet `kyiv_40k` exactly when the US backstop holds
(tests/probability_round.py), so after the drag P(met) is the slider's own value. A real
`forcegen serve` over a temporary SQLite demo database, driven by Debian's chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_env import CHROMIUM, CHROMIUM_ARGS, COORDINATOR, SCREENSHOTS, require_chromium
from respondent_world import demo_world, log_in

from forcegen.bootstrap import build_services
from forcegen.config import Settings
from probability_round import round_meeting

pytestmark = pytest.mark.browser

# P(force >= x) as drawn ('' while the swapped-in chart is not drawn yet)
DRAWN_CURVE = "(document.querySelector('[data-chart=probability]').data || [{y: []}])[0].y.join()"


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(base URL, dashboard path) of a server with a round that meets kyiv_40k on a backstop."""
    require_chromium()
    with demo_world(tmp_path_factory.mktemp("probability-server")) as world:
        services = build_services(Settings.from_env(world.env))
        try:
            round_id = round_meeting(services, requirement="kyiv_40k", condition="us.backstop")
        finally:
            services.close()
        yield world.url, f"/rounds/{round_id}/assessment?scenario=no_us_support"


@pytest.fixture(scope="module")
def page(dashboard: tuple[str, str]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        yield page
        browser.close()


def _p_met(page: Any) -> float:
    return float(page.get_attribute("#p-met", "data-p-met"))


def test_dragging_a_slider_changes_p_met_and_the_chance_of_each_force(
    dashboard: tuple[str, str], page: Any
) -> None:
    base, path = dashboard
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, base, COORDINATOR, path)
    page.wait_for_selector("body[data-charts-drawn]", state="attached", timeout=20_000)
    slider = page.locator("#p-us-backstop")
    slider.scroll_into_view_if_needed()
    assert _p_met(page) == 0.0
    assert slider.input_value() == "0"
    curve = page.evaluate(DRAWN_CURVE)
    gap = page.text_content("#gap")

    box = slider.bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    page.wait_for_function(
        "() => Number(document.querySelector('#p-met').dataset.pMet) > 0", timeout=20_000
    )
    page.wait_for_function(
        f"curve => ![curve, ''].includes({DRAWN_CURVE})", arg=curve, timeout=20_000
    )

    percent = int(page.locator("#p-us-backstop").input_value())
    assert 40 <= percent <= 80
    assert _p_met(page) == pytest.approx(percent / 100)
    assert page.text_content("#p-us-backstop-value") == f"{percent}%"
    assert page.text_content("#gap") == gap  # the scenario's own figures stay as they were
    page.locator("#probability-panel").screenshot(
        path=str(SCREENSHOTS / "dashboard-probability.png")
    )
    assert problems == []
