"""Test clients for the web app: a coordinator's browser, a respondent's browser, API callers.

TestClient is imported here once, with Starlette's notice about its HTTP library silenced:
the test suite turns warnings into errors, and the notice is about Starlette's packaging.
"""

from __future__ import annotations

import re
import warnings

from fastapi import FastAPI

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

__all__ = ["PASSWORD", "TestClient", "csrf_of", "log_in", "open_link"]

PASSWORD = "a long coordinator passphrase"
_META_CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token a page carries (every page has it in a meta tag)."""
    found = _META_CSRF.search(html)
    if found is None:
        raise AssertionError("the page carries no CSRF token")
    return found.group(1)


def log_in(app: FastAPI, username: str = "alice", password: str = PASSWORD) -> TestClient:
    """A browser with a coordinator session; its CSRF token is in `client.headers`."""
    client = TestClient(app, follow_redirects=False)
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(page.text)},
    )
    assert response.status_code == 303, response.text
    client.headers["X-CSRF-Token"] = csrf_of(client.get("/rounds").text)
    return client


def open_link(app: FastAPI, token: str) -> TestClient:
    """A respondent's browser that opened its invitation link and pressed "Open the form";
    CSRF token in headers."""
    client = TestClient(app, follow_redirects=False)
    page = client.get(f"/respond/{token}")
    assert page.status_code == 200, page.text
    response = client.post("/respond/open", data={"token": token, "csrf_token": csrf_of(page.text)})
    assert response.status_code == 303, response.text
    client.headers["X-CSRF-Token"] = csrf_of(client.get("/respond").text)
    return client
