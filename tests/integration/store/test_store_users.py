"""User accounts in the database: creation, duplicates, password and token log-in."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from forcegen.model.errors import (
    AuthenticationError,
    InvalidInputError,
    RuleViolationError,
)
from forcegen.model.user import Role, User
from forcegen.service.accounts import users
from forcegen.service.ports import Clock
from forcegen.store.uow import SqlUnitOfWork

UowFactory = Callable[[], SqlUnitOfWork]
PASSWORD = "correct horse battery staple"


def make_user(
    uow_factory: UowFactory,
    *,
    username: str = "a.martin",
    role: Role | str = Role.COORDINATOR,
    password: str = PASSWORD,
) -> User:
    return users.create_user(
        uow=uow_factory(),
        username=username,
        password=password,
        role=role,
        display_name="Anne Martin",
    )


class TestCreateUser:
    def test_created_user_is_stored_with_a_hashed_password(
        self, uow_factory: UowFactory, clock: Clock
    ) -> None:
        user = make_user(uow_factory, username="A.Martin")

        with uow_factory() as uow:
            stored = uow.users.get_by_username("a.martin")

        assert stored == user
        assert stored.role is Role.COORDINATOR
        assert stored.created_at == clock.now()
        assert stored.password_hash.startswith("$argon2id$")
        assert PASSWORD not in stored.password_hash

    def test_creation_is_recorded_in_the_audit_log_without_secrets(
        self, uow_factory: UowFactory
    ) -> None:
        user = make_user(uow_factory)

        with uow_factory() as uow:
            (entry,) = uow.audit.entries()
            report = uow.audit.verify()

        assert (entry.action, entry.entity, entry.entity_id) == ("user.create", "user", user.id)
        assert entry.payload == {
            "username": "a.martin",
            "display_name": "Anne Martin",
            "role": "coordinator",
        }
        assert report.is_intact

    def test_a_duplicate_username_is_refused_with_its_message(
        self, uow_factory: UowFactory
    ) -> None:
        make_user(uow_factory)

        with pytest.raises(RuleViolationError) as caught:
            make_user(uow_factory, username="A.MARTIN", role=Role.ANALYST)

        assert caught.value.message == (
            "A user named 'a.martin' already exists: choose another username "
            "(usernames are unique and compared in lower case)."
        )
        assert len(users.list_users(uow=uow_factory())) == 1

    def test_the_database_refuses_a_duplicate_that_slips_past_the_check(
        self, uow_factory: UowFactory
    ) -> None:
        user = make_user(uow_factory)
        twin = user.model_copy(update={"id": "another-id"})

        with pytest.raises(RuleViolationError, match="already exists"), uow_factory() as uow:
            uow.users.add(twin)

    @pytest.mark.parametrize(
        ("username", "password", "expected"),
        [
            ("a b", PASSWORD, "Username 'a b' is not valid"),
            ("9lives", PASSWORD, "starting with a letter"),
            ("a.martin", "short pass", "Password is too short (10 characters)"),
        ],
        ids=["space", "leading-digit", "short-password"],
    )
    def test_bad_usernames_and_passwords_are_refused_with_what_to_do(
        self, uow_factory: UowFactory, username: str, password: str, expected: str
    ) -> None:
        with pytest.raises(InvalidInputError) as caught:
            make_user(uow_factory, username=username, password=password)

        assert expected in caught.value.message

    def test_an_unknown_role_is_refused_listing_the_roles(self, uow_factory: UowFactory) -> None:
        with pytest.raises(InvalidInputError, match="use one of coordinator, analyst"):
            make_user(uow_factory, role="admin")

    def test_users_are_listed_by_username(self, uow_factory: UowFactory) -> None:
        for name in ("zoe", "bea", "max"):
            make_user(uow_factory, username=name)

        listed = users.list_users(uow=uow_factory())

        assert [user.username for user in listed] == ["bea", "max", "zoe"]


class TestAuthenticate:
    def test_the_right_password_logs_in(self, uow_factory: UowFactory) -> None:
        user = make_user(uow_factory)

        logged_in = users.authenticate(uow=uow_factory(), username="A.Martin ", password=PASSWORD)

        assert logged_in == user

    def test_a_wrong_password_and_an_unknown_user_get_the_same_message(
        self, uow_factory: UowFactory
    ) -> None:
        make_user(uow_factory)

        with pytest.raises(AuthenticationError) as wrong_password:
            users.authenticate(uow=uow_factory(), username="a.martin", password="not it at all")
        with pytest.raises(AuthenticationError) as unknown_user:
            users.authenticate(uow=uow_factory(), username="nobody", password=PASSWORD)

        assert wrong_password.value.message == unknown_user.value.message
        assert "nobody" not in unknown_user.value.message
        assert wrong_password.value.message.startswith("Wrong username or password")
