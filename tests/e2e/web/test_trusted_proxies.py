"""X-Forwarded-For is believed only from the proxies in FORCEGEN_TRUSTED_PROXIES.

Anyone can write the header, so a client cannot use it to dodge the per-address limit or to
have another address throttled; behind a configured proxy each client is limited on its own,
so ten bad attempts from one do not lock out the others. The limit is shown here on wrong
invitation tokens sent to the API (ten failures a minute per address, then 429).
"""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import ip_network
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine
from web_env import TestClient
from web_world import build_services_on

from forcegen.web import create_app

PROXY = "10.0.0.5"
ATTACKER = "203.0.113.7"
VICTIM = "198.51.100.20"
Headers = Sequence[tuple[str, str]]


def app_behind(engine: Engine, tmp_path: Path, proxies: str = "") -> FastAPI:
    networks = tuple(ip_network(item) for item in proxies.split(",") if item)
    return create_app(build_services_on(engine, tmp_path, trusted_proxies=networks))


def wrong_token(app: FastAPI, peer: str, headers: Headers = ()) -> int:
    """A wrong invitation token sent to the API from `peer`; the status code."""
    client = TestClient(app, client=(peer, 40000))
    response = client.get(
        "/api/respond", headers=[("Authorization", "Bearer wrong-token"), *headers]
    )
    return int(response.status_code)


def forwarded(*addresses: str) -> Headers:
    return [("X-Forwarded-For", ", ".join(addresses))]


def test_without_trusted_proxies_a_forged_header_neither_dodges_nor_misdirects_the_limit(
    engine: Engine, tmp_path: Path
) -> None:
    app = app_behind(engine, tmp_path)

    dodging = [wrong_token(app, ATTACKER, forwarded(f"192.0.2.{i}")) for i in range(11)]
    victim = wrong_token(app, VICTIM)

    assert dodging == [401] * 10 + [429]
    assert victim == 401  # the attacker's header named no one: only its own address is throttled


def test_a_forged_header_cannot_get_another_address_throttled(
    engine: Engine, tmp_path: Path
) -> None:
    app = app_behind(engine, tmp_path, PROXY)

    framing = [wrong_token(app, ATTACKER, forwarded(VICTIM)) for _ in range(10)]

    assert framing == [401] * 10
    assert wrong_token(app, VICTIM) == 401
    assert wrong_token(app, ATTACKER) == 429


def test_behind_a_trusted_proxy_ten_bad_attempts_lock_out_only_their_client(
    engine: Engine, tmp_path: Path
) -> None:
    app = app_behind(engine, tmp_path, PROXY)

    attacker = [wrong_token(app, PROXY, forwarded(ATTACKER)) for _ in range(11)]
    other = wrong_token(app, PROXY, forwarded(VICTIM))
    the_proxy_itself = wrong_token(app, PROXY)

    assert attacker == [401] * 10 + [429]
    assert other == 401
    assert the_proxy_itself == 401


@pytest.mark.parametrize("appended_as", ["one header", "a header line of its own"])
def test_addresses_a_client_writes_before_the_proxys_do_not_count(
    engine: Engine, tmp_path: Path, appended_as: str
) -> None:
    """The proxy appends the address it saw, to the client's header or as a line of its own;
    what the client wrote before it is not believed."""
    app = app_behind(engine, tmp_path, f"{PROXY},10.1.0.0/16")

    def through_proxies(spoofed: str) -> Headers:
        if appended_as == "one header":
            return forwarded(spoofed, ATTACKER, "10.1.2.3")
        return [*forwarded(spoofed), *forwarded(ATTACKER, "10.1.2.3")]

    statuses = [wrong_token(app, PROXY, through_proxies(f"192.0.2.{i}")) for i in range(11)]

    assert statuses == [401] * 10 + [429]
    assert wrong_token(app, PROXY, through_proxies(ATTACKER)) == 429
    assert wrong_token(app, PROXY, forwarded(VICTIM, "10.1.2.3")) == 401


def test_a_peer_that_is_not_a_configured_proxy_is_limited_by_its_own_address(
    engine: Engine, tmp_path: Path
) -> None:
    app = app_behind(engine, tmp_path, PROXY)

    statuses = [wrong_token(app, ATTACKER, forwarded(f"192.0.2.{i}")) for i in range(11)]

    assert statuses == [401] * 10 + [429]
