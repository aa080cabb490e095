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

from sqlalchemy import Select, select

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
from forcegen.store.mapping import from_row
from forcegen.store.repository import SqlRepository
from forcegen.store.response_statements import (
    HEAD,
    ROUND_HEADS,
    SUBMITTED_KEYS,
    VERSIONS_BY_ID,
    insert_version,
    move_pointer,
)
from forcegen.store.rows_rounds import ResponseRow, ResponseVersionRow
from forcegen.store.version_memo import VersionKey, VersionMemo


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
        moved = move_pointer(version.is_submitted, version.is_withdrawn)
        round_id = self._session.scalar(
            moved, {"response_id": version.response_id, "number": version.number}
        )
        if round_id is None:
            raise lost
        # ON CONFLICT DO NOTHING instead of a SAVEPOINT around a plain INSERT: a lost race
        # (no row returned) leaves the transaction usable, at one round trip instead of three.
        dialect = self._session.get_bind().dialect.name
        stored = self._session.scalar(insert_version(dialect), _version_values(version))
        if stored is None:
            raise lost
        if version.is_submitted or version.is_withdrawn:
            bump(self._session, round_scope(round_id))  # the submitted answers changed

    def head(self, round_id: RoundId, participant_code: str) -> ResponseHead | None:
        heads = self._heads(HEAD, {"round_id": round_id, "code": participant_code})
        return heads[0] if heads else None

    def heads_for_round(self, round_id: RoundId) -> builtins.list[ResponseHead]:
        return self._heads(ROUND_HEADS, {"round_id": round_id})

    def latest_submitted_for_round(
        self, round_id: RoundId
    ) -> builtins.list[tuple[ResponseTally, ResponseVersion]]:
        """Each response whose latest submission stands, with it (versions read before come
        from the process's memo: see store/version_memo.py)."""
        # the URL as text, once: a URL object renders itself again for every hash
        database = self._session.get_bind().engine.url.render_as_string(hide_password=True)
        pointed: builtins.list[tuple[ResponseTally, VersionKey]] = [
            (
                _tally(row),
                (
                    database,
                    row.id,
                    row.last_submitted_number or 0,
                    row.submitted_id,
                    row.submitted_at,
                ),
            )
            for row in self._session.execute(SUBMITTED_KEYS, {"round_id": round_id})
        ]
        known = {key: _MEMO.get(key) for _, key in pointed}
        missing = [key[3] for key, kept in known.items() if kept is None]
        if missing:
            for version_row in self._session.scalars(VERSIONS_BY_ID, {"ids": missing}):
                fresh = _version(version_row)
                read: VersionKey = (
                    *(database, fresh.response_id, fresh.number),
                    *(version_row.id, fresh.saved_at),
                )
                known[read] = fresh
                _MEMO.put(read, fresh)
        found = []
        for tally, key in pointed:
            version = known[key]
            if tally.latest_submitted_number is not None and version is not None:
                found.append((tally, version))
        return found

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

    def _heads(
        self,
        query: Select[ResponseRow, ResponseVersionRow, ResponseVersionRow],
        params: dict[str, str],
    ) -> builtins.list[ResponseHead]:
        """Each response with its latest version and its latest standing submission, in one
        query: the pointer row joined to the (at most two) versions it points at."""
        heads = []
        for row, latest, submitted in self._session.execute(query, params):
            tally = _tally(row)
            last = _version(submitted) if submitted is not None else None
            heads.append(
                ResponseHead(
                    **tally.model_dump(),
                    latest=_version(latest) if latest is not None else None,
                    latest_submitted=last if tally.latest_submitted_number else None,
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


_MEMO = VersionMemo()


def _version_values(version: ResponseVersion) -> dict[str, object]:
    attestation = version.attestation
    return {
        "response_id": version.response_id,
        "number": version.number,
        "answers": version.answers,
        "is_submitted": version.is_submitted,
        "is_withdrawn": version.is_withdrawn,
        "saved_at": version.saved_at,
        "saved_by": version.saved_by,
        "attestation_name": attestation.name if attestation else None,
        "attestation_title": attestation.title if attestation else None,
        "attested_at": attestation.attested_at if attestation else None,
    }


def _tally(row: object) -> ResponseTally:
    return from_row(ResponseTally, row)


def _version(row: ResponseVersionRow) -> ResponseVersion:
    attestation = None
    if row.attestation_name is not None and row.attested_at is not None:
        attestation = Attestation(
            name=row.attestation_name,
            title=row.attestation_title or "",
            attested_at=row.attested_at,
        )
    return from_row(ResponseVersion, row, attestation=attestation)
