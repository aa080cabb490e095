"""A batch of public-source data to import, and the checks that need the database.

Each value is already valid on its own (the domain model saw to that); what is checked here
is how the values fit together and with what is stored: ids used twice, countries that do
not exist, sources cited but found nowhere, and corrections that would fork a history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from forcegen.conditions import Listings, Vocabulary, check
from forcegen.model.pledge import Pledge
from forcegen.model.position import Position
from forcegen.model.public_problem import (
    DataProblem,
    RowNumbers,
    actor_code_problem,
    missing_source_problem,
    unknown_name_problem,
)
from forcegen.model.source import Source
from forcegen.service.ports import UnitOfWork
from forcegen.service.public.ports import PledgeCatalog


@dataclass(frozen=True, slots=True)
class Batch:
    sources: Sequence[Source]
    positions: Sequence[Position]
    pledges: Sequence[Pledge]
    rows: RowNumbers | None = None

    def row(self, table: str, index: int) -> int:
        numbers: Sequence[int] = getattr(self.rows, table) if self.rows else ()
        return numbers[index] if index < len(numbers) else index + 1


def find_problems(
    uow: UnitOfWork, batch: Batch, catalog: PledgeCatalog, listings: Listings | None = None
) -> list[DataProblem]:
    """Every problem of the batch as a whole, in table and row order.

    `listings` say where the person importing finds the known names (default: the CLI's).
    """
    known_sources = _known_source_ids(uow, batch)
    return [
        *_duplicate_ids(batch, "sources", [source.id for source in batch.sources]),
        *_duplicate_ids(batch, "positions", [position.id for position in batch.positions]),
        *_duplicate_ids(batch, "pledges", [pledge.id for pledge in batch.pledges]),
        *_position_problems(uow, batch, known_sources),
        *_pledge_problems(batch, known_sources),
        *_pledge_name_problems(batch, catalog, catalog.condition_vocabulary(listings)),
    ]


def _known_source_ids(uow: UnitOfWork, batch: Batch) -> set[str]:
    in_batch = {source.id for source in batch.sources}
    cited = {position.source_id for position in batch.positions}
    cited.update(source_id for pledge in batch.pledges for source_id in pledge.source_ids)
    return in_batch | set(uow.sources.get_many(cited - in_batch))


def _duplicate_ids(batch: Batch, table: str, ids: list[str]) -> Iterator[DataProblem]:
    seen: Counter[str] = Counter()
    for index, value_id in enumerate(ids):
        seen[value_id] += 1
        if seen[value_id] > 1:
            message = f"id {value_id!r} is used by an earlier row: give each row its own id"
            yield DataProblem(table, batch.row(table, index), "id", message)


def _position_problems(
    uow: UnitOfWork, batch: Batch, known_sources: set[str]
) -> Iterator[DataProblem]:
    in_batch: set[str] = {position.id for position in batch.positions}
    claimed: Counter[str] = Counter()
    for index, position in enumerate(batch.positions):
        row = batch.row("positions", index)
        if (problem := actor_code_problem(position.actor_code)) is not None:
            yield DataProblem("positions", row, "actor_code", problem)
        if position.source_id not in known_sources:
            yield DataProblem(
                "positions", row, "source_id", missing_source_problem(position.source_id)
            )
        if position.supersedes is not None:
            claimed[position.supersedes] += 1
            message = _supersedes_problem(uow, position, in_batch, claimed)
            if message is not None:
                yield DataProblem("positions", row, "supersedes", message)
        stored = uow.positions.get(position.id)
        if stored is not None and stored.position.supersedes != position.supersedes:
            message = (
                f"position {position.id!r} is stored with supersedes "
                f"{stored.position.supersedes!r}: the history of a position cannot be "
                "changed; leave supersedes as it is"
            )
            yield DataProblem("positions", row, "supersedes", message)


def _supersedes_problem(
    uow: UnitOfWork, position: Position, in_batch: set[str], claimed: Counter[str]
) -> str | None:
    old_id = position.supersedes
    if old_id is None:
        return None
    if old_id == position.id:
        return f"position {old_id!r} cannot supersede itself: leave supersedes empty"
    if claimed[old_id] > 1:
        return f"an earlier row already corrects position {old_id!r}: a position has one correction"
    stored = uow.positions.get(old_id)
    if stored is None and old_id not in in_batch:
        return f"position {old_id!r} is neither in this file nor stored: check the id"
    if stored is not None and stored.superseded_by not in (None, position.id):
        return (
            f"position {old_id!r} was already corrected by {stored.superseded_by!r}: "
            "supersede that version instead"
        )
    return None


def _pledge_problems(batch: Batch, known_sources: set[str]) -> Iterator[DataProblem]:
    for index, pledge in enumerate(batch.pledges):
        row = batch.row("pledges", index)
        problem = actor_code_problem(pledge.contributor, is_coalition_allowed=False)
        if problem is not None:
            yield DataProblem("pledges", row, "contributor", problem)
        if not pledge.source_ids:
            message = "a reported pledge needs at least one source: fill in source_ids"
            yield DataProblem("pledges", row, "source_ids", message)
        for source_id in pledge.source_ids:
            if source_id not in known_sources:
                yield DataProblem("pledges", row, "source_ids", missing_source_problem(source_id))


def _pledge_name_problems(
    batch: Batch, catalog: PledgeCatalog, vocabulary: Vocabulary
) -> Iterator[DataProblem]:
    """Capabilities, caveats and conditions that the catalog does not know."""
    for index, pledge in enumerate(batch.pledges):
        row = batch.row("pledges", index)
        if pledge.capability is not None and pledge.capability not in catalog.capabilities:
            unknown = unknown_name_problem(pledge.capability, catalog.capabilities)
            yield DataProblem("pledges", row, "capability", unknown)
        for caveat in sorted(pledge.caveats - set(catalog.caveats)):
            unknown = unknown_name_problem(caveat, catalog.caveats)
            yield DataProblem("pledges", row, "caveats", unknown)
        if (condition_problem := check(pledge.condition, vocabulary)) is not None:
            yield DataProblem("pledges", row, "condition", condition_problem)
