"""What a respondent types is shown as text, never run; every response carries the headers
that keep pages out of frames and scripts to our own origin."""

from __future__ import annotations

import pytest
from web_env import PASSWORD, TestClient, csrf_of
from web_world import SECRET, World, build_services_on, build_world, some_troops

from forcegen.bootstrap import Services
from forcegen.web.csrf_token import ANONYMOUS_COOKIE
from forcegen.web.security import SECURITY_HEADERS
from forcegen.web.session import COOKIE_NAME

SCRIPT = "<script>alert('pwned')</script>"


def test_a_script_in_an_answer_is_escaped_on_the_coordinator_page(world: World) -> None:
    world.save("A:DEU", some_troops(notes=SCRIPT))
    browser = world.coordinator()

    page = browser.get(f"/rounds/{world.round_a}/responses/DEU")

    assert page.status_code == 200
    assert SCRIPT not in page.text
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page.text


def test_a_script_in_an_answer_is_escaped_in_the_diff_and_the_respondent_pages(
    world: World,
) -> None:
    world.save("A:DEU", some_troops(notes="plain"))
    world.save("A:DEU", some_troops(notes=SCRIPT))
    coordinator = world.coordinator()
    respondent = world.respondent("A:DEU")

    pages = [
        coordinator.get(f"/rounds/{world.round_a}/responses/DEU/diff?a=1&b=2"),
        respondent.get("/respond"),
        respondent.get("/respond/history"),
    ]

    for page in pages:
        assert page.status_code == 200
        assert SCRIPT not in page.text
        assert "&lt;script&gt;" in page.text


def test_a_script_in_a_round_title_is_escaped_in_the_list(world: World) -> None:
    browser = world.coordinator()
    browser.post("/rounds", data={"title": SCRIPT, "deadline": "2099-01-01T10:00"})

    page = browser.get("/rounds")

    assert SCRIPT not in page.text
    assert "&lt;script&gt;" in page.text


@pytest.mark.parametrize(
    "path", ["/login", "/api/openapi.json", "/static/forcegen.css", "/no-such-page", "/api/x"]
)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)

    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_the_cookies_are_httponly_and_samesite_lax_but_not_secure_on_http(
    world: World,
) -> None:
    browser = world.anonymous()
    page = browser.get("/login")
    login = browser.post(
        "/login",
        data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_of(page.text)},
    )

    cookies = [page.headers["set-cookie"], login.headers["set-cookie"]]
    assert cookies[0].startswith(f"{ANONYMOUS_COOKIE}=")  # the login form's CSRF token
    assert cookies[1].startswith(f"{COOKIE_NAME}=")
    for cookie in cookies:
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "Secure" not in cookie


def test_the_session_cookie_is_secure_when_the_settings_say_so(
    services: Services, tmp_path: object
) -> None:
    secure = build_services_on(services.engine, services.settings.data_dir, is_secure_cookies=True)
    world = build_world(secure)

    cookie = world.anonymous().get("/login").headers["set-cookie"]

    assert "; Secure" in cookie


def test_the_api_hands_out_no_cookie(world: World) -> None:
    response = world.api(world.api_token).get("/api/rounds")

    assert "set-cookie" not in response.headers


def test_the_invitation_link_only_offers_to_open_the_form_and_sends_no_referrer(
    world: World,
) -> None:
    browser = world.anonymous()
    link = browser.get(f"/respond/{world.tokens['A:DEU']}")
    opened = browser.post(
        "/respond/open", data={"token": world.tokens["A:DEU"], "csrf_token": csrf_of(link.text)}
    )

    assert link.status_code == 200
    assert "Open the form" in link.text
    assert link.headers["Referrer-Policy"] == "no-referrer"
    assert opened.status_code == 303
    assert opened.headers["location"] == "/respond"


def test_a_tampered_session_cookie_is_ignored(world: World) -> None:
    browser = world.coordinator()
    value = browser.cookies[COOKIE_NAME]
    browser.cookies.set(COOKIE_NAME, value[:-2] + ("AA" if not value.endswith("AA") else "BB"))

    response = browser.get("/rounds")

    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
    assert SECRET not in response.text
