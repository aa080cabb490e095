"""Results kept in memory, per server process, under a key that names the data they were
computed from: assessments per (round or public record, data version, selection), position
searches per public-record version, a form's questions per invitation.

The store raises a data version with every write that changes what a result reads (see the
DataVersionRepository port). A key carries the version read before the data, so an entry is
never served once the data has moved on, and each server process may keep its own cache:
they all read the same counter. Entries for old versions are simply never asked for again
and age out of the least-recently-used list.

When several requests miss the same key at once, one computes and the others wait for its
result (a dashboard reloaded by many coordinators right after a submission costs one run).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Generic, TypeVar

T = TypeVar("T")

DEFAULT_ENTRIES = 64


class ResultCache(Generic[T]):
    """A thread-safe, bounded, least-recently-used cache that computes each key once."""

    def __init__(self, max_entries: int = DEFAULT_ENTRIES) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, T] = OrderedDict()
        self._running: dict[Hashable, Future[T]] = {}
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value of `key`, or `compute()`'s (stored), computed once at a time.

        Raises:
            Whatever `compute` raises (nothing is stored, and waiting callers get it too).
        """
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            running = self._running.get(key)
            if running is None:
                running = self._running[key] = Future()
                is_mine = True
            else:
                is_mine = False
        if not is_mine:
            return running.result()
        try:
            value = compute()
        except BaseException as err:
            with self._lock:
                del self._running[key]
            running.set_exception(err)
            raise
        with self._lock:
            del self._running[key]
            self._entries[key] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        running.set_result(value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
