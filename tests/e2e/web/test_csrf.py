"""Every form post needs the session's CSRF token: a forged cross-site post changes nothing."""

from __future__ import annotations

import pytest
from fastapi.routing import iter_route_contexts
from web_env import csrf_of
from web_world import World

from forcegen.bootstrap import Services
from forcegen.web import create_app


def page_post_routes(services: Services) -> list[str]:
    return sorted(
        str(route.path)
        for route in iter_route_contexts(create_app(services).routes)
        if "POST" in (route.methods or set()) and not str(route.path).startswith("/api/")
    )


def test_every_page_post_refuses_a_request_without_the_csrf_token(world: World) -> None:
    browser = world.coordinator()
    del browser.headers["X-CSRF-Token"]
    paths = page_post_routes(world.services)

    refused = {}
    for template in paths:
        path = template.format(
            round_id=world.round_a,
            invitation_id=world.invitation_ids["A:DEU"],
            code="EU",
            position_id="p1",
            kind="csv",
            username="alice",
            token_id="0123456789abcdef",
        )
        # A file too, so that upload forms get as far as their CSRF check.
        upload = {"files": ("sources.csv", b"id\n", "text/csv")}
        refused[template] = browser.post(path, data={"title": "x"}, files=upload).status_code

    assert refused == dict.fromkeys(paths, 403)


def test_a_token_from_another_session_is_refused_and_nothing_changes(world: World) -> None:
    victim = world.coordinator()
    attacker_token = csrf_of(world.anonymous().get("/login").text)

    response = victim.post(
        f"/rounds/{world.round_a}/close",
        data={"csrf_token": attacker_token},
        headers={"X-CSRF-Token": ""},
    )

    assert response.status_code == 403
    assert "security token" in response.text
    assert (
        world.api(world.api_token).get(f"/api/rounds/{world.round_a}").json()["round"]["status"]
        == "open"
    )


def test_the_login_form_itself_is_protected(world: World) -> None:
    browser = world.anonymous()

    response = browser.post("/login", data={"username": "alice", "password": "whatever"})

    assert response.status_code == 403


@pytest.mark.parametrize("where", ["form field", "header"])
def test_the_right_token_is_accepted_in_the_form_or_the_header(world: World, where: str) -> None:
    browser = world.respondent("A:DEU")
    token = browser.headers.pop("X-CSRF-Token")
    data = {"base_version": "0", "troops.decision": "undecided"}
    headers = {"Accept": "application/json"}
    if where == "header":
        headers["X-CSRF-Token"] = token
    else:
        data["csrf_token"] = token

    response = browser.post("/respond/draft", data=data, headers=headers)

    assert response.status_code == 200, response.text
    assert response.json()["version"] == 1
