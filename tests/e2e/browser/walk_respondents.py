"""The respondents' part of the round walk: France, Poland, the United Kingdom, Germany and
the EU, each meeting the defects of issue 11 that a desk officer would meet.

    France   an invalid number kept in a draft across a reload (2), the condition builder
             with "Britain" and "5,000" (5), Enter in a field of the attestation (4), a
             revision clicked right after an autosave (1), the form at 1280 and 390 px (7)
    Poland   a "No" with a contribution, flagged and moved to support from outside (3)
    EU       the state picker, the steps of question 4, progress, its own wording (6)
"""

from __future__ import annotations

from typing import Any

from browser_env import open_invitation
from walk_screens import PHONE, Walkthrough


def attest(page: Any, name: str, title: str) -> None:
    page.get_by_label("Name of the attesting official").fill(name)
    page.get_by_label("Title or function").fill(title)


def fill_contribution(page: Any, row: int, *, capability: str, personnel: str) -> None:
    prefix = f"#f-troops-contributions-{row}"
    page.locator(f"{prefix}-capability").select_option(capability)
    page.locator(f"{prefix}-personnel").fill(personnel)
    page.locator(f"{prefix}-sustained-true").check()


def france_drafts(walk: Walkthrough, page: Any, link: str, expect: Any) -> None:
    """Draft, reload, keep an invalid number, build one condition and fix a typed one."""
    open_invitation(page, link)
    walk.shot(page, "fra-form-empty", full_page=False)
    troops = page.locator("#q-troops")
    troops.get_by_label("Yes, under conditions").check()
    troops.get_by_label("Remarks").fill("France will lead a framework nation group.")
    expect(page.locator("#save-status")).to_contain_text("Draft saved (version 1)")

    add = troops.get_by_role("button", name="Add a row to “Contributions”")
    add.click()
    fill_contribution(page, 0, capability="land.combat", personnel="-200")
    expect(page.locator("#save-status")).to_contain_text("to correct before submitting")
    page.reload()
    expect(troops.get_by_label("Yes, under conditions")).to_be_checked()
    personnel = page.locator("#f-troops-contributions-0-personnel")
    expect(personnel).to_have_value("-200")
    expect(page.locator('[data-error-for="troops.contributions[0].personnel"]')).to_contain_text(
        "below the minimum"
    )
    walk.shot(page, "fra-invalid-number-kept", full_page=False)
    personnel.fill("5,000")

    builder = page.locator('[data-builder-for="troops.contributions[0].condition"]')
    builder.get_by_role("checkbox", name="Ceasefire in force").check()
    builder.get_by_label("Government").fill("Britain")
    builder.get_by_label("Sends at least (personnel)").fill("5,000")
    builder.get_by_role("button", name="Add this condition").click()
    expect(page.locator("#f-troops-contributions-0-condition")).to_have_value(
        "ceasefire and troops(GBR) >= 5000"
    )
    expect(page.locator('[data-plain-for="troops.contributions[0].condition"]')).to_contain_text(
        "the United Kingdom sends at least 5,000 personnel"
    )

    add.click()
    fill_contribution(page, 1, capability="air.policing", personnel="400")
    condition = page.locator("#f-troops-contributions-1-condition")
    condition.fill("us.air_cover and ceasfire")
    error = page.locator('[data-error-for="troops.contributions[1].condition"]')
    expect(error).to_contain_text("did you mean 'ceasefire'")
    condition.fill("us.air_cover and ceasefire")
    expect(error).to_be_empty()
    expect(page.locator("#save-status")).to_contain_text("Draft saved", timeout=10_000)
    expect(page.locator("#save-status")).not_to_contain_text("to correct")
    walk.shot(page, "fra-two-contributions")


def france_submits_then_revises(walk: Walkthrough, page: Any, expect: Any) -> None:
    """Enter in the attestation keeps it; a revision clicked after an autosave lands."""
    attest(page, "Claire Dubois", "Director for Strategic Affairs")
    page.get_by_label("Title or function").press("Enter")
    expect(page.get_by_label("Name of the attesting official")).to_have_value("Claire Dubois")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#notice")).to_contain_text("your response is submitted")
    expect(page.locator("#invitee-status")).to_have_text("submitted")
    walk.shot(page, "fra-submitted", full_page=False)

    personnel = page.locator("#f-troops-contributions-0-personnel")
    personnel.click()
    personnel.press("Control+a")
    personnel.press_sequentially("6000")
    expect(page.locator("#save-status")).to_contain_text("Draft saved", timeout=10_000)
    expect(page.locator("#pending-changes")).to_be_visible()
    walk.shot(page, "fra-changes-not-submitted", full_page=False)
    page.get_by_role("button", name="Submit revision").click()
    expect(page.locator("#invitee-status")).to_have_text("revised")
    expect(page.locator("#pending-changes")).to_be_hidden()

    laptop_and_phone(walk, page, expect)
    page.get_by_role("link", name="Your versions").click()
    expect(page.get_by_text("submitted, attested by Claire Dubois")).to_have_count(2)
    walk.shot(page, "fra-own-history")


