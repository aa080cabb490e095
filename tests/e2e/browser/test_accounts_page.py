"""The coordinators' accounts page in a real browser: create an analyst, issue and revoke an
API token, set a new password, disable the account. Each change is in the audit log, and each
ends what it should at once: a revoked token is refused, a new password or a disabled account
ends the analyst's open session in their own browser."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_env import COORDINATOR, forcegen_command, require_chromium, server_env, serving
from respondent_world import log_in

from forcegen.bootstrap import build_services
from forcegen.config import Settings

pytestmark = pytest.mark.browser

ANALYST = ("bob", "bob's first long passphrase")
NEW_PASSWORD = "bob's second long passphrase"


@pytest.fixture
def accounts_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A server with one coordinator; its URL and environment (to read its audit log)."""
    require_chromium()
    env = server_env(tmp_path) | {"FORCEGEN_COORDINATOR_PASSWORD": COORDINATOR[1]}
    subprocess.run(
        [forcegen_command(), "init", "--username", COORDINATOR[0], "--display-name", "Alice"],
        env=env,
        check=True,
        capture_output=True,
    )
    with serving(env, tmp_path) as url:
        yield url, env


def audit_actions(env: dict[str, str]) -> list[tuple[str, str, str]]:
    services = build_services(Settings.from_env(env))
    try:
        with services.uow() as uow:
            entries = sorted(uow.audit.entries(), key=lambda entry: entry.seq)
    finally:
        services.close()
    return [(entry.actor, entry.action, entry.entity_id) for entry in entries]


def account_row(page: Any, username: str) -> Any:
    return page.locator(f'tr[data-user="{username}"]')


def is_logged_out(page: Any, url: str) -> bool:
    page.goto(f"{url}/positions")
    return "/login" in page.url


def test_a_coordinator_manages_an_analyst_account_and_its_token(
    accounts_server: tuple[str, dict[str, str]], browser: Any
) -> None:
    from playwright.sync_api import expect

    url, env = accounts_server
    admin = browser.new_context().new_page()
    log_in(admin, url, COORDINATOR, "/admin/users")

    admin.get_by_label("Username").fill(ANALYST[0])
    admin.get_by_label("Full name").fill("Bob Analyst")
    admin.get_by_label("Role").select_option("analyst")
    admin.get_by_label("Password (12 characters or more)").fill(ANALYST[1])
    admin.get_by_role("button", name="Create the account").click()
    expect(admin.locator("#notice")).to_contain_text("The account is created")
    expect(account_row(admin, "bob")).to_contain_text("enabled")

    analyst = browser.new_context().new_page()
    log_in(analyst, url, ANALYST, "/positions")

    account_row(admin, "bob").get_by_label("Token name").fill("nightly script")
    account_row(admin, "bob").get_by_role("button", name="Issue a token").click()
    secret = admin.locator("#token-secret").inner_text()
    api = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {secret}"}, timeout=10)
    assert api.get("/api/positions").status_code == 200
    admin.goto(f"{url}/admin/users")
    admin.locator("#tokens tbody tr").filter(has_text="nightly script").get_by_role(
        "button", name="Revoke"
    ).click()
    expect(admin.locator("#notice")).to_contain_text("The token is revoked")
    assert api.get("/api/positions").status_code == 401

    account_row(admin, "bob").get_by_label("New password for bob").fill(NEW_PASSWORD)
    account_row(admin, "bob").get_by_role("button", name="Set password").click()
    expect(admin.locator("#notice")).to_contain_text("The new password is set")
    assert is_logged_out(analyst, url)
    log_in(analyst, url, (ANALYST[0], NEW_PASSWORD), "/positions")

    account_row(admin, "bob").get_by_role("button", name="Disable").click()
    expect(admin.locator("#notice")).to_contain_text("The account is disabled")
    expect(account_row(admin, "bob")).to_contain_text("disabled")
    assert is_logged_out(analyst, url)

    changes = [entry for entry in audit_actions(env) if entry[1].startswith(("user.", "api_"))]
    token_id = changes[-3][2]
    assert changes[-5:] == [
        ("user:alice", "user.create", changes[-5][2]),
        ("user:alice", "api_token.issue", token_id),
        ("user:alice", "api_token.revoke", token_id),
        ("user:alice", "user.reset_password", changes[-2][2]),
        ("user:alice", "user.disable", changes[-1][2]),
    ]
    assert len({changes[-5][2], changes[-2][2], changes[-1][2]}) == 1  # all about bob
