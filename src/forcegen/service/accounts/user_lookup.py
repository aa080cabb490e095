"""Finding an account by username inside a use case, with the error that says what to do, and
auditing what is done to an account."""

from __future__ import annotations

from forcegen.model.errors import NotFoundError
from forcegen.model.user import User
from forcegen.service.ports import UnitOfWork


def existing_user(uow: UnitOfWork, username: str) -> User:
    """The account named `username` (compared in lower case), inside an open unit of work.

    Raises:
        NotFoundError: no such account.
    """
    user = uow.users.get_by_username(username.strip().lower())
    if user is None:
        raise NotFoundError(
            f"No user named {username!r}: check the spelling (usernames are lower-case; "
            "`forcegen users list` shows them) or create the account first."
        )
    return user


def record_user_event(
    uow: UnitOfWork, actor: str, action: str, user: User, **facts: object
) -> None:
    """Audit something done to an account: every entry names its username (never a secret),
    then the `facts` of this kind of change."""
    uow.audit.record(
        actor=actor,
        action=action,
        entity="user",
        entity_id=user.id,
        payload={"username": user.username} | facts,
    )
