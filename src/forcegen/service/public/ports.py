"""Ports for the public-source record: where sources, positions and reported pledges are stored.

Each is a read-only property of the `UnitOfWork` (`uow.sources`, `uow.positions`,
`uow.pledges`) and joins its transaction. Positions are never edited: a correction is a
new position whose `supersedes` names the old one, which stays, marked `superseded_by`.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from forcegen.conditions import Listings, Vocabulary
from forcegen.model.pledge import Pledge
from forcegen.model.position import Position, PositionId, Stance, Topic
from forcegen.model.source import Reliability, Source


@dataclass(frozen=True, slots=True)
class PositionRecord:
    """A stored position with its bookkeeping: when and by whom it was recorded, and the id
    of the position that corrected it (None while it is the current version)."""

    position: Position
    recorded_at: dt.datetime
    recorded_by: str
    superseded_by: PositionId | None = None

    @property
    def is_current(self) -> bool:
        return self.superseded_by is None


@dataclass(frozen=True, slots=True)
class PositionQuery:
    """Which positions to find; every field left empty matches everything.

    `text` matches actor, actor code, summary and conditions, case-insensitively.
    `date_from`/`date_to` are inclusive. Superseded versions are left out unless asked for.
    """

    topics: Collection[Topic] = ()
    actor_codes: Collection[str] = ()
    stances: Collection[Stance] = ()
    reliabilities: Collection[Reliability] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""
    source_ids: Collection[str] = ()
    is_history_included: bool = False


class SourceRepository(Protocol):
    """Stored citations. A source changed by an import is updated in place; the audit log
    keeps its previous values."""

    def add(self, source: Source) -> None:
        """Store a new source."""
        ...

    def update(self, source: Source) -> None:
        """Replace the stored fields of an existing source (matched by id).

        Raises:
            NotFoundError: no source with that id.
        """
        ...

    def get(self, source_id: str) -> Source | None:
        """Return the source, or None."""
        ...

    def get_many(self, source_ids: Iterable[str]) -> dict[str, Source]:
        """Return the sources among `source_ids` that exist, by id."""
        ...

    def list(self) -> builtins.list[Source]:
        """Return every source, ordered by id."""
        ...


class PositionRepository(Protocol):
    """Stored positions, current and superseded; rows are only added, never changed, except
    for the mark that a later position supersedes them."""

    def add(self, position: Position, *, recorded_at: dt.datetime, recorded_by: str) -> None:
        """Store a new position (its `supersedes`, if any, must already be stored)."""
        ...

    def mark_superseded(self, position_id: str, *, by: PositionId) -> None:
        """Record that position `by` corrects `position_id`.

        Raises:
            NotFoundError: no position with that id.
            ConflictError: it is already superseded (another correction won).
        """
        ...

    def get(self, position_id: str) -> PositionRecord | None:
        """Return the position with its bookkeeping, or None."""
        ...

    def search(self, query: PositionQuery) -> builtins.list[PositionRecord]:
        """Return the positions matching `query`, ordered by date, then id."""
        ...


class PledgeRepository(Protocol):
    """Pledges recorded from public sources (level `reported` as a rule)."""

    def add(self, pledge: Pledge) -> None:
        """Store a new pledge; its `source_ids` must name stored sources."""
        ...

    def update(self, pledge: Pledge) -> None:
        """Replace an existing pledge (matched by id).

        Raises:
            NotFoundError: no pledge with that id.
        """
        ...

    def get(self, pledge_id: str) -> Pledge | None:
        """Return the pledge, or None."""
        ...

    def list(self, *, contributor: str | None = None) -> builtins.list[Pledge]:
        """Return every pledge (or one contributor's), ordered by contributor, then id."""
        ...


class PledgeCatalog(Protocol):
    """The names a reported pledge may use: `forcegen.catalog.Catalog` provides them.

    Every door through which pledges enter (a file, an upload, the JSON API) checks them
    against these, so a pledge whose capability, caveat or condition is unknown is never
    stored.
    """

    @property
    def capabilities(self) -> Mapping[str, object]:
        """The capability taxonomy, by key."""
        ...

    @property
    def caveats(self) -> Mapping[str, object]:
        """The caveats, by key."""
        ...

    def condition_vocabulary(self, listings: Listings | None = None) -> Vocabulary:
        """The names a condition may use; `listings` say where people find them."""
        ...
