"""Administering accounts and API tokens: tokens shown once and stored hashed, scoped and
expiring; accounts disabled, re-enabled and given new passwords; every step audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

import pytest

from forcegen.model.api_token import TokenScope
from forcegen.model.errors import (
    AuthenticationError,
    InvalidInputError,
    NotFoundError,
    RuleViolationError,
)
from forcegen.model.user import Role
from forcegen.service.accounts import api_tokens, user_admin, users
from forcegen.store.uow import SqlUnitOfWork

UowFactory = Callable[[], SqlUnitOfWork]


class FixedClock(Protocol):
    """The shared test clock (tests/conftest.py)."""

    def advance(self, delta: dt.timedelta) -> None: ...


PASSWORD = "correct horse battery staple"


def make_user(uow_factory: UowFactory, username: str, role: Role = Role.ANALYST) -> None:
    users.create_user(
        uow=uow_factory(), username=username, password=PASSWORD, role=role, display_name=username
    )


def actions(uow_factory: UowFactory) -> list[str]:
    with uow_factory() as uow:
        return [entry.action for entry in reversed(uow.audit.entries())]


class TestApiTokens:
    def test_an_issued_token_authenticates_and_only_its_hash_is_stored(
        self, uow_factory: UowFactory
    ) -> None:
        make_user(uow_factory, "ana")

        issued = api_tokens.issue_token(
            uow=uow_factory(), username="ana", actor="user:alice", name="nightly export"
        )

        holder = api_tokens.authenticate_token(uow=uow_factory(), token=issued.secret)
        assert (holder.user.username, holder.scope) == ("ana", TokenScope.WRITE)
        assert issued.secret not in issued.token.token_hash
        assert issued.secret not in repr(issued.token)
        with uow_factory() as uow:
            entry = uow.audit.entries(limit=1)[0]
        assert entry.action == "api_token.issue"
        assert issued.secret not in str(entry.payload)

    def test_several_tokens_live_side_by_side_and_one_can_be_revoked(
        self, uow_factory: UowFactory
    ) -> None:
        make_user(uow_factory, "ana")
        first = api_tokens.issue_token(uow=uow_factory(), username="ana", actor="cli:ops")
        second = api_tokens.issue_token(
            uow=uow_factory(), username="ana", actor="cli:ops", scope="read"
        )

        api_tokens.revoke_token(uow=uow_factory(), token_id=first.token.id, actor="cli:ops")

        with pytest.raises(AuthenticationError, match="API token not recognised"):
            api_tokens.authenticate_token(uow=uow_factory(), token=first.secret)
        holder = api_tokens.authenticate_token(uow=uow_factory(), token=second.secret)
        assert holder.scope is TokenScope.READ
        assert actions(uow_factory)[-3:] == [
            "api_token.issue",
            "api_token.issue",
            "api_token.revoke",
        ]

    def test_a_token_expires(self, uow_factory: UowFactory, clock: FixedClock) -> None:
        make_user(uow_factory, "ana")
        issued = api_tokens.issue_token(
            uow=uow_factory(), username="ana", actor="cli:ops", valid_days=7
        )

        clock.advance(dt.timedelta(days=7))

        with pytest.raises(AuthenticationError, match="expired or revoked"):
            api_tokens.authenticate_token(uow=uow_factory(), token=issued.secret)

    def test_a_disabled_accounts_tokens_stop_working(self, uow_factory: UowFactory) -> None:
        make_user(uow_factory, "ana")
        issued = api_tokens.issue_token(uow=uow_factory(), username="ana", actor="cli:ops")

        user_admin.set_disabled(uow=uow_factory(), username="ana", is_disabled=True, actor="x")

        with pytest.raises(AuthenticationError):
            api_tokens.authenticate_token(uow=uow_factory(), token=issued.secret)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"scope": "admin"}, "Unknown token scope 'admin': use one of read, write"),
            ({"valid_days": 0}, "within 1 to 366 days, not 0"),
            ({"valid_days": 1000}, "within 1 to 366 days, not 1000"),
            ({"name": "  "}, "Token name '  ' is not valid"),
        ],
        ids=["scope", "zero-days", "too-long", "blank-name"],
    )
    def test_bad_token_requests_say_what_is_wrong(
        self, uow_factory: UowFactory, kwargs: dict[str, object], message: str
    ) -> None:
        make_user(uow_factory, "ana")

        with pytest.raises(InvalidInputError, match=message):
            api_tokens.issue_token(
                uow=uow_factory(),
                username="ana",
                actor="x",
                **kwargs,  # type: ignore[arg-type]
            )

    def test_a_token_for_an_unknown_user_is_refused(self, uow_factory: UowFactory) -> None:
        with pytest.raises(NotFoundError, match="No user named 'ghost'"):
            api_tokens.issue_token(uow=uow_factory(), username="ghost", actor="x")


class TestAccountAdministration:
    def test_a_disabled_account_cannot_log_in_until_re_enabled(
        self, uow_factory: UowFactory
    ) -> None:
        make_user(uow_factory, "ana")

        user_admin.set_disabled(uow=uow_factory(), username="ana", is_disabled=True, actor="u:a")
        with pytest.raises(AuthenticationError, match="is disabled"):
            users.authenticate(uow=uow_factory(), username="ana", password=PASSWORD)
        user_admin.set_disabled(uow=uow_factory(), username="ana", is_disabled=False, actor="u:a")

        assert users.authenticate(uow=uow_factory(), username="ana", password=PASSWORD)
        assert actions(uow_factory)[-2:] == ["user.disable", "user.enable"]

    def test_the_last_active_coordinator_cannot_be_disabled(self, uow_factory: UowFactory) -> None:
        make_user(uow_factory, "alice", Role.COORDINATOR)

        with pytest.raises(RuleViolationError, match="'alice' is the last active coordinator"):
            user_admin.set_disabled(
                uow=uow_factory(), username="alice", is_disabled=True, actor="u:alice"
            )

    def test_a_reset_password_replaces_the_old_one(self, uow_factory: UowFactory) -> None:
        make_user(uow_factory, "ana")
        new = "a brand new passphrase"

        user_admin.reset_password(uow=uow_factory(), username="ana", password=new, actor="u:a")

        with pytest.raises(AuthenticationError):
            users.authenticate(uow=uow_factory(), username="ana", password=PASSWORD)
        assert users.authenticate(uow=uow_factory(), username="ana", password=new)
        with uow_factory() as uow:
            entry = uow.audit.entries(limit=1)[0]
        assert entry.action == "user.reset_password"
        assert new not in str(entry.payload)
