"""A respondent's own copy of its answers, and its pages on a phone (issue 11, defects 6 and 7).

A ministry files what its government submitted: a printable page and a PDF, each naming the
version and the official who attested it. On a 390 px phone none of the respondent's pages
scroll sideways.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdf
import pytest
from browser_env import SCREENSHOTS, open_invitation
from respondent_world import PHONE, World
from walk_respondents import attest, fill_contribution

pytestmark = pytest.mark.browser


def _submitted_then_revised(world: World, browser: Any, code: str) -> Any:
    """Submit version 1 (Greece, 800 trainers), then save a draft on top of it."""
    from playwright.sync_api import expect

    page = world.page(browser)
    open_invitation(page, world.invite(code)[code])
    troops = page.locator("#q-troops")
    troops.get_by_label("Yes", exact=True).check()
    troops.get_by_role("button", name="Add a row to “Contributions”").click()
    fill_contribution(page, 0, capability="land.training", personnel="800")
    attest(page, "Eleni Papadopoulou", "Director of Defence Policy")
    page.get_by_role("button", name="Submit response").click()
    expect(page.locator("#invitee-status")).to_have_text("submitted")

    troops.get_by_label("Remarks").fill("A draft note that is not submitted.")
    expect(page.locator("#save-status")).to_contain_text("Draft saved", timeout=8_000)
    return page


def test_the_printable_view_and_the_pdf_name_the_submitted_version_and_its_attestation(
    world: World, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = _submitted_then_revised(world, browser, "GRC")

    page.get_by_role("link", name="Printable view").click()
    version = page.locator("#copy-version")
    expect(version).to_contain_text("Version 1, submitted")
    expect(version).to_contain_text("attested by Eleni Papadopoulou (Director of Defence Policy)")
    expect(page.locator("main")).to_contain_text("800")
    expect(page.locator("main")).not_to_contain_text("A draft note that is not submitted.")
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Download this version as a PDF")).to_be_hidden()
    page.screenshot(path=str(SCREENSHOTS / "respondent-printable-view.png"), full_page=True)
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download this version as a PDF").click()
    assert download.value.suggested_filename == "answers-GRC-version-1.pdf"
    download.value.save_as(SCREENSHOTS / "respondent-answers-copy.pdf")
    text = _pdf_text(Path(download.value.path()))
    assert "Greece" in text
    assert "Version 1, submitted" in text
    assert "attested by Eleni Papadopoulou (Director of Defence Policy)" in text
    assert "land.training" in text
    assert "800" in text
    assert "A draft note that is not submitted." not in text


def test_every_own_version_has_its_copy_and_a_draft_says_it_was_not_submitted(
    world: World, browser: Any
) -> None:
    page = _submitted_then_revised(world, browser, "PRT")

    page.get_by_role("link", name="Your versions").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF copy of version 2").click()
    text = _pdf_text(Path(download.value.path()))
    assert "Version 2, a draft saved" in text
    assert "not submitted" in text
    assert "A draft note that is not submitted." in text

    missing = page.request.get(f"{world.url}/respond/pdf?version=9")
    assert missing.status == 404
    assert "has no version 9: it has versions 1 to 2" in missing.text()


def test_on_a_phone_the_form_its_versions_and_its_copy_do_not_scroll_sideways(
    world: World, browser: Any
) -> None:
    laptop = _submitted_then_revised(world, browser, "ROU")
    phone = world.page(browser, PHONE)
    phone.context.add_cookies(laptop.context.cookies())

    phone.goto(f"{world.url}/respond")
    pending = phone.locator("#pending-changes")
    assert pending.is_visible()
    shown = pending.evaluate(
        "tag => tag.getBoundingClientRect().right"
        " <= tag.parentElement.getBoundingClientRect().right"
    )
    assert shown, "“changes not submitted” is cut off on a phone"

    for path in ("/respond", "/respond/history", "/respond/print"):
        phone.goto(f"{world.url}{path}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= phone.evaluate("window.innerWidth"), f"{path} is {width} px wide"
        name = path.strip("/").replace("/", "-")
        phone.screenshot(path=str(SCREENSHOTS / f"phone-390-{name}.png"), full_page=True)


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
