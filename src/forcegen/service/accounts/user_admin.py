"""Account administration: disable and re-enable accounts, reset passwords; all audited.

Creating accounts is `accounts.create_user`. Whatever ends an account's access here also ends
its browser sessions at once: every request checks that the account is enabled, and a session
is bound to the password it was opened with (see model/web_session.py).
"""

from __future__ import annotations

from forcegen.model.errors import RuleViolationError
from forcegen.model.user import Role, User, check_password_policy
from forcegen.service.accounts.credentials import hash_password
from forcegen.service.accounts.user_lookup import existing_user, record_user_event
from forcegen.service.ports import UnitOfWork


def set_disabled(*, uow: UnitOfWork, username: str, is_disabled: bool, actor: str) -> User:
    """Disable an account (its password, tokens and sessions stop working) or re-enable it.

    Raises:
        NotFoundError: no such account.
        RuleViolationError: it is the last active coordinator (nobody could administer).
    """
    with uow:
        user = existing_user(uow, username)
        if user.is_disabled == is_disabled:
            return user
        if is_disabled and user.role is Role.COORDINATOR and _active_coordinators(uow) <= 1:
            raise RuleViolationError(
                f"{user.username!r} is the last active coordinator: create or re-enable "
                "another coordinator first, so that someone can still administer forcegen."
            )
        changed = user.model_copy(update={"disabled_at": uow.clock.now() if is_disabled else None})
        uow.users.update(changed)
        record_user_event(uow, actor, "user.disable" if is_disabled else "user.enable", user)
        uow.commit()
    return changed


def reset_password(*, uow: UnitOfWork, username: str, password: str, actor: str) -> User:
    """Give an account a new password; its browser sessions end at once.

    Raises:
        NotFoundError: no such account.
        InvalidInputError: the password breaks the policy (not echoed).
    """
    check_password_policy(password)
    password_hash = hash_password(password)  # slow on purpose: before the transaction
    with uow:
        user = existing_user(uow, username)
        changed = user.model_copy(update={"password_hash": password_hash})
        uow.users.update(changed)
        record_user_event(uow, actor, "user.reset_password", user)
        uow.commit()
    return changed


def _active_coordinators(uow: UnitOfWork) -> int:
    return sum(
        1 for user in uow.users.list() if user.role is Role.COORDINATOR and not user.is_disabled
    )
