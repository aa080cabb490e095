"""Accessibility: axe-core (shipped inside axe-playwright-python, nothing fetched) finds no
serious or critical violation on the respondent's form, the round status page and the
assessment dashboard."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_env import COORDINATOR, open_invitation
from respondent_world import World, log_in

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")


def _blocking_violations(page: Any) -> list[str]:
    """Each serious or critical violation as `rule: where` (empty when there is none)."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} – {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


def test_the_respondent_s_form_has_no_serious_accessibility_violation(
    world: World, browser: Any
) -> None:
    links = world.invite("SWE", "EU", title="Accessibility round")
    page = world.page(browser)
    open_invitation(page, links["SWE"])
    troops = page.locator("#q-troops")
    troops.get_by_label("Yes, under conditions").check()
    troops.get_by_role("button", name="Add a row to “Contributions”").click()
    page.get_by_role("combobox", name="States").fill("nor")

    assert _blocking_violations(page) == []


def test_the_printable_copy_of_a_submitted_response_has_no_serious_accessibility_violation(
    world: World, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = world.page(browser)
    open_invitation(page, world.invite("FIN", title="Accessibility round")["FIN"])
    page.locator("#q-troops").get_by_label("Not decided yet").check()
    page.get_by_label("Name of the attesting official").fill("Aino Virtanen")
    page.get_by_label("Title or function").fill("Director-General")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#invitee-status")).to_have_text("submitted")
    page.get_by_role("link", name="Printable view").click()

    assert _blocking_violations(page) == []


def test_the_round_status_page_has_no_serious_accessibility_violation(
    world: World, browser: Any
) -> None:
    page = world.page(browser)
    log_in(page, world.url, COORDINATOR, f"/rounds/{world.demo_round_id}")

    assert _blocking_violations(page) == []


def test_the_dashboard_has_no_serious_accessibility_violation(world: World, browser: Any) -> None:
    page = world.page(browser)
    log_in(page, world.url, COORDINATOR, f"/rounds/{world.demo_round_id}/assessment")
    page.wait_for_selector("body[data-charts-drawn]", state="attached", timeout=20_000)

    assert _blocking_violations(page) == []


def test_the_check_would_catch_an_input_without_a_label(world: World, browser: Any) -> None:
    page = world.page(browser)
    log_in(page, world.url, COORDINATOR, f"/rounds/{world.demo_round_id}")
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")

    assert any(v.startswith("label (critical)") for v in _blocking_violations(page))
