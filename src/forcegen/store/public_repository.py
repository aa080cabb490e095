"""SQL repositories of the public-source record: sources and reported pledges (positions,
with their history, are in position_repository.py).

They translate between rows and domain values (`_to_domain`, `_to_row`) and raise the public
record's data version with every write (see data_version.py); the rules (validation, history,
audit) live in `forcegen.service.public.record`.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable

from sqlalchemy import select

from forcegen.model.amount_parse import parse_count, parse_money
from forcegen.model.errors import NotFoundError
from forcegen.model.pledge import Level, Pledge, PledgeId, PledgeKind
from forcegen.model.source import Source
from forcegen.store.data_version import PUBLIC_SCOPE, bump
from forcegen.store.mapping import copy_fields, from_row
from forcegen.store.repository import SqlRepository
from forcegen.store.rows_public import (
    PublicPledgeRow,
    PublicPledgeSourceRow,
    SourceRow,
)


class SqlSourceRepository(SqlRepository):
    """Sources in the `sources` table."""

    def add(self, source: Source) -> None:
        row = SourceRow()
        copy_fields(source, row, skip=())
        self._session.add(row)
        self._session.flush()
        bump(self._session, PUBLIC_SCOPE)

    def update(self, source: Source) -> None:
        row = self._session.get(SourceRow, source.id)
        if row is None:
            raise NotFoundError(f"No source {source.id!r} to update: import it as a new source.")
        copy_fields(source, row)
        self._session.flush()
        bump(self._session, PUBLIC_SCOPE)

    def get(self, source_id: str) -> Source | None:
        row = self._session.get(SourceRow, source_id)
        return None if row is None else from_row(Source, row)

    def get_many(self, source_ids: Iterable[str]) -> dict[str, Source]:
        wanted = sorted(set(source_ids))
        found: dict[str, Source] = {}
        for start in range(0, len(wanted), 500):  # keep under every backend's parameter limit
            chunk = wanted[start : start + 500]
            rows = self._session.scalars(select(SourceRow).where(SourceRow.id.in_(chunk)))
            found.update({row.id: from_row(Source, row) for row in rows})
        return found

    def list(self) -> builtins.list[Source]:
        rows = self._session.scalars(select(SourceRow).order_by(SourceRow.id))
        return [from_row(Source, row) for row in rows]


class SqlPledgeRepository(SqlRepository):
    """Reported pledges in `public_pledges`, their sources in `public_pledge_sources`."""

    def add(self, pledge: Pledge) -> None:
        self._session.add(PublicPledgeRow(**_pledge_columns(pledge)))
        self._session.flush()
        self._add_sources(pledge)

    def update(self, pledge: Pledge) -> None:
        row = self._session.get(PublicPledgeRow, pledge.id)
        if row is None:
            raise NotFoundError(f"No pledge {pledge.id!r} to update: import it as a new pledge.")
        for name, value in _pledge_columns(pledge).items():
            setattr(row, name, value)
        links = select(PublicPledgeSourceRow).where(PublicPledgeSourceRow.pledge_id == pledge.id)
        for link in self._session.scalars(links):
            self._session.delete(link)
        self._session.flush()
        self._add_sources(pledge)

    def get(self, pledge_id: str) -> Pledge | None:
        row = self._session.get(PublicPledgeRow, pledge_id)
        return None if row is None else self._to_domain([row])[0]

    def list(self, *, contributor: str | None = None) -> builtins.list[Pledge]:
        statement = select(PublicPledgeRow).order_by(
            PublicPledgeRow.contributor, PublicPledgeRow.id
        )
        if contributor is not None:
            statement = statement.where(PublicPledgeRow.contributor == contributor)
        return self._to_domain(builtins.list(self._session.scalars(statement)))

    def _add_sources(self, pledge: Pledge) -> None:
        """Link the pledge's sources; every add and update ends here, so the version moves."""
        for ordinal, source_id in enumerate(pledge.source_ids):
            link = PublicPledgeSourceRow(pledge_id=pledge.id, ordinal=ordinal, source_id=source_id)
            self._session.add(link)
        self._session.flush()
        bump(self._session, PUBLIC_SCOPE)

    def _to_domain(self, rows: builtins.list[PublicPledgeRow]) -> builtins.list[Pledge]:
        """Convert rows, loading the sources of all of them in one query."""
        if not rows:
            return []
        links = self._session.scalars(
            select(PublicPledgeSourceRow).order_by(
                PublicPledgeSourceRow.pledge_id, PublicPledgeSourceRow.ordinal
            )
            if len(rows) > 500
            else select(PublicPledgeSourceRow)
            .where(PublicPledgeSourceRow.pledge_id.in_([row.id for row in rows]))
            .order_by(PublicPledgeSourceRow.pledge_id, PublicPledgeSourceRow.ordinal)
        )
        source_ids: dict[str, builtins.list[str]] = {}
        for link in links:
            source_ids.setdefault(link.pledge_id, []).append(link.source_id)
        return [_pledge_to_domain(row, tuple(source_ids.get(row.id, ()))) for row in rows]


def _pledge_columns(pledge: Pledge) -> dict[str, object]:
    return {
        "id": pledge.id,
        "contributor": pledge.contributor,
        "kind": pledge.kind.value,
        "capability": pledge.capability,
        "personnel": pledge.personnel.file_text,
        "platforms": pledge.platforms.file_text,
        "value_eur": pledge.value_eur.file_text if pledge.value_eur else None,
        "quantity": pledge.quantity.file_text if pledge.quantity else None,
        "item": pledge.item,
        "sustained": pledge.sustained,
        "duration_months": pledge.duration_months,
        "start_month": pledge.start_month.file_text,
        "caveats": json.dumps(sorted(pledge.caveats)),
        "condition": pledge.condition,
        "level": pledge.level.value,
        "note": pledge.note,
    }


def _pledge_to_domain(row: PublicPledgeRow, source_ids: tuple[str, ...]) -> Pledge:
    caveats = json.loads(row.caveats)
    return Pledge(
        id=PledgeId(row.id),
        contributor=row.contributor,
        kind=PledgeKind(row.kind),
        capability=row.capability,
        personnel=parse_count(row.personnel),
        platforms=parse_count(row.platforms),
        value_eur=parse_money(row.value_eur) if row.value_eur is not None else None,
        quantity=parse_count(row.quantity) if row.quantity is not None else None,
        item=row.item,
        sustained=row.sustained,
        duration_months=row.duration_months,
        start_month=parse_count(row.start_month),
        caveats=frozenset(str(name) for name in caveats),
        condition=row.condition,
        level=Level(row.level),
        source_ids=source_ids,
        note=row.note,
    )
