"""No invitation token reaches the server's log, a redirect, a cookie or a referrer: a real
`forcegen serve` goes through a whole invitation, from the link to leaving the form, and its
log is searched for every token used."""

from __future__ import annotations

import os
import re
from pathlib import Path

import httpx
import pytest
from web_world import SECRET, World

from live_server import serving

_CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def csrf(page: httpx.Response) -> str:
    found = _CSRF.search(page.text)
    assert found is not None, page.text
    return found.group(1)


def respond_through_the_link(base: str, token: str) -> list[httpx.Response]:
    """Open the link, press "Open the form", save a draft, read the history, leave."""
    browser = httpx.Client(base_url=base, follow_redirects=False, timeout=10)
    link = browser.get(f"/respond/{token}")
    opened = browser.post("/respond/open", data={"token": token, "csrf_token": csrf(link)})
    form = browser.get("/respond")
    draft = {"csrf_token": csrf(form), "base_version": "0", "troops.decision": "undecided"}
    saved = browser.post("/respond/draft", data=draft)
    history = browser.get("/respond/history")
    left = browser.post("/respond/leave", data={"csrf_token": csrf(history)})
    return [link, opened, form, saved, history, left]


def test_a_whole_invitation_leaves_no_token_in_the_log_a_cookie_or_a_redirect(
    world: World, tmp_path: Path
) -> None:
    if world.services.engine.dialect.name != "sqlite":
        pytest.skip("What the server logs does not depend on the database.")
    env = os.environ | {
        "FORCEGEN_DATABASE_URL": world.services.settings.database_url,
        "FORCEGEN_DATA_DIR": str(tmp_path / "server"),
        "FORCEGEN_SECRET_KEY": SECRET,
    }
    token, revoked = world.tokens["A:DEU"], world.tokens["A:POL"]
    log = tmp_path / "server.log"

    with serving(env, log) as base:
        responses = respond_through_the_link(base, token)
        responses += [
            httpx.get(f"{base}/respond/{token}?utm_source=mail", timeout=10),
            httpx.get(f"{base}/respond/{token}/extra", timeout=10),
            httpx.post(f"{base}/respond/open", data={"token": revoked}, timeout=10),
            httpx.get(f"{base}/api/respond", headers={"Authorization": f"Bearer {token}"}),
        ]

    statuses = [response.status_code for response in responses]
    written = log.read_text()
    assert statuses == [200, 303, 200, 303, 200, 303, 200, 404, 403, 200]
    assert written.count('"GET /respond/[redacted] HTTP/1.1" 200') == 2
    for secret in (token, revoked):
        assert secret not in written
        for response in responses:
            assert secret not in response.headers.get("location", "")
            assert secret not in " ".join(response.headers.get_list("set-cookie"))
    assert responses[0].headers["Referrer-Policy"] == "no-referrer"
