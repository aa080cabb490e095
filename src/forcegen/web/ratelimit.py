"""Rate limiting of password and token attempts, in memory, per client address and purpose.

Only failures count, so a respondent whose form autosaves every few seconds is never slowed
down, while guessing passwords or tokens stops after `max_failures` tries a minute. The state
lives in one process: behind several workers each keeps its own count (still a hard cap).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

_PRUNE_ABOVE_KEYS = 10_000


class TooManyAttemptsError(Exception):
    """Too many failed attempts from one client; `retry_after_seconds` says when to try again.

    Not a ForcegenError: it is a property of the web front-end, not of the domain.
    """

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after_seconds = retry_after_seconds


class AttemptLimiter:
    """Count failed attempts per (client, purpose) in a sliding window."""

    def __init__(
        self,
        *,
        max_failures: int = 10,
        window_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window_seconds = window_seconds
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str, purpose: str) -> None:
        """Refuse a new attempt if this client failed too often recently.

        Raises:
            TooManyAttemptsError: with the number of seconds to wait.
        """
        with self._lock:
            recent = self._prune(self._failures.get((client, purpose), deque()))
            if len(recent) < self.max_failures:
                return
            wait = max(1, math.ceil(recent[0] + self.window_seconds - self._clock()))
        raise TooManyAttemptsError(
            f"Too many failed {purpose} attempts from your address. Wait {wait} seconds, "
            "then try again with the correct credentials.",
            retry_after_seconds=wait,
        )

    def record_failure(self, client: str, purpose: str) -> None:
        with self._lock:
            if len(self._failures) > _PRUNE_ABOVE_KEYS:
                self._drop_stale()
            self._failures.setdefault((client, purpose), deque()).append(self._clock())

    def reset(self) -> None:
        """Forget every count (tests, or an operator after a false alarm)."""
        with self._lock:
            self._failures.clear()

    def _prune(self, failures: deque[float]) -> deque[float]:
        cutoff = self._clock() - self.window_seconds
        while failures and failures[0] <= cutoff:
            failures.popleft()
        return failures

    def _drop_stale(self) -> None:
        """Forget clients with no recent failure, so a scan from many addresses stays bounded."""
        for key in [key for key, times in self._failures.items() if not self._prune(times)]:
            del self._failures[key]
