"""Every route of the app against every role: who gets in, and who is turned away.

The table below must name every route of `create_app` (a new route without a rule fails
`test_every_route_has_an_authorization_rule`), and every rule is exercised for all six
roles: anonymous, the respondent of participant A (FRA in round A), the respondent of
another round (FRA in round B), a revoked invitation (POL), a coordinator and an analyst.
Browsers use their session cookie (with a valid CSRF token, so that only authorization is at
stake); API callers use their bearer token.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from starlette.routing import Mount
from web_env import PASSWORD, TestClient, csrf_of, log_in
from web_world import ROLES, World, build_world, no_troops

from forcegen.bootstrap import Services
from forcegen.service.accounts import api_tokens, users
from forcegen.web import create_app
from forcegen.web.assessment.pages import plotly_path

MATRIX_ROLES = (*ROLES, "analyst")
ALL = frozenset(MATRIX_ROLES)
COORDINATOR = frozenset({"coordinator"})
TRACKER = frozenset({"coordinator", "analyst"})  # the public record and its assessment
RESPONDENTS = frozenset({"respondent_a", "respondent_b"})
MEMBER_OF_EU = frozenset({"respondent_a"})
DENIED = frozenset({401, 403, 404})
FORGED_TOKEN = "x" * 43
ROLE_TOKENS = {"respondent_a": "A:FRA", "respondent_b": "B:FRA", "revoked": "A:POL"}

Body = Callable[[World, str], dict[str, Any]]


@dataclass(frozen=True)
class Rule:
    """Who may use a route, and a request that succeeds for them."""

    allowed: frozenset[str]
    path: str  # formatted with World fields and the role's token
    ok: frozenset[int] = frozenset({200})
    form: Body | None = None
    json: Body | None = None
    headers: dict[str, str] = field(default_factory=dict)
    fresh_client: bool = False  # the request ends the session: use a throwaway browser
    files: bool = False  # a multipart upload
    denied: frozenset[int] = DENIED


def _draft_form(world: World, role: str) -> dict[str, Any]:
    return {"base_version": str(_latest(world, role)), "troops.decision": "undecided"}


def _submit_form(world: World, role: str) -> dict[str, Any]:
    return _draft_form(world, role) | {
        "troops.decision": "no",
        "attestation_name": "Jeanne Martin",
        "attestation_title": "Director",
    }


def _draft_json(world: World, role: str) -> dict[str, Any]:
    return {"answers": {"troops": {"decision": "undecided"}}, "base_version": _latest(world, role)}


def _latest(world: World, role: str) -> int:
    return world.latest_version(ROLE_TOKENS[role]) if role in RESPONDENTS else 0


def _fixed(body: dict[str, Any]) -> Body:
    return lambda world, role: body


LINK = f"http://testserver/respond/{'a' * 43}"
POSITION = {
    "actor_code": "POL",
    "topic": "troop_deployment",
    "stance": "no",
    "date": "2025-02-17",
    "summary": "Recorded by the authorization test.",
    "locator": "https://example.org/authorization-test",
    "outlet": "Example outlet",
}
PLOTLY_JS = plotly_path()
UPLOAD = {"files": ("sources.csv", b"id,kind,locator\n", "text/csv")}
RULES: dict[tuple[str, str], Rule] = {
    ("GET", "/"): Rule(ALL, "/", ok=frozenset({200, 303})),
    ("GET", "/login"): Rule(ALL, "/login"),
    ("POST", "/login"): Rule(
        ALL,
        "/login",
        ok=frozenset({303}),
        form=_fixed({"username": "alice", "password": PASSWORD}),
        fresh_client=True,
    ),
    ("POST", "/logout"): Rule(ALL, "/logout", ok=frozenset({303}), fresh_client=True),
    ("GET", "/rounds"): Rule(COORDINATOR, "/rounds"),
    ("GET", "/rounds/new"): Rule(COORDINATOR, "/rounds/new"),
    ("POST", "/rounds"): Rule(
        COORDINATOR,
        "/rounds",
        ok=frozenset({303}),
        form=_fixed({"title": "New", "questionnaire": "default", "deadline": "2099-01-01T10:00"}),
    ),
    ("GET", "/rounds/{round_id}"): Rule(COORDINATOR, "/rounds/{round_a}"),
    ("GET", "/rounds/{round_id}/invitees"): Rule(COORDINATOR, "/rounds/{round_a}/invitees"),
    ("GET", "/rounds/{round_id}/close"): Rule(COORDINATOR, "/rounds/{round_c}/close"),
    ("POST", "/rounds/{round_id}/close"): Rule(
        COORDINATOR, "/rounds/{round_c}/close", ok=frozenset({303})
    ),
    ("POST", "/rounds/{round_id}/invitations"): Rule(
        COORDINATOR, "/rounds/{round_a}/invitations", form=_fixed({"pasted": "ITA"})
    ),
    ("POST", "/rounds/{round_id}/invitations/{invitation_id}/revoke"): Rule(
        COORDINATOR, "/rounds/{round_a}/invitations/{inv_deu}/revoke", ok=frozenset({303})
    ),
    ("POST", "/rounds/{round_id}/invitations/{invitation_id}/reissue"): Rule(
        COORDINATOR, "/rounds/{round_a}/invitations/{inv_gbr}/reissue"
    ),
    ("POST", "/rounds/{round_id}/links/export"): Rule(
        COORDINATOR, "/rounds/{round_a}/links/export"
    ),
    ("POST", "/rounds/{round_id}/links.csv"): Rule(
        COORDINATOR,
        "/rounds/{round_a}/links.csv",
        form=_fixed({"code": "FRA", "link": LINK, "expires": "soon"}),
    ),
    ("GET", "/rounds/{round_id}/responses/{code}"): Rule(
        COORDINATOR, "/rounds/{round_a}/responses/FRA"
    ),
    ("GET", "/rounds/{round_id}/responses/{code}/diff"): Rule(
        COORDINATOR, "/rounds/{round_a}/responses/FRA/diff?a=1&b=2"
    ),
    ("GET", "/rounds/{round_id}/joint"): Rule(COORDINATOR, "/rounds/{round_a}/joint"),
    ("GET", "/rounds/{round_id}/answers.csv"): Rule(COORDINATOR, "/rounds/{round_a}/answers.csv"),
    ("POST", "/rounds/{round_id}/reminders"): Rule(COORDINATOR, "/rounds/{round_a}/reminders"),
    ("POST", "/rounds/{round_id}/reminders.{kind}"): Rule(
        COORDINATOR,
        "/rounds/{round_a}/reminders.csv",
        form=_fixed({"code": "DEU", "link": LINK}),
    ),
    ("GET", "/respond"): Rule(RESPONDENTS, "/respond"),
    ("POST", "/respond/draft"): Rule(
        RESPONDENTS, "/respond/draft", form=_draft_form, headers={"Accept": "application/json"}
    ),
    ("POST", "/respond/submit"): Rule(
        RESPONDENTS, "/respond/submit", ok=frozenset({303}), form=_submit_form
    ),
    ("POST", "/respond/withdraw"): Rule(
        RESPONDENTS, "/respond/withdraw", ok=frozenset({303}), form=_draft_form
    ),
    ("GET", "/respond/history"): Rule(RESPONDENTS, "/respond/history"),
    ("GET", "/respond/print"): Rule(RESPONDENTS, "/respond/print"),
    ("GET", "/respond/pdf"): Rule(RESPONDENTS, "/respond/pdf"),
    ("GET", "/respond/check-condition"): Rule(
        RESPONDENTS, "/respond/check-condition?text=ceasefire"
    ),
    ("POST", "/respond/leave"): Rule(ALL, "/respond/leave", ok=frozenset({303}), fresh_client=True),
    # The link only shows the "Open the form" button (no check, no change); the POST opens.
    ("GET", "/respond/{token}"): Rule(ALL, "/respond/{token}"),
    ("POST", "/respond/open"): Rule(
        RESPONDENTS,
        "/respond/open",
        ok=frozenset({303}),
        form=lambda world, role: {
            "token": world.tokens[ROLE_TOKENS[role]] if role in ROLE_TOKENS else FORGED_TOKEN
        },
        fresh_client=True,
    ),
    ("GET", "/respond/joint/{code}"): Rule(MEMBER_OF_EU, "/respond/joint/EU"),
    ("POST", "/respond/joint/{code}"): Rule(
        MEMBER_OF_EU,
        "/respond/joint/EU",
        ok=frozenset({303}),
        form=_fixed({"kind": "endorse"}),
        denied=DENIED | {409},  # round B has no EU joint response (see the API rule)
    ),
    ("GET", "/api/docs"): Rule(ALL, "/api/docs"),
    ("GET", "/api/openapi.json"): Rule(ALL, "/api/openapi.json"),
    ("GET", "/static"): Rule(ALL, "/static/forcegen.css"),
    ("GET", "/api/questionnaires"): Rule(COORDINATOR, "/api/questionnaires"),
    ("GET", "/api/rounds"): Rule(COORDINATOR, "/api/rounds"),
    ("POST", "/api/rounds"): Rule(
        COORDINATOR,
        "/api/rounds",
        ok=frozenset({201}),
        json=_fixed({"title": "API round", "deadline": "2099-01-01T00:00:00Z"}),
    ),
    ("GET", "/api/rounds/{round_id}"): Rule(COORDINATOR, "/api/rounds/{round_a}"),
    ("POST", "/api/rounds/{round_id}/invitations"): Rule(
        COORDINATOR,
        "/api/rounds/{round_a}/invitations",
        ok=frozenset({201}),
        json=_fixed({"participant_codes": ["ESP"]}),
    ),
    ("POST", "/api/rounds/{round_id}/invitations/{invitation_id}/revoke"): Rule(
        COORDINATOR, "/api/rounds/{round_a}/invitations/{inv_deu}/revoke"
    ),
    ("POST", "/api/rounds/{round_id}/invitations/{invitation_id}/reissue"): Rule(
        COORDINATOR, "/api/rounds/{round_a}/invitations/{inv_gbr}/reissue"
    ),
    ("POST", "/api/rounds/{round_id}/links"): Rule(
        COORDINATOR, "/api/rounds/{round_a}/links", json=_fixed({})
    ),
    ("GET", "/api/rounds/{round_id}/responses/{code}"): Rule(
        COORDINATOR, "/api/rounds/{round_a}/responses/FRA"
    ),
    ("GET", "/api/rounds/{round_id}/responses/{code}/diff"): Rule(
        COORDINATOR, "/api/rounds/{round_a}/responses/FRA/diff?from_version=1&to_version=2"
    ),
    ("GET", "/api/rounds/{round_id}/joint"): Rule(COORDINATOR, "/api/rounds/{round_a}/joint"),
    ("POST", "/api/rounds/{round_id}/close"): Rule(COORDINATOR, "/api/rounds/{round_d}/close"),
    ("GET", "/api/respond"): Rule(RESPONDENTS, "/api/respond"),
    ("PUT", "/api/respond/draft"): Rule(RESPONDENTS, "/api/respond/draft", json=_draft_json),
    ("POST", "/api/respond/submission"): Rule(
        RESPONDENTS,
        "/api/respond/submission",
        ok=frozenset({201}),
        json=lambda world, role: (
            _draft_json(world, role)
            | {
                "answers": no_troops(),
                "attestation_name": "Jeanne Martin",
                "attestation_title": "Director",
            }
        ),
    ),
    ("POST", "/api/respond/withdrawal"): Rule(
        RESPONDENTS,
        "/api/respond/withdrawal",
        ok=frozenset({201}),
        json=lambda world, role: {"base_version": _latest(world, role)},
    ),
    ("GET", "/api/respond/history"): Rule(RESPONDENTS, "/api/respond/history"),
    ("POST", "/api/respond/endorsements"): Rule(
        MEMBER_OF_EU,
        "/api/respond/endorsements",
        ok=frozenset({201}),
        json=_fixed({"joint_participant": "EU", "kind": "endorse"}),
        # Round B has no EU joint response: its FRA respondent meets the rule, not a 404.
        denied=DENIED | {409},
    ),
    ("GET", "/api/respond/condition-check"): Rule(
        RESPONDENTS, "/api/respond/condition-check?text=ceasefire"
    ),
    # The public-source tracker (analysts and coordinators; respondents are not its users).
    ("GET", "/positions"): Rule(TRACKER, "/positions"),
    ("GET", "/positions/new"): Rule(TRACKER, "/positions/new"),
    ("POST", "/positions"): Rule(TRACKER, "/positions", ok=frozenset({303}), form=_fixed(POSITION)),
    ("GET", "/positions/{position_id}"): Rule(TRACKER, "/positions/{position_id}"),
    ("GET", "/positions/{position_id}/correct"): Rule(TRACKER, "/positions/{position_id}/correct"),
    ("POST", "/positions/{position_id}/correct"): Rule(
        TRACKER,
        "/positions/{position_id}/correct",
        ok=frozenset({303}),
        form=_fixed(POSITION | {"summary": "Corrected in the authorization test."}),
    ),
    ("GET", "/countries/{code}"): Rule(TRACKER, "/countries/POL"),
    ("GET", "/timeline"): Rule(TRACKER, "/timeline"),
    ("GET", "/matrix"): Rule(TRACKER, "/matrix"),
    ("GET", "/public-data"): Rule(TRACKER, "/public-data"),
    ("POST", "/public-data/import"): Rule(
        TRACKER, "/public-data/import", form=_fixed({"action": "preview"}), files=True
    ),
    ("GET", "/public-data/export.{extension}"): Rule(TRACKER, "/public-data/export.json"),
    ("GET", "/public-data/export/{table}.csv"): Rule(TRACKER, "/public-data/export/positions.csv"),
    ("GET", "/api/positions"): Rule(TRACKER, "/api/positions"),
    ("POST", "/api/positions"): Rule(
        TRACKER, "/api/positions", ok=frozenset({201}), json=_fixed(POSITION)
    ),
    ("GET", "/api/positions/{position_id}/history"): Rule(
        TRACKER, "/api/positions/{api_position_id}/history"
    ),
    ("POST", "/api/positions/{position_id}/corrections"): Rule(
        TRACKER,
        "/api/positions/{api_position_id}/corrections",
        ok=frozenset({201}),
        json=_fixed({"changes": {"summary": "Corrected through the API."}}),
    ),
    ("GET", "/api/countries/{code}"): Rule(TRACKER, "/api/countries/POL"),
    ("GET", "/api/timeline"): Rule(TRACKER, "/api/timeline"),
    ("GET", "/api/matrix"): Rule(TRACKER, "/api/matrix"),
    ("GET", "/api/public-data"): Rule(TRACKER, "/api/public-data"),
    ("POST", "/api/public-data/import"): Rule(
        TRACKER, "/api/public-data/import?dry_run=true", json=_fixed({})
    ),
    # The assessment: rounds for coordinators, the public record for analysts and coordinators.
    ("GET", "/assessment"): Rule(TRACKER, "/assessment"),
    ("GET", "/assessment/public"): Rule(TRACKER, "/assessment/public"),
    ("GET", "/assessment/public/export.{extension}"): Rule(
        TRACKER, "/assessment/public/export.json"
    ),
    ("GET", "/rounds/{round_id}/assessment"): Rule(COORDINATOR, "/rounds/{round_a}/assessment"),
    ("GET", "/rounds/{round_id}/assessment/differences"): Rule(
        COORDINATOR, "/rounds/{round_a}/assessment/differences"
    ),
    ("GET", "/rounds/{round_id}/assessment/export.{extension}"): Rule(
        COORDINATOR, "/rounds/{round_a}/assessment/export.xlsx"
    ),
    ("GET", PLOTLY_JS): Rule(ALL, PLOTLY_JS),
    # Accounts and API tokens: coordinators only.
    ("GET", "/admin/users"): Rule(COORDINATOR, "/admin/users"),
    ("POST", "/admin/users"): Rule(
        COORDINATOR,
        "/admin/users",
        ok=frozenset({303}),
        form=_fixed({"username": "new.analyst", "role": "analyst", "password": PASSWORD}),
    ),
    ("POST", "/admin/users/{username}/disable"): Rule(
        COORDINATOR, "/admin/users/spare.analyst/disable", ok=frozenset({303})
    ),
    ("POST", "/admin/users/{username}/enable"): Rule(
        COORDINATOR, "/admin/users/spare.analyst/enable", ok=frozenset({303})
    ),
    ("POST", "/admin/users/{username}/password"): Rule(
        COORDINATOR,
        "/admin/users/spare.analyst/password",
        ok=frozenset({303}),
        form=_fixed({"password": "another long passphrase"}),
    ),
    ("POST", "/admin/users/{username}/tokens"): Rule(
        COORDINATOR, "/admin/users/spare.analyst/tokens", form=_fixed({"name": "matrix"})
    ),
    ("POST", "/admin/tokens/{token_id}/revoke"): Rule(
        COORDINATOR, "/admin/tokens/{spare_token}/revoke", ok=frozenset({303})
    ),
    ("GET", "/api/rounds/{round_id}/assessment"): Rule(
        COORDINATOR, "/api/rounds/{round_a}/assessment"
    ),
    ("GET", "/api/public/assessment"): Rule(TRACKER, "/api/public/assessment"),
}


def app_routes(services: Services) -> set[tuple[str, str]]:
    """(method, path) of every route, included routers flattened; a mount counts as GET."""
    keys: set[tuple[str, str]] = set()
    for route in iter_route_contexts(create_app(services).routes):
        if isinstance(route.original_route, Mount):
            keys.add(("GET", str(route.path)))
            continue
        methods = route.methods or set()
        keys.update((method, str(route.path)) for method in methods - {"HEAD"})
    return keys


def test_every_route_has_an_authorization_rule(services: Services) -> None:
    routes = app_routes(services)

    missing = sorted(routes - RULES.keys())
    stale = sorted(RULES.keys() - routes)

    assert not missing, f"routes without an authorization rule: {missing}"
    assert not stale, f"rules for routes that no longer exist: {stale}"


class Matrix:
    """The five roles' browsers and API credentials, created once per test."""

    def __init__(self, world: World) -> None:
        self.world = world
        extra = [_extra_round(world, title) for title in ("Round C", "Round D")]
        self.values = {
            "round_a": world.round_a,
            "round_c": extra[0],
            "round_d": extra[1],
            "inv_deu": world.invitation_ids["A:DEU"],
            "inv_gbr": world.invitation_ids["A:GBR"],
            "position_id": _position(world),
            "api_position_id": _position(world),  # the page correction supersedes the first
        }
        for username in ("ana", "spare.analyst"):
            users.create_user(
                uow=world.services.uow(),
                username=username,
                password=PASSWORD,
                role="analyst",
                display_name=username,
            )
        self.analyst_token = _token(world, "ana")
        self.values["spare_token"] = _token_id(world, "spare.analyst")
        self.browsers = {role: self.browser(role) for role in MATRIX_ROLES}

    def browser(self, role: str) -> TestClient:
        world = self.world
        if role == "coordinator":
            return world.coordinator()
        if role == "analyst":
            return log_in(world.app, "ana")
        if role == "revoked":
            return world.session_browser(world.tokens["A:POL"])
        if role in ROLE_TOKENS:
            return world.respondent(ROLE_TOKENS[role])
        client = world.anonymous()
        client.headers["X-CSRF-Token"] = csrf_of(client.get("/login").text)
        return client

    def api_token(self, role: str) -> str | None:
        if role == "coordinator":
            return self.world.api_token
        if role == "analyst":
            return self.analyst_token
        if role in ROLE_TOKENS:
            return self.world.tokens[ROLE_TOKENS[role]]
        return None

    def request(self, method: str, rule: Rule, role: str) -> Any:
        # Denied attempts count towards the rate limit; this test is about roles, not rates.
        self.world.app.state.limiter.reset()
        token = self.world.tokens[ROLE_TOKENS[role]] if role in ROLE_TOKENS else FORGED_TOKEN
        path = rule.path.format(**self.values, token=token)
        if path.startswith("/api/") and path not in {"/api/docs", "/api/openapi.json"}:
            client = self.world.api(self.api_token(role))
        else:
            client = self.browser(role) if rule.fresh_client else self.browsers[role]
        kwargs: dict[str, Any] = {"headers": rule.headers}
        if rule.form is not None:
            token_field = {"csrf_token": client.headers.get("X-CSRF-Token", "")}
            kwargs["data"] = rule.form(self.world, role) | token_field
        if rule.json is not None:
            kwargs["json"] = rule.json(self.world, role)
        if rule.files:
            kwargs["files"] = UPLOAD
        return client.request(method, path, **kwargs)


