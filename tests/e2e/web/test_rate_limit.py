"""Guessing passwords or tokens stops after ten failures a minute, with Retry-After."""

from __future__ import annotations

import time

from web_env import PASSWORD, csrf_of
from web_world import World

from forcegen.store.rate_limit_storage import SqlRateLimitStorage
from forcegen.web.ratelimit import AttemptLimiter, TooManyAttemptsError


def test_the_eleventh_wrong_password_in_a_minute_is_a_429_and_so_is_the_right_one(
    world: World,
) -> None:
    browser = world.anonymous()
    csrf = csrf_of(browser.get("/login").text)

    statuses = [
        browser.post(
            "/login", data={"username": "alice", "password": f"guess {i}", "csrf_token": csrf}
        ).status_code
        for i in range(10)
    ]
    blocked = browser.post(
        "/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf}
    )

    assert statuses == [401] * 10
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    assert "Too many failed password attempts" in blocked.text


def test_guessing_invitation_links_is_stopped_but_a_real_link_still_opens(world: World) -> None:
    browser = world.anonymous()
    csrf = csrf_of(browser.get("/login").text)

    def open_form(token: str) -> int:
        return browser.post("/respond/open", data={"token": token, "csrf_token": csrf}).status_code

    statuses = [open_form(f"guess-{i:040d}") for i in range(11)]
    real = open_form(world.tokens["A:DEU"])

    assert statuses == [401] * 10 + [429]
    assert real == 303  # 256 random bits cannot be guessed: a real token is safe to accept


def test_guessing_api_tokens_is_stopped_with_the_json_shape(world: World) -> None:
    statuses = [world.api(f"guess-{i}").get("/api/respond").status_code for i in range(10)]
    blocked = world.api("guess-last").get("/api/respond")

    assert statuses == [401] * 10
    assert blocked.status_code == 429
    assert blocked.json()["status"] == 429
    assert "Retry-After" in blocked.headers


def test_autosaving_with_a_valid_token_is_never_limited(world: World) -> None:
    client = world.api(world.tokens["A:DEU"])

    statuses = [
        client.put(
            "/api/respond/draft",
            json={"answers": {"troops": {"notes": f"draft {i}"}}, "base_version": i},
        ).status_code
        for i in range(15)
    ]

    assert statuses == [200] * 15


def test_failures_expire_after_the_window(world: World) -> None:
    now = [time.time()]
    storage = SqlRateLimitStorage(world.services.engine, clock=lambda: now[0])
    limiter = AttemptLimiter(storage, max_failures=2, window_seconds=60)
    for _ in range(2):
        limiter.record_failure("10.0.0.1", "password")

    blocked = _is_blocked(limiter)
    now[0] += 61

    assert blocked
    assert not _is_blocked(limiter)


def _is_blocked(limiter: AttemptLimiter) -> bool:
    try:
        limiter.check("10.0.0.1", "password")
    except TooManyAttemptsError:
        return True
    return False


def test_asking_without_any_token_is_refused_but_is_not_a_guess(world: World) -> None:
    """A request with no credential at all guesses nothing: neither the coordinator API nor
    the public-source API counts it towards the address's limit on wrong tokens."""
    tokenless = world.api(None)
    statuses = [
        tokenless.get(path).status_code
        for path in ("/api/rounds", "/api/positions")
        for _ in range(11)  # more than the ten wrong tokens an address may send a minute
    ]
    real = world.api(world.api_token)

    assert set(statuses) == {401}
    assert real.get("/api/rounds").status_code == 200
    assert real.get("/api/positions").status_code == 200
