"""An analyst's walkthrough in a real browser against a real server loaded with the dataset.

Log in, filter the positions table to troop deployment, open Poland's page and see its
stance with the seed citation, add a position with its citation, and find it in the
timeline. Screenshots of each step go to test-artifacts/screenshots/.

Needs Debian's chromium at /usr/bin/chromium: skipped without it, except on CI (CI=true),
where its absence fails the test.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_env import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, require_chromium, server_env, serving

from forcegen.bootstrap import build_services
from forcegen.catalog import load_catalog
from forcegen.catalog.public_dataset import load_public_dataset
from forcegen.config import Settings
from forcegen.service.accounts import users
from forcegen.service.public import record as public_record

pytestmark = pytest.mark.browser

ANALYST, PASSWORD = "ana", "a long analyst passphrase"
SEED_CITATION = "seed:000_7a244714040bc68c.txt"
NEW_SUMMARY = "Walkthrough entry: Poland would train Ukrainian crews at home."


def _prepare_database(env: dict[str, str]) -> None:
    """Migrate a fresh SQLite file, load the shipped dataset and create the analyst."""
    services = build_services(Settings.from_env(env))
    try:
        dataset = load_public_dataset()
        public_record.import_public_data(
            uow=services.uow(),
            catalog=load_catalog(),
            sources=dataset.sources,
            positions=dataset.positions,
            pledges=dataset.pledges,
            actor="system:test",
        )
        users.create_user(
            uow=services.uow(),
            username=ANALYST,
            password=PASSWORD,
            role="analyst",
            display_name="Ana Analyst",
        )
    finally:
        services.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a uvicorn server over a temporary SQLite database with the dataset."""
    require_chromium()
    directory = tmp_path_factory.mktemp("walkthrough")
    env = server_env(directory)
    _prepare_database(env)
    with serving(env, directory) as url:
        yield url


@pytest.fixture(scope="module")
def screenshots() -> Path:
    shutil.rmtree(SCREENSHOTS / "analyst", ignore_errors=True)
    (SCREENSHOTS / "analyst").mkdir(parents=True)
    return SCREENSHOTS / "analyst"


def test_an_analyst_follows_troop_deployment_and_records_a_position(
    server: str, screenshots: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(f"{server}/login?next=/positions")
            page.fill("#username", ANALYST)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            expect(page).to_have_url(f"{server}/positions")

            page.select_option("#f-topic", "troop_deployment")
            page.click("text=Apply filters")
            expect(page).to_have_url(re.compile(r"/positions\?(.*&)?topic=troop_deployment"))
            rows = page.locator("#positions-table tbody tr")
            expect(rows.first).to_be_visible()
            topics = set(rows.evaluate_all("rows => rows.map(row => row.dataset.topic)"))
            assert topics == {"troop_deployment"}
            page.screenshot(path=str(screenshots / "01-positions-troop-deployment.png"))

            page.locator('#positions-table a[href="/countries/POL"]').first.click()
            expect(page.locator("h1")).to_contain_text("Poland")
            latest = page.locator('#latest-table tr[data-topic="troop_deployment"]')
            expect(latest.locator(".stance")).to_have_text("No")
            seed_entry = page.locator("#country-positions li", has_text=SEED_CITATION)
            expect(seed_entry.locator(".stance")).to_have_text("No")
            seed_entry.scroll_into_view_if_needed()
            page.screenshot(path=str(screenshots / "02-poland.png"), full_page=True)

            page.click("text=Add a position")
            expect(page.locator("#actor_code")).to_have_value("POL")
            page.select_option("#topic", "troop_deployment")
            page.select_option("#stance", "conditional")
            page.fill("#speaker", "Walkthrough test")
            page.fill("#date", "2026-02-10")
            page.fill("#summary", NEW_SUMMARY)
            page.fill("#conditions", "only on Polish soil")
            page.fill("#locator", "https://example.org/walkthrough")
            page.fill("#outlet", "Example outlet")
            page.fill("#published", "2026-02-10")
            page.select_option("#reliability", "press")
            page.screenshot(path=str(screenshots / "03-add-position-form.png"), full_page=True)
            page.click("text=Record the position")
            expect(page.locator("#notice")).to_contain_text("recorded with its citation")
            page.screenshot(path=str(screenshots / "04-position-recorded.png"), full_page=True)

            page.goto(f"{server}/timeline")
            page.select_option("#t-topic", "troop_deployment")
            expect(page).to_have_url(f"{server}/timeline?topic=troop_deployment")
            entry = page.locator("#lane-troop_deployment li.timeline-entry", has_text=NEW_SUMMARY)
            expect(entry).to_be_visible()
            expect(entry.locator(".stance")).to_have_text("Conditional")
            entry.scroll_into_view_if_needed()
            page.screenshot(path=str(screenshots / "05-timeline.png"))

            page.goto(f"{server}/matrix")
            expect(
                page.locator('td[data-country="POL"][data-topic="troop_deployment"]')
            ).to_have_class("cell stance-conditional")
            page.screenshot(path=str(screenshots / "06-matrix.png"))
        finally:
            browser.close()


def _logged_in_page(playwright: Any, server: str) -> Any:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/login?next=/positions")
    page.fill("#username", ANALYST)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    return browser, page


def test_an_analyst_corrects_a_position_and_sees_both_versions(
    server: str, screenshots: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser, page = _logged_in_page(playwright, server)
        try:
            page.goto(f"{server}/countries/DEU")
            page.locator("#country-positions a", has_text="History and corrections").first.click()
            page.click("text=Correct this position")
            page.fill("#conditions", "walkthrough correction: only with a mandate")
            page.click("text=Save the correction")

            expect(page.locator("#notice")).to_contain_text("saved as a new version")
            versions = page.locator("#position-history tbody tr")
            expect(versions).to_have_count(2)
            expect(versions.nth(0)).to_contain_text("corrected")
            expect(versions.nth(1)).to_contain_text("current")
            page.screenshot(path=str(screenshots / "07-correction-history.png"), full_page=True)
        finally:
            browser.close()


def test_an_analyst_previews_an_upload_then_imports_it(
    server: str, screenshots: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    upload = tmp_path / "walkthrough.json"
    upload.write_text(
        '{"sources": [{"id": "src-walk", "locator": "https://example.org/w", "outlet": "Ex"}],'
        ' "positions": [{"id": "pos-walk", "actor_code": "NLD", "topic": "training",'
        ' "stance": "yes", "date": "2026-02-11", "source_id": "src-walk",'
        ' "summary": "Walkthrough upload entry."}]}',
        encoding="utf-8",
    )
    with sync_playwright() as playwright:
        browser, page = _logged_in_page(playwright, server)
        try:
            page.goto(f"{server}/public-data")
            page.set_input_files("#files", str(upload))
            page.click("text=Preview changes")
            expect(page.locator("#import-report")).to_contain_text("Preview: nothing was written")
            expect(page.locator('#import-report tr[data-table="positions"]')).to_contain_text("1")
            page.screenshot(path=str(screenshots / "08-import-preview.png"), full_page=True)

            page.click("button[value=import]")
            expect(page.locator("#import-report h2")).to_have_text("Imported")
            page.screenshot(path=str(screenshots / "09-import-done.png"), full_page=True)

            page.goto(f"{server}/positions?country=NLD&topic=training")
            expect(page.locator("#positions-table")).to_contain_text("Walkthrough upload entry.")
        finally:
            browser.close()
