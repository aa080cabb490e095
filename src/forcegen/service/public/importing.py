"""Import of public-source data: check every row first, then change only what differs.

New rows are inserted. A changed source or pledge is updated in place (the audit log keeps
its previous values); a changed position becomes a correction, so its old version stays in
the history. A row that matches the stored data, or a position that matches the current
version of its history, is left alone: importing the same data twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from forcegen.conditions import Listings
from forcegen.model.pledge import Pledge
from forcegen.model.position import Position
from forcegen.model.public_problem import DataProblem, PublicDataError, RowNumbers
from forcegen.model.source import Source
from forcegen.service.ports import UnitOfWork
from forcegen.service.public.batch import Batch, find_problems
from forcegen.service.public.history import (
    current_version,
    next_version_id,
    position_payload,
    store_correction,
)
from forcegen.service.public.ports import PledgeCatalog

Value = TypeVar("Value", Source, Position, Pledge)
Editable = TypeVar("Editable", Source, Pledge)


@dataclass(frozen=True, slots=True)
class RowChange:
    """A row whose data differs from the stored data, and the fields that differ.

    For a position, `new_id` is the id of the correction it becomes.
    """

    id: str
    fields: tuple[str, ...]
    new_id: str | None = None


@dataclass(frozen=True, slots=True)
class TableReport:
    """What an import does (or would do) to one table, by row id."""

    new: tuple[str, ...] = ()
    changed: tuple[RowChange, ...] = ()
    unchanged: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import changed or, for a dry run, would change."""

    sources: TableReport
    positions: TableReport
    pledges: TableReport
    is_dry_run: bool

    @property
    def has_changes(self) -> bool:
        return any(report.new or report.changed for _, report in self.tables())

    def tables(self) -> tuple[tuple[str, TableReport], ...]:
        return (("sources", self.sources), ("positions", self.positions), ("pledges", self.pledges))


def import_public_data(
    *,
    uow: UnitOfWork,
    catalog: PledgeCatalog,
    sources: Sequence[Source],
    positions: Sequence[Position],
    pledges: Sequence[Pledge],
    actor: str,
    dry_run: bool = False,
    rows: RowNumbers | None = None,
    problems: Sequence[DataProblem] = (),
    listings: Listings | None = None,
) -> ImportReport:
    """Validate the data, then store what is new or changed (nothing at all for a dry run).

    `rows` gives the number a user finds each value under (default 1, 2, 3... per table).
    `problems` are those a file adapter found while reading the file: they are reported
    together with the ones found here. Pledges are checked against `catalog` (capability,
    caveats, condition) whichever door they came through; `listings` say where the person
    importing finds the known names.

    Raises:
        PublicDataError: lists every problem with table, row and column; nothing was saved.
    """
    batch = Batch(sources=sources, positions=positions, pledges=pledges, rows=rows)
    return import_batch(
        uow, catalog, batch, problems, actor=actor, dry_run=dry_run, listings=listings
    )


def import_batch(
    uow: UnitOfWork,
    catalog: PledgeCatalog,
    batch: Batch,
    problems: Sequence[DataProblem],
    *,
    actor: str,
    dry_run: bool,
    listings: Listings | None,
) -> ImportReport:
    """`import_public_data` for values already gathered in a batch (see there).

    Raises:
        PublicDataError: lists every problem with table, row and column; nothing was saved.
    """
    with uow:
        found = [*problems, *find_problems(uow, batch, catalog, listings)]
        if found:
            raise PublicDataError(found)
        report = ImportReport(
            sources=_classify(batch.sources, uow.sources.get_many(s.id for s in batch.sources)),
            positions=_plan_positions(uow, batch.positions),
            pledges=_classify(batch.pledges, {p.id: p for p in uow.pledges.list()}),
            is_dry_run=dry_run,
        )
        if dry_run or not report.has_changes:
            return report
        _apply(uow, batch, report, actor=actor)
        uow.commit()
    return report


def _differences(old: Value, new: Value, *, ignored: frozenset[str] = frozenset()) -> list[str]:
    names = (name for name in type(new).model_fields if name not in ignored)
    return [name for name in names if getattr(old, name) != getattr(new, name)]


