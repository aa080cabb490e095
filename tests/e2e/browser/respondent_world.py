"""A server over the demo database for the respondent and coordinator browser tests.

The demo gives a coordinator, an analyst, the public record and the illustrative round; each
test then opens a round of its own (`World.invite`), so tests never see each other's answers.
Rounds and invitations are made through the service layer, as `forcegen round` does: what a
test specifies is the browser side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from browser_env import ANALYST, COORDINATOR, server_env, serving

from forcegen.bootstrap import build_services, load_packaged_demo
from forcegen.config import Settings
from forcegen.model.user import Role
from forcegen.service.demo import DemoAccount
from forcegen.service.rounds import coordinating, invitations

LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass
class World:
    """A running server over a demo database; `url` is its base URL."""

    url: str
    env: dict[str, str]
    demo_round_id: str
    errors: list[str] = field(default_factory=list)

    def invite(self, *codes: str, title: str = "Browser test round") -> dict[str, str]:
        """Open a new round, invite `codes`, and return each invitee's link."""
        services = build_services(Settings.from_env(self.env))
        try:
            round_ = coordinating.create_round(
                uow=services.uow(),
                questionnaire=services.catalog.questionnaire(),
                title=title,
                deadline=dt.datetime.now(dt.UTC) + dt.timedelta(days=14),
                actor=f"user:{COORDINATOR[0]}",
            )
            issued = invitations.invite(
                uow=services.uow(),
                catalog=services.catalog,
                round_id=round_.id,
                participant_codes=codes,
                actor=f"user:{COORDINATOR[0]}",
            )
        finally:
            services.close()
        self.last_round_id = round_.id
        return {i.invitation.participant_code: f"{self.url}/respond/{i.token}" for i in issued}

    def page(self, browser: Any, viewport: dict[str, int] = LAPTOP) -> Any:
        """A page in a fresh browser context whose console errors land in `errors`."""
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        return page


def load_demo_database(
    env: dict[str, str], accounts: tuple[tuple[str, str, Role], ...] = ()
) -> str:
    """Load the demo into the database of `env`, with the test coordinator and analyst
    unless `accounts` names others; the illustrative round's id."""
    services = build_services(Settings.from_env(env))
    try:
        summary = load_packaged_demo(
            services,
            accounts=tuple(
                DemoAccount(*account)
                for account in accounts
                or ((*COORDINATOR, Role.COORDINATOR), (*ANALYST, Role.ANALYST))
            ),
        )
    finally:
        services.close()
    return summary.round.id


@contextmanager
def demo_world(data_dir: Path, database_url: str | None = None) -> Iterator[World]:
    """Serve the demo over SQLite in `data_dir`, or over `database_url` when given."""
    env = server_env(data_dir)
    if database_url is not None:
        env["FORCEGEN_DATABASE_URL"] = database_url
    round_id = load_demo_database(env)
    with serving(env, data_dir) as url:
        yield World(url=url, env=env, demo_round_id=round_id)


def log_in(page: Any, url: str, account: tuple[str, str], next_path: str = "/") -> None:
    """Log in through the login form and land on `next_path`."""
    page.goto(f"{url}/login?next={next_path}")
    page.get_by_label("Username").fill(account[0])
    page.get_by_label("Password").fill(account[1])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{url}{next_path.split('?')[0]}*")
