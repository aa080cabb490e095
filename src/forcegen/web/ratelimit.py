"""Rate limiting of password and token attempts with `limits`, shared by every server process.

Only failures count, so a respondent whose form autosaves every few seconds is never slowed
down. Failures are counted in fixed windows under several keys, in the shared store (the
database, or Redis with FORCEGEN_REDIS_URL), so a count made by one process applies to all:

    address  10 failed attempts a minute from one client address, per purpose
    account  10 failed passwords in 15 minutes for one account, from anywhere (so 180
             guesses spread over 20 addresses stop after 10)
    token    30 openings of one invitation link an hour (a leaked link cannot mint sessions)

A throttled address still gets in with a correct credential where that is safe: a token
(256 random bits cannot be guessed, so tokens are checked first and only wrong ones are
refused), and a password for an account that has no recent failure (one wrong try from the
throttled address and that account, too, must wait). The client address is the peer's, or,
when the peer is a trusted proxy (FORCEGEN_TRUSTED_PROXIES), the nearest untrusted address in
X-Forwarded-For.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import Storage
from limits.strategies import FixedWindowRateLimiter

NAMESPACE = "forcegen"


class TooManyAttemptsError(Exception):
    """Too many failed attempts; `retry_after_seconds` says when to try again.

    Not a ForcegenError: it is a property of the web front-end, not of the domain.
    """

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after_seconds = retry_after_seconds


class AttemptLimiter:
    """Failed attempts per address, per account and openings per invitation token."""

    def __init__(
        self,
        storage: Storage,
        *,
        max_failures: int = 10,
        window_seconds: int = 60,
        account_failures: int = 10,
        account_window_seconds: int = 900,
        token_openings: int = 30,
        token_window_seconds: int = 3600,
    ) -> None:
        self._storage = storage
        self._limiter = FixedWindowRateLimiter(storage)
        self._address = RateLimitItemPerSecond(max_failures, window_seconds)
        self._account = RateLimitItemPerSecond(account_failures, account_window_seconds)
        self._token = RateLimitItemPerSecond(token_openings, token_window_seconds)

    def check(self, client: str, purpose: str, *, account: str | None = None) -> None:
        """Refuse an attempt before it is checked (passwords: the account's and the address's
        budgets; tokens are checked first, see `refuse_if_throttled`).

        Raises:
            TooManyAttemptsError: with the number of seconds to wait.
        """
        if account is not None:
            if not self._limiter.test(self._account, NAMESPACE, "account", account):
                raise self._error(
                    self._account, ("account", account), "password attempts for this account"
                )
            is_clean = self._remaining(self._account, "account", account) == self._account.amount
            if is_clean:
                return  # a correct password for an unharmed account works from any address
        self.refuse_if_throttled(client, purpose)

    def refuse_if_throttled(self, client: str, purpose: str) -> None:
        """Raises: TooManyAttemptsError when this address used up its failures."""
        if not self._limiter.test(self._address, NAMESPACE, "address", purpose, client):
            raise self._error(
                self._address, ("address", purpose, client), f"{purpose} attempts from your address"
            )

    def record_failure(self, client: str, purpose: str, *, account: str | None = None) -> None:
        self._limiter.hit(self._address, NAMESPACE, "address", purpose, client)
        if account is not None:
            self._limiter.hit(self._account, NAMESPACE, "account", account)

    def count_opening(self, token_hash: str) -> None:
        """Count one opening of an invitation link.

        Raises:
            TooManyAttemptsError: the link was opened too often this hour.
        """
        if not self._limiter.hit(self._token, NAMESPACE, "token", token_hash[:32]):
            raise self._error(self._token, ("token", token_hash[:32]), "openings of this link")

    def reset(self) -> None:
        """Forget every count (tests, or an operator after a false alarm)."""
        self._storage.reset()

    def _remaining(self, item: RateLimitItem, *keys: str) -> int:
        return int(self._limiter.get_window_stats(item, NAMESPACE, *keys).remaining)

    def _error(self, item: RateLimitItem, keys: tuple[str, ...], what: str) -> TooManyAttemptsError:
        reset_at = self._limiter.get_window_stats(item, NAMESPACE, *keys).reset_time
        wait = max(1, math.ceil(reset_at - time.time()))
        noun = "failed " if "attempts" in what else ""
        return TooManyAttemptsError(
            f"Too many {noun}{what}. Wait {wait} seconds, then try again with the correct "
            "credentials.",
            retry_after_seconds=wait,
        )