def _classify(values: Sequence[Value], stored: Mapping[str, Value]) -> TableReport:
    new: list[str] = []
    changed: list[RowChange] = []
    unchanged: list[str] = []
    for value in values:
        old = stored.get(value.id)
        if old is None:
            new.append(value.id)
        elif old == value:
            unchanged.append(value.id)
        else:
            changed.append(RowChange(id=value.id, fields=tuple(_differences(old, value))))
    return TableReport(new=tuple(new), changed=tuple(changed), unchanged=tuple(unchanged))


def _plan_positions(uow: UnitOfWork, positions: Sequence[Position]) -> TableReport:
    """New, unchanged, or changed against the current version of the position's history."""
    history_fields = frozenset({"id", "supersedes"})
    new: list[str] = []
    changed: list[RowChange] = []
    unchanged: list[str] = []
    for position in positions:
        stored = uow.positions.get(position.id)
        if stored is None:
            new.append(position.id)
            continue
        current = current_version(uow, position.id).position
        fields = _differences(current, position, ignored=history_fields)
        if stored.position == position or not fields:
            unchanged.append(position.id)
        else:
            new_id = next_version_id(uow, current.id)
            changed.append(RowChange(id=position.id, fields=tuple(fields), new_id=new_id))
    return TableReport(new=tuple(new), changed=tuple(changed), unchanged=tuple(unchanged))


def _apply(uow: UnitOfWork, batch: Batch, report: ImportReport, *, actor: str) -> None:
    _apply_table(uow, uow.sources, batch.sources, report.sources, entity="source", actor=actor)
    _apply_positions(uow, batch.positions, report.positions, actor=actor)
    _apply_table(uow, uow.pledges, batch.pledges, report.pledges, entity="pledge", actor=actor)


class _EditableTable(Protocol[Editable]):
    """Sources and reported pledges: rows that are added, or updated in place."""

    def add(self, value: Editable, /) -> None: ...
    def get(self, value_id: str, /) -> Editable | None: ...
    def update(self, value: Editable, /) -> None: ...


def _apply_table(
    uow: UnitOfWork,
    table: _EditableTable[Editable],
    values: Sequence[Editable],
    report: TableReport,
    *,
    entity: str,
    actor: str,
) -> None:
    """Add the new rows and update the changed ones, each with its audit entry (the old values
    of an update are in the entry, so nothing is lost)."""
    by_id: dict[str, Editable] = {value.id: value for value in values}
    for value_id in report.new:
        table.add(by_id[value_id])
        _audit(uow, actor, f"{entity}.import", entity, value_id, new=by_id[value_id])
    for change in report.changed:
        previous = table.get(change.id)
        table.update(by_id[change.id])
        _audit(
            uow, actor, f"{entity}.update", entity, change.id, new=by_id[change.id], old=previous
        )


def _apply_positions(
    uow: UnitOfWork, positions: Sequence[Position], report: TableReport, *, actor: str
) -> None:
    by_id: dict[str, Position] = {position.id: position for position in positions}
    for position in _supersedes_first([by_id[position_id] for position_id in report.new]):
        uow.positions.add(position, recorded_at=uow.clock.now(), recorded_by=actor)
        if position.supersedes is not None:
            uow.positions.mark_superseded(position.supersedes, by=position.id)
        _audit(uow, actor, "position.import", "position", position.id, new=position)
    for change in report.changed:
        previous = current_version(uow, change.id)
        store_correction(uow, previous=previous, corrected=by_id[change.id], actor=actor)


def _supersedes_first(positions: list[Position]) -> list[Position]:
    """Order new positions so that each comes after the new position it supersedes."""
    pending: dict[str, Position] = {position.id: position for position in positions}
    ordered: list[Position] = []

    def place(position: Position) -> None:
        if position.id not in pending:
            return
        del pending[position.id]
        earlier = pending.get(position.supersedes or "")
        if earlier is not None:
            place(earlier)
        ordered.append(position)

    for position in positions:
        place(position)
    return ordered


def _audit(
    uow: UnitOfWork,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    *,
    new: Source | Position | Pledge,
    old: Source | Position | Pledge | None = None,
) -> None:
    payload: dict[str, object] = {"value": _plain(new)}
    if old is not None:
        payload["previous"] = _plain(old)
    uow.audit.record(
        actor=actor, action=action, entity=entity, entity_id=entity_id, payload=payload
    )


def _plain(value: Source | Position | Pledge) -> dict[str, object]:
    if isinstance(value, Position):
        return position_payload(value)
    plain = value.model_dump(mode="json")
    if isinstance(value, Pledge):
        plain["caveats"] = sorted(value.caveats)
    return plain
