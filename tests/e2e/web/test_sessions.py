"""Sessions live on the server and end when they should: logout, a new password, a disabled
account, a revoked or re-issued invitation, idle and absolute timeouts. No secret is ever in a
cookie, a logged path or a referrer; the security headers are on every response."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import text
from web_env import PASSWORD, TestClient, csrf_of, log_in, open_link
from web_world import World, build_services_on, build_world

from forcegen.bootstrap import Services
from forcegen.model.web_session import ABSOLUTE_TIMEOUT, IDLE_TIMEOUT
from forcegen.service.accounts import user_admin
from forcegen.service.rounds import invitations
from forcegen.web import create_app
from forcegen.web.access_log import RedactTokens, redact_path
from forcegen.web.csrf_token import ANONYMOUS_COOKIE
from forcegen.web.session import COOKIE_NAME, PURGE_INTERVAL


def replay(world: World, cookie: str, path: str = "/rounds") -> int:
    client = world.anonymous()
    client.cookies.set(COOKIE_NAME, cookie)
    return int(client.get(path).status_code)


def test_a_cookie_replayed_after_logout_gets_nothing(world: World) -> None:
    browser = world.coordinator()
    cookie = browser.cookies[COOKIE_NAME]

    browser.post("/logout")

    assert replay(world, cookie) == 303  # to the login page
    assert browser.get("/rounds").status_code == 303


def test_a_respondents_cookie_replayed_after_leaving_the_form_gets_nothing(world: World) -> None:
    browser = world.respondent("A:DEU")
    cookie = browser.cookies[COOKIE_NAME]
    assert replay(world, cookie, "/respond") == 200

    browser.post("/respond/leave")

    assert replay(world, cookie, "/respond") == 401
    assert browser.get("/respond").status_code == 401


def test_a_new_password_ends_the_accounts_sessions(world: World) -> None:
    browser = world.coordinator()

    user_admin.reset_password(
        uow=world.services.uow(), username="alice", password="x" * 20, actor="test"
    )

    assert browser.get("/rounds").status_code == 303
    assert log_in(world.app, "alice", "x" * 20).get("/rounds").status_code == 200


def test_a_disabled_account_is_logged_out_at_once(world: World) -> None:
    from forcegen.service.accounts import users

    users.create_user(
        uow=world.services.uow(),
        username="bob",
        password=PASSWORD,
        role="coordinator",
        display_name="Bob",
    )
    browser = log_in(world.app, "bob")

    user_admin.set_disabled(uow=world.services.uow(), username="bob", is_disabled=True, actor="t")

    assert browser.get("/rounds").status_code == 303


def test_a_revoked_or_reissued_invitation_ends_the_respondents_session(world: World) -> None:
    revoked = world.respondent("A:DEU")
    reissued = world.respondent("A:GBR")

    invitations.revoke_invitation(
        uow=world.services.uow(), invitation_id=world.invitation_ids["A:DEU"], actor="t"
    )
    invitations.reissue_invitation(
        uow=world.services.uow(), invitation_id=world.invitation_ids["A:GBR"], actor="t"
    )

    assert revoked.get("/respond").status_code == 401
    assert reissued.get("/respond").status_code == 401


class MovingClock:
    def __init__(self) -> None:
        self.at = dt.datetime.now(dt.UTC)

    def now(self) -> dt.datetime:
        return self.at


def test_idle_and_absolute_timeouts_end_sessions(services: Services) -> None:
    clock = MovingClock()
    services.clock = clock
    world = build_world(services)
    idle, busy = world.coordinator(), world.coordinator()

    for _ in range(7):  # the busy browser keeps working, every 20 minutes, for 2 h 20
        clock.at += dt.timedelta(minutes=20)
        assert busy.get("/rounds").status_code == 200

    assert idle.get("/rounds").status_code == 303  # idle for longer than IDLE_TIMEOUT
    clock.at += ABSOLUTE_TIMEOUT
    assert busy.get("/rounds").status_code == 303
    assert IDLE_TIMEOUT < dt.timedelta(minutes=140) < ABSOLUTE_TIMEOUT


def stored_sessions(services: Services) -> int:
    with services.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM web_sessions")).scalar_one())


def test_a_crawler_on_the_login_page_and_invitation_links_stores_no_session(
    world: World,
) -> None:
    before = stored_sessions(world.services)

    for _ in range(20):
        crawler = world.anonymous()  # a bot keeps no cookies
        assert crawler.get("/login").status_code == 200
        assert crawler.get(f"/respond/{world.tokens['A:FRA']}").status_code == 200
        assert crawler.get("/").status_code == 200

    assert stored_sessions(world.services) == before


def test_anonymous_forms_need_the_signed_cookie_and_the_same_value_in_the_form(
    world: World,
) -> None:
    visitor = world.anonymous()
    token = csrf_of(visitor.get("/login").text)
    credentials = {"username": "alice", "password": PASSWORD, "csrf_token": token}
    no_cookie = world.anonymous().post("/login", data=credentials)
    forger = world.anonymous()
    nonce = token.split(".")[0]
    forger.cookies.set(ANONYMOUS_COOKIE, f"{nonce}.forged-signature")
    forged = forger.post("/login", data=credentials | {"csrf_token": f"{nonce}.forged-signature"})

    genuine = visitor.post("/login", data=credentials)

    assert visitor.cookies[ANONYMOUS_COOKIE] == token
    assert no_cookie.status_code == 403
    assert forged.status_code == 403
    assert genuine.status_code == 303


def test_ended_sessions_are_purged_on_the_way_of_any_request_not_only_logins(
    services: Services,
) -> None:
    clock = MovingClock()
    services.clock = clock
    world = build_world(services)
    for _ in range(3):
        world.coordinator()
    world.respondent("A:DEU")
    assert stored_sessions(services) >= 4

    clock.at += IDLE_TIMEOUT + PURGE_INTERVAL
    assert world.anonymous().get("/login").status_code == 200

    assert stored_sessions(services) == 0


def test_no_cookie_carries_a_token_or_a_csrf_secret(world: World) -> None:
    token = world.tokens["A:FRA"]
    browser = open_link(world.app, token)

    cookie = browser.cookies[COOKIE_NAME]

    assert token not in cookie
    assert browser.headers["X-CSRF-Token"] not in cookie
    assert len(cookie) == 43


def test_invitation_tokens_are_redacted_in_the_access_log(world: World) -> None:
    token = world.tokens["A:FRA"]
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        "",
        0,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/respond/{token}?x=1", "1.1", 200),
        None,
    )

    RedactTokens().filter(record)

    assert token not in record.getMessage()
    assert '"GET /respond/[redacted] HTTP/1.1" 200' in record.getMessage()
    assert redact_path("/rounds/3f2a9c/responses/FRA") == "/rounds/3f2a9c/responses/FRA"


def test_headers_permissions_policy_hsts_and_relative_slash_redirects(world: World) -> None:
    plain = world.anonymous().get("/login")
    settings = world.services.settings
    https = build_services_on(world.services.engine, settings.data_dir, is_secure_cookies=True)
    secure = TestClient(create_app(https)).get("/login")
    slash = world.coordinator().get("/rounds/")

    assert "camera=()" in plain.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in plain.headers
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert slash.status_code in {307, 308}
    assert slash.headers["location"] == "/rounds"
