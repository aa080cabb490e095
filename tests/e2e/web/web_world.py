"""A populated world for web tests: a coordinator, two rounds, invitations in every state.

    round A  FRA (submitted, then a draft), DEU, POL (entered, then revoked), GBR, EU (draft)
    round B  FRA (a draft): the "respondent of another round"

Roles the authorization tests play, each as a browser session and as an API caller:
anonymous, respondent of A (FRA), respondent of B (FRA), revoked (POL), coordinator.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine
from web_env import PASSWORD, TestClient, log_in, open_link

from forcegen.bootstrap import Services, SystemClock
from forcegen.catalog import load_catalog
from forcegen.config import Settings
from forcegen.service.accounts import api_tokens, users
from forcegen.service.accounts.credentials import hash_token
from forcegen.service.responding import answering
from forcegen.service.rounds import coordinating
from forcegen.web import create_app
from forcegen.web.session import COOKIE_NAME, Session

SECRET = "test-secret-key-that-is-long-enough-0123456789"
MAX_BODY_BYTES = 64 * 1024
COORDINATOR = "user:alice"
ROLES = ("anonymous", "respondent_a", "respondent_b", "revoked", "coordinator")


def build_services_on(engine: Engine, data_dir: Path, **settings: Any) -> Services:
    """Services over a test engine, with a small body limit so 413 is cheap to provoke."""
    options: dict[str, Any] = {"max_body_bytes": MAX_BODY_BYTES} | settings
    return Services(
        settings=Settings(
            database_url=engine.url.render_as_string(hide_password=True),
            secret_key=SECRET,
            data_dir=data_dir,
            **options,
        ),
        catalog=load_catalog(),
        clock=SystemClock(),
        engine=engine,
    )


def no_troops() -> dict[str, Any]:
    return {"troops": {"decision": "no"}}


def some_troops(personnel: int = 5000, notes: str = "") -> dict[str, Any]:
    answer: dict[str, Any] = {
        "decision": "conditional",
        "contributions": [{"capability": "land.combat", "personnel": personnel, "sustained": True}],
    }
    if notes:
        answer["notes"] = notes
    return {"troops": answer}


@dataclass
class World:
    services: Services
    app: FastAPI
    round_a: str
    round_b: str
    api_token: str
    tokens: dict[str, str]  # "A:FRA", "B:FRA", "A:POL" (revoked)...
    invitation_ids: dict[str, str]

    def save(self, key: str, answers: dict[str, Any], *, submit: bool = False) -> int:
        """Save (or submit) answers for an invitee from its latest version; the new number."""
        token = self.tokens[key]
        base = answering.own_history(uow=self.services.uow(), token=token).version_count
        common: dict[str, Any] = {
            "uow": self.services.uow(),
            "catalog": self.services.catalog,
            "token": token,
            "answers": answers,
            "base_version": base,
            "vocabulary": answering.answer_vocabulary(self.services.catalog),
        }
        if submit:
            version = answering.submit_response(
                **common, attestation_name="Jeanne Martin", attestation_title="Director"
            )
        else:
            version = answering.save_draft(**common)
        return version.number

    def latest_version(self, key: str) -> int:
        history = answering.own_history(uow=self.services.uow(), token=self.tokens[key])
        return history.version_count

    def coordinator(self) -> TestClient:
        return log_in(self.app)

    def respondent(self, key: str) -> TestClient:
        return open_link(self.app, self.tokens[key])

    def session_browser(self, token: str) -> TestClient:
        """A browser holding a respondent session for `token`, as if it had entered before
        the token was revoked (the session the server would have stored)."""
        session = Session()
        session.enter_as_respondent(hash_token(token))
        session_id = secrets.token_urlsafe(32)
        self.services.sessions.add(session.to_store(session_id, self.services.clock.now()))
        client = self.anonymous()
        client.cookies.set(COOKIE_NAME, session_id)
        client.headers["X-CSRF-Token"] = session.csrf
        return client

    def anonymous(self) -> TestClient:
        return TestClient(self.app, follow_redirects=False)

    def api(self, token: str | None) -> TestClient:
        client = TestClient(self.app, follow_redirects=False)
        if token is not None:
            client.headers["Authorization"] = f"Bearer {token}"
        return client


def build_world(services: Services) -> World:
    users.create_user(
        uow=services.uow(),
        username="alice",
        password=PASSWORD,
        role="coordinator",
        display_name="Alice Coordinator",
    )
    api_token = api_tokens.issue_token(uow=services.uow(), username="alice", actor="test").secret
    round_a = _round(services, "Round A", ["FRA", "DEU", "POL", "GBR", "EU"])
    round_b = _round(services, "Round B", ["FRA"])
    tokens = {f"A:{i.invitation.participant_code}": i.token for i in round_a[1]}
    tokens |= {f"B:{i.invitation.participant_code}": i.token for i in round_b[1]}
    ids = {f"A:{i.invitation.participant_code}": i.invitation.id for i in round_a[1]}
    ids |= {f"B:{i.invitation.participant_code}": i.invitation.id for i in round_b[1]}
    world = World(
        services=services,
        app=create_app(services),
        round_a=round_a[0],
        round_b=round_b[0],
        api_token=api_token,
        tokens=tokens,
        invitation_ids=ids,
    )
    world.save("A:FRA", some_troops(4000), submit=True)
    world.save("A:FRA", some_troops(5000))
    world.save("A:EU", some_troops(20000))
    world.save("B:FRA", no_troops())
    coordinating.revoke_invitation(
        uow=services.uow(), invitation_id=ids["A:POL"], actor=COORDINATOR
    )
    return world


def _round(services: Services, title: str, codes: list[str]) -> tuple[str, list[Any]]:
    created = coordinating.create_round(
        uow=services.uow(),
        questionnaire=services.catalog.questionnaire(),
        title=title,
        deadline=dt.datetime.now(dt.UTC) + dt.timedelta(days=14),
        actor=COORDINATOR,
    )
    issued = coordinating.invite(
        uow=services.uow(),
        catalog=services.catalog,
        round_id=created.id,
        participant_codes=codes,
        actor=COORDINATOR,
    )
    return created.id, issued
