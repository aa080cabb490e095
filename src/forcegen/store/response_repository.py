"""SQL repository of responses: the append-only versions and the latest-version pointer.

Appending a version first moves the response's pointer row from version n - 1 to n with a
conditional UPDATE, then inserts the version, in the caller's transaction. Of two saves based
on the same version, only the first UPDATE matches (on PostgreSQL the second waits for the
first's row lock, then finds the count moved on): the loser gets `ConflictError` and nothing
is written. Reads of the latest versions go through the pointer and the unique
(response_id, number) index, so they cost the same however long the history is.
"""

from __future__ import annotations

import builtins
import datetime as dt

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.sql.dml import ReturningUpdate

from forcegen.model.errors import ConflictError
from forcegen.model.response import (
    Attestation,
    Response,
    ResponseId,
    ResponseVersion,
)
from forcegen.model.response_head import ResponseHead, ResponseTally
from forcegen.model.round import RoundId
from forcegen.store.data_version import bump, round_scope
from forcegen.store.mapping import copy_fields, from_row
from forcegen.store.repository import SqlRepository
from forcegen.store.rows_rounds import ResponseRow, ResponseVersionRow


class SqlResponseRepository(SqlRepository):
    """Responses in `responses`, their versions in the append-only `response_versions`."""

    def create(self, response: ResponseTally | Response, *, created_at: dt.datetime) -> None:
        row = ResponseRow(
            id=response.id,
            round_id=response.round_id,
            participant_code=response.participant_code,
            created_at=created_at,
            version_count=0,
            submitted_count=0,
        )
        lost = ConflictError(
            f"{response.participant_code} already has a response in round "
            f"{response.round_id!r}: another save created it first."
        )
        self._insert_or_raise(row, lost)

    def append_version(self, version: ResponseVersion) -> None:
        lost = ConflictError(
            f"Version {version.number} of response {version.response_id!r} already exists: "
            "another save was stored first."
        )
        round_id = self._session.scalar(_move_pointer(version))
        if round_id is None:
            raise lost
        self._insert_or_raise(_version_row(version), lost)
        if version.is_submitted or version.is_withdrawn:
            bump(self._session, round_scope(round_id))  # the submitted answers changed

    def head(self, round_id: RoundId, participant_code: str) -> ResponseHead | None:
        query = select(ResponseRow).where(
            ResponseRow.round_id == round_id, ResponseRow.participant_code == participant_code
        )
        row = self._session.scalars(query).one_or_none()
        return None if row is None else self._heads([row])[0]

    def heads_for_round(self, round_id: RoundId) -> builtins.list[ResponseHead]:
        return self._heads(self._round_rows(round_id))

    def tallies_for_round(self, round_id: RoundId) -> builtins.list[ResponseTally]:
        return [_tally(row) for row in self._round_rows(round_id)]

    def version(self, response_id: str, number: int) -> ResponseVersion | None:
        query = select(ResponseVersionRow).where(
            ResponseVersionRow.response_id == response_id, ResponseVersionRow.number == number
        )
        row = self._session.scalars(query).one_or_none()
        return None if row is None else _version(row)

    def versions(
        self, response_id: str, *, offset: int = 0, limit: int | None = None
    ) -> builtins.list[ResponseVersion]:
        query = (
            select(ResponseVersionRow)
            .where(ResponseVersionRow.response_id == response_id)
            .order_by(ResponseVersionRow.number.desc())
            .offset(offset)
            .limit(limit)
        )
        return [_version(row) for row in self._session.scalars(query)]

    def get(self, round_id: RoundId, participant_code: str) -> Response | None:
        query = select(ResponseRow).where(
            ResponseRow.round_id == round_id, ResponseRow.participant_code == participant_code
        )
        row = self._session.scalars(query).one_or_none()
        if row is None:
            return None
        return self._with_versions([row])[0]

    def for_round(self, round_id: RoundId) -> builtins.list[Response]:
        return self._with_versions(self._round_rows(round_id))

    def _round_rows(self, round_id: RoundId) -> builtins.list[ResponseRow]:
        query = (
            select(ResponseRow)
            .where(ResponseRow.round_id == round_id)
            .order_by(ResponseRow.participant_code)
        )
        return list(self._session.scalars(query))

    def _heads(self, rows: builtins.list[ResponseRow]) -> builtins.list[ResponseHead]:
        """Each response with its latest version and its latest standing submission."""
        wanted = [clause for row in rows for clause in _pointed_versions(_tally(row))]
        found: dict[tuple[str, int], ResponseVersion] = {}
        for start in range(0, len(wanted), 200):  # keep under every backend's parameter limit
            query = select(ResponseVersionRow).where(or_(*wanted[start : start + 200]))
            for version_row in self._session.scalars(query):
                found[(version_row.response_id, version_row.number)] = _version(version_row)
        heads = []
        for row in rows:
            tally = _tally(row)
            submitted = tally.latest_submitted_number
            last = found.get((row.id, tally.last_submitted_number or 0))
            heads.append(
                ResponseHead(
                    **tally.model_dump(),
                    latest=found.get((row.id, tally.version_count)),
                    latest_submitted=found.get((row.id, submitted)) if submitted else None,
                    last_attestation=last.attestation if last else None,
                )
            )
        return heads

    def _with_versions(self, rows: builtins.list[ResponseRow]) -> builtins.list[Response]:
        ids = [row.id for row in rows]
        query = (
            select(ResponseVersionRow)
            .where(ResponseVersionRow.response_id.in_(ids))
            .order_by(ResponseVersionRow.response_id, ResponseVersionRow.number)
        )
        versions: dict[str, builtins.list[ResponseVersion]] = {id_: [] for id_ in ids}
        for version_row in self._session.scalars(query):
            versions[version_row.response_id].append(_version(version_row))
        return [
            Response(
                id=ResponseId(row.id),
                round_id=row.round_id,
                participant_code=row.participant_code,
                versions=tuple(versions[row.id]),
            )
            for row in rows
        ]


