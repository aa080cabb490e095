"""A whole questionnaire round in a real browser, as the issue's "done when" describes it.

The coordinator creates a round and invites FRA, DEU, POL, GBR and EU; France drafts,
reloads, adds two contributions, meets and fixes a bad condition, submits with attestation
and later revises; Poland answers "no troops"; the United Kingdom never sees the sanctions
question; the EU's joint response is endorsed by France and, with a reservation, by Germany;
the coordinator follows the statuses, compares France's two versions and closes the round.
Every screen is saved under test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_env import COORDINATOR, open_invitation

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 900}
TABLET = {"width": 820, "height": 1180}
INVITED = ("FRA", "DEU", "POL", "GBR", "EU")


class Walkthrough:
    """One browser context per actor, and numbered screenshots of what each one sees."""

    def __init__(self, browser: Any, url: str, screenshots: Path, prefix: str) -> None:
        self.prefix = prefix
        self.browser = browser
        self.url = url
        self.screenshots = screenshots
        self.count = 0
        self.errors: list[str] = []

    def actor(self, viewport: dict[str, int] = LAPTOP) -> Any:
        context = self.browser.new_context(viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        return page

    def shot(self, page: Any, name: str, *, full_page: bool = True) -> None:
        self.count += 1
        path = self.screenshots / f"{self.prefix}-{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=full_page)


def test_a_whole_round_from_invitation_to_closing(
    browser: Any, server_url: str, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    walk = Walkthrough(browser, server_url, screenshots, "round")
    coordinator = walk.actor()
    links = _create_round_and_invite(walk, coordinator, expect)

    france = walk.actor()
    _france_drafts_reloads_adds_rows_and_fixes_a_condition(walk, france, links["FRA"], expect)
    _france_submits_then_revises(walk, france, expect)
    _poland_answers_no_troops(walk, links["POL"], expect)
    _britain_never_sees_sanctions(walk, links["GBR"], links["DEU"], expect)
    _the_eu_answers_jointly(walk, links["EU"], expect)
    _members_endorse(walk, france, links["DEU"], expect)
    _coordinator_follows_compares_and_closes(walk, coordinator, expect)
    _france_sees_the_closed_round_read_only(walk, france, expect)

    assert walk.errors == []


def test_a_conflicting_autosave_stops_and_keeps_the_text_on_screen(
    browser: Any, server_url: str, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    walk = Walkthrough(browser, server_url, screenshots, "conflict")
    link = _invite_one(walk, "ITA")
    office, embassy = walk.actor(), walk.actor()
    open_invitation(office, link)
    embassy.context.add_cookies(office.context.cookies())
    embassy.goto(f"{walk.url}/respond")

    office.locator("#q-troops").get_by_label("Remarks").fill("Text typed at the ministry.")
    expect(office.locator("#save-status")).to_contain_text("Draft saved (version 1)")
    embassy.locator("#q-troops").get_by_label("Remarks").fill("Text typed at the embassy.")

    expect(embassy.locator("#conflict")).to_be_visible()
    expect(embassy.locator("#conflict")).to_contain_text("another save (version 1")
    expect(embassy.locator("#q-troops").get_by_label("Remarks")).to_have_value(
        "Text typed at the embassy."
    )
    expect(embassy.locator("#save-status")).to_contain_text("Not saved")
    walk.shot(embassy, "conflict-keeps-text", full_page=False)


def _invite_one(walk: Walkthrough, code: str) -> str:
    page = walk.actor()
    page.goto(f"{walk.url}/login")
    page.get_by_label("Username").fill(COORDINATOR[0])
    page.get_by_label("Password").fill(COORDINATOR[1])
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{walk.url}/rounds/new")
    page.get_by_label("Title").fill("Conflict check")
    page.get_by_role("button", name="Create the round").click()
    page.get_by_label("Or paste codes").fill(code)
    page.get_by_role("button", name="Invite and show the links").click()
    link: str = page.locator(f'[data-link-for="{code}"]').inner_text()
    page.context.close()
    return link


def _create_round_and_invite(walk: Walkthrough, page: Any, expect: Any) -> dict[str, str]:
    page.goto(f"{walk.url}/login")
    walk.shot(page, "coordinator-login")
    page.get_by_label("Username").fill(COORDINATOR[0])
    page.get_by_label("Password").fill(COORDINATOR[1])
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Questionnaire rounds")).to_be_visible()
    walk.shot(page, "rounds-empty")

    page.get_by_role("link", name="Create a round").click()
    page.get_by_label("Title").fill("Security guarantee for Ukraine – September round")
    walk.shot(page, "round-new")
    page.get_by_role("button", name="Create the round").click()
    expect(page.get_by_text("The round is open")).to_be_visible()

    page.get_by_label("Find by name or code").fill("france")
    page.get_by_role("checkbox", name="France (FRA)").check()
    page.get_by_label("Find by name or code").fill("")
    page.get_by_label("Or paste codes").fill("DEU, POL\nGBR EU")
    walk.shot(page, "round-invite")
    page.get_by_role("button", name="Invite and show the links").click()
    expect(page.get_by_text("These links are shown only once")).to_be_visible()
    walk.shot(page, "links-shown-once")
    links = {code: page.locator(f'[data-link-for="{code}"]').inner_text() for code in INVITED}
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these links as CSV").click()
    csv_text = Path(download.value.path()).read_text()
    assert all(link in csv_text for link in links.values())
    return links


def _france_drafts_reloads_adds_rows_and_fixes_a_condition(
    walk: Walkthrough, page: Any, link: str, expect: Any
) -> None:
    open_invitation(page, link)
    expect(page).to_have_url(f"{walk.url}/respond")
    walk.shot(page, "fra-form-empty", full_page=False)
    troops = page.locator("#q-troops")
    troops.get_by_label("Yes, under conditions").check()
    troops.get_by_label("Remarks").fill("France will lead a framework nation group.")
    expect(page.locator("#save-status")).to_contain_text("Draft saved (version 1)")

    page.reload()
    expect(troops.get_by_label("Yes, under conditions")).to_be_checked()
    expect(troops.get_by_label("Remarks")).to_have_value(
        "France will lead a framework nation group."
    )
    walk.shot(page, "fra-draft-after-reload", full_page=False)

    add = troops.get_by_role("button", name="Add a row to “Contributions”")
    for _ in range(3):
        add.click()
    _fill_contribution(page, 0, capability="land.combat", personnel="5000", condition="")
    _fill_contribution(
        page, 2, capability="air.policing", personnel="400", condition="us.air_cover and ceasfire"
    )
    expect(page.locator('[data-error-for="troops.contributions[2].condition"]')).to_contain_text(
        "did you mean 'ceasefire'"
    )
    troops.get_by_role("button", name="Remove Contributions row 2").click()
    expect(troops.locator("[data-row]")).to_have_count(2)
    expect(page.locator("#f-troops-contributions-1-capability")).to_have_value("air.policing")
    error = page.locator('[data-error-for="troops.contributions[1].condition"]')
    expect(error).to_contain_text("did you mean 'ceasefire'")
    page.locator("#f-troops-contributions-1-condition").evaluate(
        "element => element.scrollIntoView({block: 'center'})"
    )
    walk.shot(page, "fra-invalid-condition", full_page=False)

    page.locator("#f-troops-contributions-1-condition").fill("us.air_cover and ceasefire")
    expect(error).to_be_empty()
    expect(page.locator('[data-ok-for="troops.contributions[1].condition"]')).to_contain_text(
        "Condition understood"
    )
    expect(page.locator("#save-status")).to_contain_text("Draft saved (version 2)")
    walk.shot(page, "fra-two-contributions")


def _fill_contribution(
    page: Any, row: int, *, capability: str, personnel: str, condition: str
) -> None:
    prefix = f"#f-troops-contributions-{row}"
    page.locator(f"{prefix}-capability").select_option(capability)
    page.locator(f"{prefix}-personnel").fill(personnel)
    page.locator(f"{prefix}-sustained-true").check()
    if condition:
        page.locator(f"{prefix}-condition").fill(condition)


def _france_submits_then_revises(walk: Walkthrough, page: Any, expect: Any) -> None:
    page.get_by_label("Name of the attesting official").fill("Claire Dubois")
    page.get_by_label("Title or function").fill("Director for Strategic Affairs")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#notice")).to_contain_text("your response is submitted")
    expect(page.locator("#invitee-status")).to_have_text("submitted")
    walk.shot(page, "fra-submitted", full_page=False)

    page.locator("#f-troops-contributions-0-personnel").fill("6000")
    page.get_by_role("button", name="Submit revision").click()
    expect(page.locator("#invitee-status")).to_have_text("revised")
    page.get_by_role("link", name="Your versions").click()
    expect(page.get_by_text(re.compile(r"Version \d+ – submitted"))).to_have_count(2)
    walk.shot(page, "fra-own-history")

    tablet = walk.actor(TABLET)
    tablet.context.add_cookies(page.context.cookies())
    tablet.goto(f"{walk.url}/respond")
    walk.shot(tablet, "fra-form-tablet", full_page=False)
    tablet.context.close()


def _poland_answers_no_troops(walk: Walkthrough, link: str, expect: Any) -> None:
    page = walk.actor()
    open_invitation(page, link)
    page.locator("#q-troops").get_by_label("No", exact=True).check()
    page.get_by_label("Name of the attesting official").fill("Tomasz Nowak")
    page.get_by_label("Title or function").fill("Undersecretary of State")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#invitee-status")).to_have_text("submitted")
    walk.shot(page, "pol-no-troops", full_page=False)
    page.context.close()


def _britain_never_sees_sanctions(
    walk: Walkthrough, gbr_link: str, deu_link: str, expect: Any
) -> None:
    britain = walk.actor()
    open_invitation(britain, gbr_link)
    expect(britain.locator(".question h2")).to_have_count(6)  # five questions + attestation
    expect(britain.locator("#q-sanctions")).to_have_count(0)
    expect(britain.get_by_text("Sanctions and their enforcement")).to_have_count(0)
    walk.shot(britain, "gbr-no-sanctions")
    britain.context.close()

    germany = walk.actor()
    open_invitation(germany, deu_link)
    expect(germany.locator("#q-sanctions")).to_be_visible()
    germany.context.close()


def _the_eu_answers_jointly(walk: Walkthrough, link: str, expect: Any) -> None:
    page = walk.actor()
    open_invitation(page, link)
    troops = page.locator("#q-troops")
    troops.get_by_label("Yes", exact=True).check()
    troops.get_by_role("button", name="Add a row to “Contributions”").click()
    _fill_contribution(page, 0, capability="land.training", personnel="2000", condition="")
    sanctions = page.locator("#q-sanctions")
    sanctions.get_by_role("button", name="Add a row to “Measures”").click()
    page.locator("#f-sanctions-measures-0-measure").select_option("shadow_fleet_listings")
    page.locator("#f-sanctions-measures-0-stance").select_option("support")
    page.get_by_label("Name of the attesting official").fill("Elena Rossi")
    page.get_by_label("Title or function").fill("EEAS Deputy Secretary-General")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#invitee-status")).to_have_text("submitted")
    page.context.close()


def _members_endorse(walk: Walkthrough, france: Any, deu_link: str, expect: Any) -> None:
    france.goto(f"{walk.url}/respond")
    france.get_by_role("link", name="The joint response of EU").click()
    france.get_by_label("Endorsed", exact=True).check()
    france.get_by_label("Comment").fill("France backs the joint answer.")
    france.get_by_role("button", name="Record the verdict").click()
    expect(france.locator("#my-verdict")).to_contain_text("Endorsed")
    walk.shot(france, "fra-endorses-eu")

    germany = walk.actor()
    open_invitation(germany, deu_link)
    germany.get_by_role("link", name="The joint response of EU").click()
    germany.get_by_label("Endorsed with reservations").check()
    germany.get_by_role("checkbox", name=re.compile(r"3\. Forces on the ground")).check()
    germany.get_by_label("Comment").fill("Deployment needs a Bundestag mandate.")
    walk.shot(germany, "deu-reservation-form")
    germany.get_by_role("button", name="Record the verdict").click()
    expect(germany.locator("#my-verdict")).to_contain_text("Endorsed with reservations on troops")
    germany.context.close()


def _coordinator_follows_compares_and_closes(walk: Walkthrough, page: Any, expect: Any) -> None:
    page.get_by_role("link", name="Back to the round").click()
    statuses = {
        "FRA": "revised",
        "DEU": "opened",
        "POL": "submitted",
        "GBR": "opened",
        "EU": "submitted",
    }
    for code, status in statuses.items():
        expect(page.locator(f"#invitee-{code} [data-status]")).to_have_text(status)
    walk.shot(page, "coordinator-statuses")

    page.get_by_role("link", name="View response of FRA").click()
    expect(page.locator("#versions tbody tr")).to_have_count(4)
    page.locator("#diff-a").select_option("3")
    page.locator("#diff-b").select_option("4")
    page.get_by_role("button", name="Show the changes").click()
    diff = page.locator("#diff")
    expect(diff).to_contain_text("Contributions, row 1 › Personnel deployed at any one time")
    expect(diff).to_contain_text("6000")
    walk.shot(page, "coordinator-fra-diff")

    page.get_by_role("link", name=re.compile("Security guarantee")).first.click()
    page.get_by_role("link", name="Joint responses: who endorses, who departs").click()
    expect(page.get_by_text("Deployment needs a Bundestag mandate.")).to_be_visible()
    walk.shot(page, "coordinator-joint-overview")

    page.get_by_role("link", name=re.compile("Security guarantee")).first.click()
    page.get_by_role("link", name="Close the round…").click()
    walk.shot(page, "coordinator-close-confirm")
    page.get_by_role("button", name="Yes, close the round").click()
    expect(page.get_by_text("The round is closed")).to_be_visible()
    walk.shot(page, "coordinator-round-closed")


def _france_sees_the_closed_round_read_only(walk: Walkthrough, page: Any, expect: Any) -> None:
    page.goto(f"{walk.url}/respond")
    expect(page.get_by_text("This round is closed")).to_be_visible()
    expect(page.locator("#response-form")).to_have_count(0)
    walk.shot(page, "fra-closed-read-only", full_page=False)
