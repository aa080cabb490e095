"""Bad input gets a 4xx that names the problem, in one shape, and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from web_env import TestClient, csrf_of
from web_world import MAX_BODY_BYTES, World, some_troops

from forcegen.model import errors
from forcegen.web.errors import status_for


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str)
    assert body["error"]
    return body


def _subclasses(cls: type[errors.ForcegenError]) -> list[type[errors.ForcegenError]]:
    children: list[type[errors.ForcegenError]] = cls.__subclasses__()
    return [cls, *(sub for child in children for sub in _subclasses(child))]


# The status each error answers with: a new error class fails the tests below until its
# status is decided here.
EXPECTED_STATUS = {
    "ForcegenError": 400,
    "InvalidInputError": 422,
    "UnknownParticipantError": 422,
    "ConditionError": 422,
    "DataFileError": 422,
    "InvalidNumberError": 422,
    "InvalidAnswersError": 422,
    "PublicDataError": 422,
    "NotFoundError": 404,
    "ConflictError": 409,
    "ResponseConflictError": 409,
    "RuleViolationError": 409,
    "AuthenticationError": 401,
    "LoginRequiredError": 401,
    "PermissionDeniedError": 403,
    "CsrfError": 403,
    "IntegrityError": 500,
    "StorageUnavailableError": 503,
}


def test_every_error_class_has_a_decided_status() -> None:
    assert {cls.__name__ for cls in _subclasses(errors.ForcegenError)} == set(EXPECTED_STATUS)


@pytest.mark.parametrize(
    "error_class", _subclasses(errors.ForcegenError), ids=lambda cls: cls.__name__
)
def test_every_forcegen_error_maps_to_its_status(error_class: type[errors.ForcegenError]) -> None:
    error = error_class.__new__(error_class)
    Exception.__init__(error, "message")
    error.message = "message"

    assert status_for(error) == EXPECTED_STATUS[error_class.__name__]


def test_malformed_json_is_a_422_saying_the_body_is_not_json(world: World) -> None:
    client = world.api(world.tokens["A:DEU"])

    response = client.put(
        "/api/respond/draft", content=b'{"answers": {', headers={"Content-Type": "application/json"}
    )

    body = assert_error_shape(response, 422)
    assert "not valid JSON" in body["error"]


def test_a_wrong_type_is_a_422_naming_the_field(world: World) -> None:
    client = world.api(world.tokens["A:DEU"])

    response = client.put("/api/respond/draft", json={"answers": {}, "base_version": "latest"})

    body = assert_error_shape(response, 422)
    assert "body.base_version" in body["error"]
    assert body["problems"][0]["path"] == "body.base_version"
    assert "'latest'" in body["problems"][0]["message"]


def test_an_unknown_field_in_the_body_is_named(world: World) -> None:
    client = world.api(world.api_token)

    response = client.post(
        "/api/rounds", json={"title": "T", "deadline": "2099-01-01T00:00Z", "dedline": "x"}
    )

    body = assert_error_shape(response, 422)
    assert "dedline" in body["error"]


def test_an_oversized_body_is_a_413_with_the_limit_and_saves_nothing(world: World) -> None:
    client = world.api(world.tokens["A:DEU"])
    answers = some_troops(notes="x" * (MAX_BODY_BYTES + 1))

    response = client.put("/api/respond/draft", json={"answers": answers, "base_version": 0})

    body = assert_error_shape(response, 413)
    assert f"{MAX_BODY_BYTES:,} bytes" in body["error"]
    assert world.latest_version("A:DEU") == 0


def test_an_oversized_streamed_body_without_length_is_refused_too(world: World) -> None:
    client = world.api(world.tokens["A:DEU"])

    def chunks() -> Any:
        for _ in range(5):
            yield b"x" * (MAX_BODY_BYTES // 2)

    response = client.put(
        "/api/respond/draft", content=chunks(), headers={"Content-Type": "application/json"}
    )

    assert_error_shape(response, 413)


def test_an_oversized_form_post_gets_the_error_page(world: World) -> None:
    browser = world.respondent("A:DEU")

    response = browser.post("/respond/draft", data={"troops.notes": "x" * MAX_BODY_BYTES * 2})

    assert response.status_code == 413
    assert "text/html" in response.headers["content-type"]
    assert "larger than the limit" in response.text


def test_an_unknown_question_key_is_named_and_nothing_is_saved(world: World) -> None:
    client = world.api(world.tokens["A:DEU"])

    response = client.put(
        "/api/respond/draft",
        json={"answers": {"troop": {"decision": "no"}}, "base_version": 0},
    )

    body = assert_error_shape(response, 422)
    assert body["problems"][0]["path"] == "troop"
    assert "troops" in body["problems"][0]["message"]
    assert world.latest_version("A:DEU") == 0


def test_a_question_outside_the_audience_is_refused(world: World) -> None:
    client = world.api(world.tokens["A:GBR"])
    sanctions = {"measures": [{"measure": "energy_phase_out", "stance": "support"}]}

    response = client.put(
        "/api/respond/draft", json={"answers": {"sanctions": sanctions}, "base_version": 0}
    )

    body = assert_error_shape(response, 422)
    assert body["problems"][0]["path"] == "sanctions"
    assert "EU members only" in body["problems"][0]["message"]


def test_a_nul_character_is_refused_before_it_reaches_the_database(world: World) -> None:
    client = world.api(world.tokens["A:DEU"])

    response = client.put(
        "/api/respond/draft",
        json={"answers": {"troops": {"notes": "a\u0000b"}}, "base_version": 0},
    )

    body = assert_error_shape(response, 422)
    assert "NUL" in body["error"]


@pytest.mark.parametrize(
    "authorization",
    ["Bearer forged-token-0123456789", "Bearer ", "Basic YWxpY2U6cGFzc3dvcmQ=", ""],
    ids=["forged", "empty", "basic", "none"],
)
def test_a_forged_or_missing_token_is_a_401_that_says_what_to_send(
    client: TestClient, authorization: str
) -> None:
    response = client.get("/api/respond", headers={"Authorization": authorization})

    body = assert_error_shape(response, 401)
    assert "invitation" in body["error"].lower()


def test_a_forged_invitation_link_gets_a_page_saying_to_ask_for_a_new_one(
    client: TestClient,
) -> None:
    link = client.get("/respond/not-a-real-token-at-all-0000000000000")
    response = client.post(
        "/respond/open",
        data={"token": "not-a-real-token-at-all-0000000000000", "csrf_token": csrf_of(link.text)},
    )

    assert link.status_code == 200  # the link itself checks nothing: scanners learn nothing
    assert response.status_code == 401
    assert "Ask the coordinator of the round for a new link" in response.text


def test_a_coordinator_token_on_the_respondent_api_is_refused(world: World) -> None:
    response = world.api(world.api_token).get("/api/respond")

    assert_error_shape(response, 401)


def test_an_unknown_round_is_a_404_naming_it(world: World) -> None:
    response = world.api(world.api_token).get("/api/rounds/nosuchround")

    body = assert_error_shape(response, 404)
    assert "'nosuchround'" in body["error"]


def test_unknown_api_paths_and_methods_get_the_same_shape(world: World) -> None:
    client = world.api(world.api_token)

    assert_error_shape(client.get("/api/nothing-here"), 404)
    assert_error_shape(client.delete("/api/rounds"), 405)


def test_an_unknown_page_gets_the_error_page(client: TestClient) -> None:
    response = client.get("/no/such/page")

    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text
    assert "/no/such/page" in response.text


def test_every_api_route_answers_an_anonymous_call_in_the_error_shape(world: World) -> None:
    schema = world.api(None).get("/api/openapi.json").json()
    client = world.api(None)

    for path, operations in schema["paths"].items():
        concrete = path.replace("{round_id}", world.round_a).replace("{code}", "FRA")
        concrete = concrete.replace("{invitation_id}", world.invitation_ids["A:DEU"])
        for method in operations:
            response = client.request(method.upper(), concrete, json={})
            assert_error_shape(response, 401)


def test_closed_rounds_refuse_saves_with_a_409_that_says_why(world: World) -> None:
    world.api(world.api_token).post(f"/api/rounds/{world.round_a}/close")
    client = world.api(world.tokens["A:DEU"])

    response = client.put("/api/respond/draft", json={"answers": {}, "base_version": 0})

    body = assert_error_shape(response, 409)
    assert "closed" in body["error"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/respond/check-condition?text=%00", None),
        ("GET", "/api/rounds/%00", None),
        ("POST", "/login", "username=alice%00&password=x"),
    ],
    ids=["query", "path", "form"],
)
def test_a_nul_character_anywhere_is_a_422_before_any_route_runs(
    client: TestClient, method: str, path: str, body: str | None
) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}

    response = client.request(method, path, content=body, headers=headers)

    assert response.status_code == 422
    assert "NUL character" in response.text
