"""A whole questionnaire round in a real browser, on SQLite and on PostgreSQL, meeting on the
way each defect of issue 11 that a desk officer or the coordinator would meet.

The coordinator creates a round and invites FRA, DEU, POL, GBR and EU. France drafts, keeps
an invalid number across a reload, builds a condition from lists, submits (Enter in the
attestation keeps it) and revises right after an autosave; Poland's "No" with a hub in
Ukraine is flagged and moved to support from outside; the United Kingdom never sees the
sanctions question; the EU picks states by name, answers a step of question 4 and is endorsed
by France and, with a reservation, by Germany. The coordinator follows progress, downloads
every answer, reminds those who have not answered, opens the assessment, compares France's
versions and closes the round. Every screen is saved under test-artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser_env import COORDINATOR, open_invitation
from walk_respondents import (
    britain_never_sees_sanctions,
    france_drafts,
    france_submits_then_revises,
    poland_moves_its_hub_outside,
    the_eu_answers_jointly,
)
from walk_screens import Walkthrough

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

pytestmark = pytest.mark.browser

INVITED = ("FRA", "DEU", "POL", "GBR", "EU")
ROUND_TITLE = "Security guarantee for Ukraine – September round"


def test_a_whole_round_from_invitation_to_closing(
    browser: Any, server_url: str, screenshots: Path, database: str | None
) -> None:
    from playwright.sync_api import expect

    walk = Walkthrough(browser, server_url, screenshots, f"round-{_name(database)}")
    coordinator = walk.actor()
    links = _create_round_and_invite(walk, coordinator, expect)

    france = walk.actor()
    france_drafts(walk, france, links["FRA"], expect)
    france_submits_then_revises(walk, france, expect)
    poland_moves_its_hub_outside(walk, links["POL"], expect)
    britain_never_sees_sanctions(walk, links["GBR"], links["DEU"], expect)
    the_eu_answers_jointly(walk, links["EU"], expect)
    _members_endorse(walk, france, links["DEU"], expect)
    _coordinator_follows_progress_and_reminds(walk, coordinator, expect)
    _coordinator_compares_and_closes(walk, coordinator, expect)
    _france_sees_the_closed_round_read_only(walk, france, expect)

    assert walk.errors == []


def test_a_conflicting_autosave_stops_and_keeps_the_text_on_screen(
    browser: Any, server_url: str, screenshots: Path, database: str | None
) -> None:
    from playwright.sync_api import expect

    walk = Walkthrough(browser, server_url, screenshots, f"conflict-{_name(database)}")
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


def _name(database: str | None) -> str:
    return "sqlite" if database is None else "postgres"


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
    page.get_by_label("Title").fill(ROUND_TITLE)
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


def _coordinator_follows_progress_and_reminds(walk: Walkthrough, page: Any, expect: Any) -> None:
    page.goto(f"{walk.url}/rounds")
    row = page.locator("tr", has=page.get_by_role("link", name=ROUND_TITLE, exact=True))
    expect(row).to_contain_text("3 of 5 answered")
    page.get_by_role("link", name=ROUND_TITLE, exact=True).click()
    statuses = {"FRA": "revised", "DEU": "opened", "POL": "submitted", "GBR": "opened"}
    for code, status in (statuses | {"EU": "submitted"}).items():
        expect(page.locator(f"#invitee-{code} [data-status]")).to_have_text(status)
    walk.shot(page, "coordinator-statuses")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download every answer (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    answers = {(a["participant"], a["path"]): a["value"] for a in csv.DictReader(io.StringIO(text))}
    assert answers["FRA", "troops.notes"] == "France will lead a framework nation group."
    assert answers["POL", "troops.from_outside[0].based_in"] == "Rzeszów hub, Poland"

    asked: list[str] = []

    def note(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", note)
    page.get_by_role("button", name="New link for DEU").click()
    expect(page.locator("#invitee-DEU [data-status]")).to_have_text("opened")
    assert len(asked) == 1

    page.get_by_role("button", name="Prepare reminders").click()
    expect(page.locator("[data-reminder-for]")).to_have_count(2)  # Germany and Britain
    walk.shot(page, "coordinator-reminders")
    page.get_by_role("link", name="Back to the round").click()

    page.get_by_role("link", name="Assessment of this round").click()
    expect(page.locator("#pledges")).to_contain_text("POL/outside/1")
    walk.shot(page, "coordinator-assessment")
    page.go_back()


def _coordinator_compares_and_closes(walk: Walkthrough, page: Any, expect: Any) -> None:
    page.get_by_role("link", name="View response of FRA").click()
    page.locator("#diff-a").select_option("1")
    page.get_by_role("button", name="Show the changes").click()
    expect(page.locator("#diff")).to_contain_text("6000")
    walk.shot(page, "coordinator-fra-diff")

    page.get_by_role("link", name=ROUND_TITLE).first.click()
    page.get_by_role("link", name="Joint responses: who endorses, who departs").click()
    expect(page.get_by_text("Deployment needs a Bundestag mandate.")).to_be_visible()
    walk.shot(page, "coordinator-joint-overview")

    page.get_by_role("link", name=ROUND_TITLE).first.click()
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
