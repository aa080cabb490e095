"""The dashboard in a real browser shows ranges and says what it does not count: the UK's
"up to 7,500" makes the public force a range, and a round's pledges without a number are
named in the unquantified note (issue 9). Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_env import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, require_chromium, server_env, serving
from respondent_world import load_demo_database

from forcegen.bootstrap import build_services
from forcegen.config import Settings
from forcegen.model.amount_parse import parse_count
from forcegen.model.user import Role

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "rhea", "a long coordinator passphrase"
UK_CONDITIONS = "set=peace_agreement%3Dtrue&set=parliament.GBR%3Dtrue"


def _state_the_uk_as_an_upper_bound(env: dict[str, str]) -> None:
    services = build_services(Settings.from_env(env))
    try:
        with services.uow() as uow:
            (uk,) = uow.pledges.list(contributor="GBR")
            uow.pledges.update(uk.model_copy(update={"personnel": parse_count("up to 7,500")}))
            uow.commit()
    finally:
        services.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(base URL, round id) of a server over the demo, the UK stated as "up to 7,500"."""
    require_chromium()
    data_dir = tmp_path_factory.mktemp("ranges-server")
    env = server_env(data_dir)
    round_id = load_demo_database(env, ((USERNAME, PASSWORD, Role.COORDINATOR),))
    _state_the_uk_as_an_upper_bound(env)
    with serving(env, data_dir) as url:
        yield url, round_id


@pytest.fixture(scope="module")
def page(server: tuple[str, str]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    base, _ = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{base}/login")
        page.fill("#username", USERNAME)
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        yield page
        browser.close()


def test_an_upper_bound_shows_the_force_as_a_range(server: tuple[str, str], page: Any) -> None:
    base, _ = server
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{base}/assessment/public?{UK_CONDITIONS}")
    page.wait_for_selector("body[data-charts-drawn]", state="attached", timeout=20_000)

    assert page.text_content("#force-total") == "50–13,900"
    assert page.text_content("#gap") == "26,100–39,950"
    assert page.is_visible("#range-note")
    assert "up to 7,500" in str(page.text_content("#pledges"))
    page.screenshot(path=str(SCREENSHOTS / "dashboard-ranges.png"), full_page=False)


def test_pledges_without_a_number_are_named_not_counted(server: tuple[str, str], page: Any) -> None:
    base, round_id = server

    page.goto(f"{base}/rounds/{round_id}/assessment?scenario=full_backstop")
    page.wait_for_selector("body[data-charts-drawn]", state="attached", timeout=20_000)

    note = " ".join(str(page.text_content("#unquantified-note")).split())
    assert "state no number" in note
    assert "BEL" in note
    assert "not counted in these figures, never as zero" in note
    assert "Imputed estimate" in note
    page.locator("#unquantified-note").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "dashboard-unquantified.png"), full_page=False)