def _move_pointer(version: ResponseVersion) -> ReturningUpdate[str]:
    """UPDATE the pointer from `version.number - 1` to `version.number`, RETURNING round_id
    (no row: the response is not at the version this one follows)."""
    submitted, withdrawn = version.is_submitted, version.is_withdrawn
    return (
        update(ResponseRow)
        .where(
            ResponseRow.id == version.response_id,
            ResponseRow.version_count == version.number - 1,
        )
        .values(
            version_count=version.number,
            submitted_count=ResponseRow.submitted_count + (1 if submitted else 0),
            last_submitted_number=version.number
            if submitted
            else ResponseRow.last_submitted_number,
            last_withdrawn_number=version.number
            if withdrawn
            else ResponseRow.last_withdrawn_number,
        )
        .returning(ResponseRow.round_id)
        .execution_options(synchronize_session=False)
    )


def _pointed_versions(tally: ResponseTally) -> builtins.list[ColumnElement[bool]]:
    numbers = {tally.version_count, tally.last_submitted_number or 0} - {0}
    return [
        (ResponseVersionRow.response_id == tally.id) & (ResponseVersionRow.number == number)
        for number in sorted(numbers)
    ]


def _tally(row: ResponseRow) -> ResponseTally:
    return from_row(ResponseTally, row)


def _version_row(version: ResponseVersion) -> ResponseVersionRow:
    attestation = version.attestation
    row = ResponseVersionRow(
        attestation_name=attestation.name if attestation else None,
        attestation_title=attestation.title if attestation else None,
        attested_at=attestation.attested_at if attestation else None,
    )
    copy_fields(version, row, skip=("attestation",))
    return row


def _version(row: ResponseVersionRow) -> ResponseVersion:
    attestation = None
    if row.attestation_name is not None and row.attested_at is not None:
        attestation = Attestation(
            name=row.attestation_name,
            title=row.attestation_title or "",
            attested_at=row.attested_at,
        )
    return from_row(ResponseVersion, row, attestation=attestation)