def _token(world: World, username: str) -> str:
    return api_tokens.issue_token(
        uow=world.services.uow(), username=username, actor="test", scope="write"
    ).secret


def _token_id(world: World, username: str) -> str:
    issued = api_tokens.issue_token(uow=world.services.uow(), username=username, actor="test")
    return str(issued.token.id)


def _extra_round(world: World, title: str) -> str:
    client = world.api(world.api_token)
    created = client.post("/api/rounds", json={"title": title, "deadline": "2099-01-01T00:00Z"})
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _position(world: World) -> str:
    created = world.api(world.api_token).post("/api/positions", json=POSITION)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _is_denied(response: Any, rule: Rule) -> bool:
    if response.status_code == 303:
        return str(response.headers["location"]).startswith("/login")
    return response.status_code in rule.denied


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_each_role_is_let_in_exactly_where_its_rules_allow(services: Services, role: str) -> None:
    matrix = Matrix(build_world(services))
    wrong: list[str] = []

    for (method, template), rule in RULES.items():
        response = matrix.request(method, rule, role)
        if role in rule.allowed and response.status_code not in rule.ok:
            wrong.append(f"{method} {template}: allowed, got {response.status_code}")
        elif role not in rule.allowed and not _is_denied(response, rule):
            wrong.append(f"{method} {template}: denied, got {response.status_code}")

    assert not wrong, f"as {role}:\n" + "\n".join(wrong)


def test_a_token_reaches_only_its_own_round_and_participant(world: World) -> None:
    world.save("A:DEU", {"troops": {"decision": "no", "notes": "German confidential note"}})
    other_round = world.respondent("B:FRA")
    api = world.api(world.tokens["B:FRA"])

    page = other_round.get("/respond").text
    context = api.get("/api/respond").json()
    history = api.get("/api/respond/history").json()

    assert "Round B" in page
    assert "Round A" not in page
    assert context["round"]["id"] == world.round_b
    assert context["participant_code"] == "FRA"
    assert history["round_id"] == world.round_b
    assert "German confidential note" not in page + str(context) + str(history)