def laptop_and_phone(walk: Walkthrough, page: Any, expect: Any) -> None:
    """The form as France sees it at 1280 px, then on a phone (390 px): nothing sideways."""
    walk.shot(page, "fra-form-1280")
    phone = walk.actor(PHONE)
    phone.context.add_cookies(page.context.cookies())
    phone.goto(f"{walk.url}/respond")
    expect(phone.locator("#response-form")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    walk.shot(phone, "fra-form-390-top", full_page=False)
    phone.locator("#f-troops-contributions-0-personnel").scroll_into_view_if_needed()
    walk.shot(phone, "fra-form-390-contribution", full_page=False)
    phone.locator(
        '[data-builder-for="troops.contributions[0].condition"]'
    ).scroll_into_view_if_needed()
    walk.shot(phone, "fra-form-390-condition", full_page=False)
    phone.context.close()


def poland_moves_its_hub_outside(walk: Walkthrough, link: str, expect: Any) -> None:
    page = walk.actor()
    open_invitation(page, link)
    troops = page.locator("#q-troops")
    troops.get_by_label("No", exact=True).check()
    troops.get_by_role("button", name="Add a row to “Contributions”").click()
    fill_contribution(page, 0, capability="logistics", personnel="1500")
    contradiction = page.locator('[data-error-for="troops.contributions"]')
    expect(contradiction).to_contain_text("you answered “No”")
    walk.shot(page, "pol-no-with-a-contribution", full_page=False)

    troops.get_by_role("button", name="Remove Contributions row 1").click()
    troops.get_by_role("button", name="Add a row to “Support from outside Ukraine”").click()
    page.locator("#f-troops-from_outside-0-capability").select_option("logistics")
    page.locator("#f-troops-from_outside-0-personnel").fill("1,500")
    page.locator("#f-troops-from_outside-0-based_in").fill("Rzeszów hub, Poland")
    page.locator("#f-troops-from_outside-0-sustained-true").check()
    expect(contradiction).to_be_empty()
    attest(page, "Tomasz Nowak", "Undersecretary of State")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#invitee-status")).to_have_text("submitted")
    walk.shot(page, "pol-support-from-outside", full_page=False)
    page.context.close()


def britain_never_sees_sanctions(walk: Walkthrough, gbr: str, deu: str, expect: Any) -> None:
    britain = walk.actor()
    open_invitation(britain, gbr)
    expect(britain.locator(".question h2")).to_have_count(6)  # five questions + attestation
    expect(britain.locator("#q-sanctions")).to_have_count(0)
    walk.shot(britain, "gbr-no-sanctions")
    britain.context.close()

    germany = walk.actor()
    open_invitation(germany, deu)
    expect(germany.locator("#q-sanctions")).to_be_visible()
    germany.context.close()


def the_eu_answers_jointly(walk: Walkthrough, link: str, expect: Any) -> None:
    page = walk.actor()
    open_invitation(page, link)
    expect(page.locator("main")).not_to_contain_text("government of European Union")
    states = page.get_by_role("combobox", name="States")
    for typed, name in (("Britain", "United Kingdom"), ("Turkey", "Türkiye")):
        states.fill(typed)
        page.get_by_role("option", name=f"{name} (").first.click()
    expect(page.locator("#q-participants .chips")).to_contain_text("United Kingdom")

    troops = page.locator("#q-troops")
    troops.get_by_label("Yes", exact=True).check()
    troops.get_by_role("button", name="Add a row to “Contributions”").click()
    fill_contribution(page, 0, capability="land.training", personnel="2000")
    steps = page.locator("#q-if_attacked")
    expect(steps.locator(".step-card")).to_have_count(7)
    step = steps.locator(".step-card", has_text="Urgent consultations among partners")
    for question in ("Your government supports this step", "Your government would take part"):
        step.get_by_role("group", name=question).get_by_label("Yes").check()
    sanctions = page.locator("#q-sanctions")
    sanctions.get_by_role("button", name="Add a row to “Measures”").click()
    page.locator("#f-sanctions-measures-0-measure").select_option("shadow_fleet_listings")
    page.locator("#f-sanctions-measures-0-stance").select_option("support")
    expect(page.locator("#progress")).to_contain_text("4 of 6 questions answered")
    walk.shot(page, "eu-joint-form")
    attest(page, "Elena Rossi", "EEAS Deputy Secretary-General")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#invitee-status")).to_have_text("submitted")
    page.context.close()
