"""The coordinator's and the analyst's pages in a real browser: the rough edges of issue 11.

Progress counts and the way from a round to its assessment, every raw answer as a file,
confirmation before a link is replaced, reminders for governments that have not answered,
an analyst's menu and positions list, driver toggles without console errors, and pages that
fit a phone.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from email import message_from_bytes
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser_env import ANALYST, COORDINATOR, SCREENSHOTS, open_invitation
from respondent_world import PHONE, World, log_in

from forcegen.bootstrap import build_services
from forcegen.config import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

pytestmark = pytest.mark.browser

REMARKS = "Paris would lead a framework nation group; details in the annex."


def _answered_round(world: World, browser: Any) -> tuple[str, dict[str, str]]:
    """A round where France submitted (with remarks) and Germany and Poland have not."""
    links = world.invite("FRA", "DEU", "POL", title="Progress round")
    round_id = world.last_round_id
    page = world.page(browser)
    open_invitation(page, links["FRA"])
    troops = page.locator("#q-troops")
    troops.get_by_label("Yes, under conditions").check()
    troops.get_by_label("Remarks").fill(REMARKS)
    page.get_by_label("Name of the attesting official").fill("Claire Dubois")
    page.get_by_label("Title or function").fill("Director for Strategic Affairs")
    page.get_by_role("button", name="Submit response").click()
    page.wait_for_selector("#invitee-status:text('submitted')")
    page.context.close()
    return round_id, links


def _download(page: Any, name: str, role: str = "button") -> Path:
    with page.expect_download() as download:
        page.get_by_role(role, name=name).click()
    return Path(download.value.path())


def test_a_coordinator_sees_progress_reaches_the_assessment_and_exports_every_answer(
    world: World, browser: Any
) -> None:
    from playwright.sync_api import expect

    _answered_round(world, browser)
    world.errors.clear()
    page = world.page(browser)
    log_in(page, world.url, COORDINATOR, "/rounds")
    title = page.get_by_role("link", name="Progress round", exact=True)
    row = page.locator("tr", has=title)
    expect(row).to_contain_text("1 of 3 answered")

    title.click()
    answers = _download(page, "Download every answer (CSV)", role="link")
    cells = list(csv.DictReader(io.StringIO(answers.read_text(encoding="utf-8-sig"))))
    assert {"participant", "version", "status", "path", "value"} <= set(cells[0])
    assert any(c["participant"] == "FRA" and c["value"] == REMARKS for c in cells)

    page.get_by_role("link", name="Assessment of this round").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Assessment")
    assert world.errors == []


def test_new_link_asks_before_the_old_one_stops_working(world: World, browser: Any) -> None:
    from playwright.sync_api import expect

    world.invite("ITA", title="Confirmation round")
    page = world.page(browser)
    log_in(page, world.url, COORDINATOR, f"/rounds/{world.last_round_id}")
    asked: list[str] = []

    def note(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", note)

    page.get_by_role("button", name="New link for ITA").click()

    expect(page).to_have_url(re.compile(rf"/rounds/{world.last_round_id}$"))
    assert len(asked) == 1
    assert "stops working" in asked[0]


def test_reminders_come_as_a_mail_merge_file_and_emails_ready_to_send(
    world: World, browser: Any
) -> None:
    from playwright.sync_api import expect

    round_id, _ = _answered_round(world, browser)
    page = world.page(browser)
    log_in(page, world.url, COORDINATOR, f"/rounds/{round_id}")
    page.get_by_role("button", name="Prepare reminders").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Reminders")
    reminded = page.locator("[data-reminder-for]")
    expect(reminded).to_have_count(2)
    expect(page.locator('[data-reminder-for="FRA"]')).to_have_count(0)
    merge = _download(page, "Download the mail-merge file (CSV)")
    rows = list(csv.DictReader(io.StringIO(merge.read_text(encoding="utf-8-sig"))))
    assert sorted(r["participant_code"] for r in rows) == ["DEU", "POL"]
    assert all("/respond/" in r["link"] and r["subject"] and r["deadline"] for r in rows)
    mails = _download(page, "Download the e-mails (.eml)")
    with zipfile.ZipFile(mails) as archive:
        names = sorted(archive.namelist())
        germany = message_from_bytes(archive.read(names[0]))
    assert names == ["reminder-DEU.eml", "reminder-POL.eml"]
    assert "Progress round" in str(germany["Subject"])
    payload = germany.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert rows[0]["link"] in payload.decode()
    assert _audited(world, "round.remind") == 2


def _audited(world: World, action: str) -> int:
    services = build_services(Settings.from_env(world.env))
    try:
        with services.uow() as uow:
            return sum(1 for entry in uow.audit.entries() if entry.action == action)
    finally:
        services.close()


def test_an_analyst_has_no_rounds_menu_pages_positions_and_imports_without_ids(
    world: World, browser: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page = world.page(browser)
    log_in(page, world.url, ANALYST, "/positions")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Rounds")
    ).to_have_count(0)
    rows = page.locator("#positions-table tbody tr")
    expect(rows).to_have_count(50)
    page.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(rows.first).to_be_visible()

    upload = tmp_path / "no-ids.json"
    url = "https://example.org/nl-trainers"
    upload.write_text(
        json.dumps(
            {
                "sources": [{"locator": url, "outlet": "Example outlet"}],
                "positions": [
                    {
                        "actor_code": "NLD",
                        "topic": "training",
                        "stance": "yes",
                        "date": "2026-02-11",
                        "source_id": url,
                        "summary": "Dutch trainers for Ukrainian crews.",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    page.goto(f"{world.url}/public-data")
    page.set_input_files("#files", str(upload))
    page.click("text=Preview changes")
    page.click("button[value=import]")
    expect(page.locator("#import-report h2")).to_have_text("Imported")
    page.goto(f"{world.url}/positions?country=NLD&q=Dutch+trainers")
    expect(page.locator("#positions-table")).to_contain_text("Dutch trainers for Ukrainian crews.")


def test_driver_toggles_log_no_errors_and_the_burden_year_reads_as_a_year(
    world: World, browser: Any
) -> None:
    world.errors.clear()
    page = world.page(browser)
    log_in(page, world.url, COORDINATOR, f"/rounds/{world.demo_round_id}/assessment")
    page.wait_for_selector("body[data-charts-drawn]", state="attached", timeout=20_000)
    # The report came from a browser that had taken a screenshot first: Playwright
    # leaves empty style attributes behind, which htmx used to copy while it swapped.
    page.screenshot(path=str(SCREENSHOTS / "dashboard-before-toggles.png"))
    for toggle in (page.check, page.uncheck):
        drawn = page.get_attribute("body", "data-charts-drawn")
        toggle("#driver-us-backstop")
        page.wait_for_function(
            "drawn => document.body.dataset.chartsDrawn !== drawn", arg=drawn, timeout=20_000
        )

    years = page.eval_on_selector(
        "#table-burden",
        """table => {
            const heads = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim());
            const at = heads.findIndex(head => /figures.year/i.test(head));
            if (at < 0) throw new Error("no figures year column in " + heads.join(" | "));
            return [...table.querySelectorAll("tbody tr")].map(
                tr => tr.children[at].textContent.trim());
        }""",
    )
    assert "2024" in years
    assert all(re.fullmatch(r"(20\d\d)?", year) for year in years), years
    assert world.errors == []


def test_on_a_phone_rounds_responses_the_matrix_and_filters_fit_the_screen(
    world: World, browser: Any
) -> None:
    round_id, _ = _answered_round(world, browser)
    page = world.page(browser, PHONE)
    log_in(page, world.url, COORDINATOR, f"/rounds/{round_id}")
    pages = (f"/rounds/{round_id}", f"/rounds/{round_id}/responses/FRA", "/matrix", "/positions")
    for path in pages:
        page.goto(f"{world.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.evaluate("window.innerWidth"), f"{path} is {width} px wide"
        name = path.strip("/").replace(round_id, "round").replace("/", "-")
        page.screenshot(path=str(SCREENSHOTS / f"phone-390-{name}.png"), full_page=True)

    page.goto(f"{world.url}/positions")
    for control in ("#f-topic", "#f-q", "form.filters button[type=submit]"):
        box = page.locator(control).bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"], f"{control} is cut off"
