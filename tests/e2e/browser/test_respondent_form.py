"""The respondent's form in a real browser: what a ministry desk officer does without help.

Each test is one defect of issue 11 seen from the officer's chair: clicks that must land,
drafts that keep what was typed, answers that contradict each other, the attestation, the
condition builder, the length of the form, and a phone-sized screen.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from browser_env import COORDINATOR, open_invitation
from respondent_world import World, log_in

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

pytestmark = pytest.mark.browser


def _form(world: World, browser: Any, code: str, **viewport: Any) -> Any:
    link = world.invite(code)[code]
    page = world.page(browser, **viewport)
    open_invitation(page, link)
    return page


def _attest(page: Any, name: str, title: str) -> None:
    page.get_by_label("Name of the attesting official").fill(name)
    page.get_by_label("Title or function").fill(title)


def _tab_presses_to_reach(page: Any, element_id: str, *, at_most: int) -> int:
    """How many presses of Tab, from the top of a freshly loaded page, focus `element_id`."""
    page.reload()
    for presses in range(1, at_most + 1):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return presses
    return at_most + 1


def _boxes(page: Any) -> list[tuple[float, float]]:
    buttons = (page.locator("#save-draft"), page.locator("#submit-response"))
    return [(box["x"], box["y"]) for box in (b.bounding_box() for b in buttons)]


def test_save_and_submit_stay_put_and_a_pending_change_shows_until_submitted(
    world: World, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _form(world, browser, "FRA")
    status = page.locator("#save-status")
    troops = page.locator("#q-troops")
    troops.get_by_label("Yes, under conditions").check()
    _attest(page, "Claire Dubois", "Director for Strategic Affairs")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#invitee-status")).to_have_text("submitted")
    expect(page.locator("#pending-changes")).to_be_hidden()
    where = _boxes(page)

    expect(page.locator("#submitted-version")).to_contain_text("version 1 submitted")
    remarks = troops.get_by_label("Remarks")
    remarks.click()
    remarks.press_sequentially("France will lead a framework nation group.")
    expect(page.locator("#pending-changes")).to_contain_text("changes not submitted")
    page.wait_for_timeout(3_000)  # the officer pauses; the autosave runs meanwhile
    page.get_by_role("button", name="Save draft").click()  # the field loses focus here
    expect(status).to_contain_text("Draft saved (version 2)", timeout=8_000)
    assert _boxes(page) == where
    remarks.click()
    remarks.evaluate("element => element.blur()")
    assert _boxes(page) == where
    expect(page.locator("#newer-draft")).to_contain_text(
        "a newer draft (version 2) is not submitted"
    )

    remarks.click()
    remarks.press_sequentially(" Details follow.")
    page.wait_for_timeout(3_000)
    page.get_by_role("button", name="Submit revision").click()  # the field loses focus here
    expect(page.locator("#invitee-status")).to_have_text("revised", timeout=5_000)
    expect(page.locator("#pending-changes")).to_be_hidden()
    expect(page.locator("#newer-draft")).to_be_hidden()
    expect(page.locator("#submitted-version")).to_contain_text(
        re.compile(r"version \d+ submitted .* by Claire Dubois")
    )
    submitted = page.locator("#response-form").get_attribute("data-submitted-version")
    expect(page.locator("#submitted-version")).to_contain_text(f"version {submitted} submitted")
    assert int(submitted or 0) >= 3
    assert _boxes(page) == where


def test_an_invalid_value_stays_in_the_draft_marked_and_blocks_only_submission(
    world: World, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _form(world, browser, "ITA")
    troops = page.locator("#q-troops")
    troops.get_by_label("Yes", exact=True).check()
    troops.get_by_role("button", name="Add a row to “Contributions”").click()
    page.locator("#f-troops-contributions-0-capability").select_option("land.combat")
    page.locator("#f-troops-contributions-0-personnel").fill("-200")
    page.locator("#q-support_for_ukraine").get_by_role(
        "button", name=re.compile("Add a row")
    ).click()
    page.locator("#f-support_for_ukraine-items-0-category").select_option("funding")
    page.locator("#f-support_for_ukraine-items-0-item").fill("Budget support")
    page.locator("#f-support_for_ukraine-items-0-value_eur").fill("about 10 million")
    expect(page.locator("#save-status")).to_contain_text("to correct before submitting")

    page.reload()
    expect(page.locator("#f-troops-contributions-0-personnel")).to_have_value("-200")
    expect(page.locator("#f-support_for_ukraine-items-0-value_eur")).to_have_value(
        "about 10 million"
    )
    expect(page.locator('[data-error-for="troops.contributions[0].personnel"]')).to_contain_text(
        "below the minimum"
    )
    expect(
        page.locator('[data-error-for="support_for_ukraine.items[0].value_eur"]')
    ).to_contain_text("'about 10 million' is not an amount")

    dialogs: list[str] = []

    def note(dialog: Dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", note)
    page.locator("#f-troops-contributions-0-personnel").click()
    page.keyboard.press("End")
    page.keyboard.type("0")
    page.get_by_role("link", name="Your versions").click(no_wait_after=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    expect(page).to_have_url(re.compile(r"/respond$"))

    _attest(page, "Marco Bianchi", "Director-General for Political Affairs")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#error-summary")).to_contain_text("below the minimum")
    expect(page.locator("#invitee-status")).to_have_text("draft")


def test_a_no_with_a_contribution_is_flagged_and_support_from_outside_has_its_place(
    world: World, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _form(world, browser, "POL")
    troops = page.locator("#q-troops")
    troops.get_by_label("No", exact=True).check()
    troops.get_by_role("button", name="Add a row to “Contributions”").click()
    page.locator("#f-troops-contributions-0-capability").select_option("logistics")
    page.locator("#f-troops-contributions-0-personnel").fill("1500")
    page.locator("#f-troops-contributions-0-sustained-true").check()
    contradiction = page.locator('[data-error-for="troops.contributions"]')
    expect(contradiction).to_contain_text("you answered “No”")
    expect(contradiction).to_contain_text("Support from outside Ukraine")
    _attest(page, "Tomasz Nowak", "Undersecretary of State")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#error-summary")).to_contain_text("you answered “No”")
    expect(page.locator("#invitee-status")).not_to_have_text("submitted")
    expect(page.locator("#f-troops-contributions-0-personnel")).to_have_value("1500")

    troops.get_by_role("button", name="Remove Contributions row 1").click()
    outside = troops.get_by_role("button", name="Add a row to “Support from outside Ukraine”")
    outside.click()
    page.locator("#f-troops-from_outside-0-capability").select_option("logistics")
    page.locator("#f-troops-from_outside-0-personnel").fill("1,500")
    page.locator("#f-troops-from_outside-0-based_in").fill("Rzeszów hub, Poland")
    page.locator("#f-troops-from_outside-0-sustained-true").check()
    expect(contradiction).to_be_empty()
    _attest(page, "Tomasz Nowak", "Undersecretary of State")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#invitee-status")).to_have_text("submitted")

    page.goto(f"{world.url}/respond/history")
    expect(page.locator("main")).to_contain_text("Rzeszów hub, Poland")

    coordinator = world.page(browser)
    log_in(coordinator, world.url, COORDINATOR, f"/rounds/{world.last_round_id}/assessment")
    pledge = coordinator.locator("#pledges tr", has_text="POL/outside/1")
    expect(pledge).to_contain_text("logistics")
    expect(pledge).to_contain_text("1,500")
    logistics = coordinator.locator("#table-coverage tbody tr", has_text="Logistics").first
    expect(logistics).to_contain_text("1,500")


def test_enter_in_a_text_field_keeps_the_attestation_and_submit_then_works(
    world: World, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _form(world, browser, "ESP")
    troops = page.locator("#q-troops")
    troops.get_by_label("Not decided yet").check()
    _attest(page, "Ana Gómez", "Secretary General for Defence Policy")
    page.get_by_label("Title or function").press("Enter")
    page.wait_for_timeout(300)
    expect(page.get_by_label("Name of the attesting official")).to_have_value("Ana Gómez")

    troops.get_by_role("button", name="Add a row to “Support from outside Ukraine”").click()
    page.locator("#f-troops-from_outside-0-capability").select_option("land.training")
    page.locator("#f-troops-from_outside-0-personnel").fill("300")
    page.locator("#f-troops-from_outside-0-sustained-true").check()
    page.evaluate("() => { window.neverReloaded = true; }")
    based_in = page.locator("#f-troops-from_outside-0-based_in")
    based_in.click()
    based_in.press_sequentially("Zaragoza training centre")
    based_in.press("Enter")
    expect(page.locator("#save-status")).to_contain_text("Draft saved")
    assert page.evaluate("() => window.neverReloaded === true"), "Enter reloaded the page"
    expect(page.get_by_label("Name of the attesting official")).to_have_value("Ana Gómez")
    expect(page.get_by_label("Title or function")).to_have_value(
        "Secretary General for Defence Policy"
    )

    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#invitee-status")).to_have_text("submitted")
    expect(page.locator("#submitted-version")).to_contain_text("by Ana Gómez")


def test_the_condition_builder_speaks_plainly_and_knows_common_names(
    world: World, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _form(world, browser, "NLD")
    troops = page.locator("#q-troops")
    troops.get_by_label("Yes, under conditions").check()
    troops.get_by_role("button", name="Add a row to “Contributions”").click()
    builder = page.locator('[data-builder-for="troops.contributions[0].condition"]')
    builder.get_by_role("checkbox", name="US air cover").check()
    builder.get_by_role("checkbox", name="Ceasefire in force").check()
    builder.get_by_label("Government").fill("UK")
    builder.get_by_label("Sends at least (personnel)").fill("5.000")  # 5 or 5,000?
    builder.get_by_role("button", name="Add this condition").click()
    expect(builder).to_contain_text("Write the personnel as a whole number, e.g. 5000 or 5,000")
    builder.get_by_label("Sends at least (personnel)").fill("5,000")
    builder.get_by_role("button", name="Add this condition").click()

    condition = page.locator("#f-troops-contributions-0-condition")
    expect(condition).to_have_value("us.air_cover and ceasefire and troops(GBR) >= 5000")
    words = page.locator('[data-plain-for="troops.contributions[0].condition"]')
    expect(words).to_contain_text("US air cover")
    expect(words).to_contain_text("the United Kingdom sends at least 5,000 personnel")

    condition.fill("troops(Britain) >= 5,000 and troops(Türkiye) > 0")
    expect(page.locator('[data-ok-for="troops.contributions[0].condition"]')).to_contain_text(
        "troops(GBR) >= 5000 and troops(TUR) > 0"
    )
    condition.fill("troops(Narnia) >= 1")
    error = page.locator('[data-error-for="troops.contributions[0].condition"]')
    expect(error).to_contain_text("Narnia")
    assert "forcegen" not in error.inner_text()


def test_the_form_is_short_to_tab_through_shows_the_steps_and_its_progress(
    world: World, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _form(world, browser, "EU")
    presses = _tab_presses_to_reach(page, "submit-response", at_most=300)
    assert presses <= 60, f"{presses} Tab presses from the top of the page to Submit"
    expect(page.locator("#q-participants input[type=checkbox]")).to_have_count(0)

    states = page.get_by_role("combobox", name="States")
    states.fill("UK")
    expect(page.get_by_role("option").first).to_contain_text("United Kingdom")
    states.fill("brit")
    page.get_by_role("option", name=re.compile("United Kingdom")).click()
    states.fill("Türkiye")
    page.get_by_role("option", name=re.compile("Türkiye")).click()
    expect(page.locator("#q-participants")).to_contain_text("United Kingdom")
    states.fill("")
    states.press("ArrowDown")
    expect(page.get_by_role("option").first).to_be_visible()
    offered = " | ".join(page.get_by_role("option").all_inner_texts())
    assert "Belgium" in offered, offered  # likely participants, by name
    for unlikely in ("Afghanistan", "Antarctica", "Russia"):
        assert unlikely not in offered, offered

    steps = page.locator("#q-if_attacked")
    for step in ("Urgent consultations among partners", "Air support to the force"):
        expect(steps).to_contain_text(step)
    progress = page.locator("#progress")
    expect(progress).to_contain_text("1 of")
    page.locator("#q-troops").get_by_label("Not decided yet").check()
    expect(progress).to_contain_text("2 of")
    expect(page.locator("main")).not_to_contain_text("government of European Union")
