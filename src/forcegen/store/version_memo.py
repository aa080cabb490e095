"""Response versions already read, kept per process: a stored version never changes.

`response_versions` is append-only: a row, once committed, is never updated, so the domain
value read from it can be kept. A round's pledges are built from the latest submission of
every response, after every new submission; with the versions kept, that read fetches the
pointer rows and only the versions not read before (usually one), not some 200 JSON answer
sets each time. Entries are keyed by the database, the version (response and number), the
row's id and its save time, so neither another database (tests make many) nor one restored or
replaced under a running server is ever answered from an entry of another row.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict

from forcegen.model.response import ResponseVersion

VersionKey = tuple[str, str, int, int, dt.datetime]
"""The database's URL (as text, password hidden), the response id, the version number, the
row's id, its save time."""

VERSIONS_KEPT = 20_000
"""About 1 kB each: a hundred rounds of 200 responses."""


class VersionMemo:
    """The newest `max_entries` versions read, by `VersionKey`; safe across threads."""

    def __init__(self, max_entries: int = VERSIONS_KEPT) -> None:
        self._entries: OrderedDict[VersionKey, ResponseVersion] = OrderedDict()
        self._max_entries = max_entries
        self._lock = threading.Lock()

    def get(self, key: VersionKey) -> ResponseVersion | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: VersionKey, version: ResponseVersion) -> None:
        with self._lock:
            self._entries[key] = version
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
