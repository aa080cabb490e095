"""SQL repositories for rounds, invitations and endorsements (responses: response_repository).

Each translates between rows and frozen domain values (field by field through mapping.py;
the questionnaire snapshot is cached). Inserts that a concurrent writer can win (a response,
a version, a verdict) run in a SAVEPOINT (repository.py), so that losing the race raises
`ConflictError` and leaves the unit of work usable for reading what won.
"""

from __future__ import annotations

import builtins
import threading
from collections import OrderedDict
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import defer

from forcegen.model.errors import ConflictError, NotFoundError, RuleViolationError
from forcegen.model.questionnaire import Questionnaire
from forcegen.model.response import Endorsement
from forcegen.model.round import (
    Invitation,
    InvitationId,
    Round,
    RoundId,
)
from forcegen.store.data_version import bump, round_scope
from forcegen.store.mapping import copy_fields, from_row
from forcegen.store.repository import SqlRepository
from forcegen.store.rows_rounds import EndorsementRow, InvitationRow, RoundRow

_FOR_ROUND = (
    select(*(InvitationRow.__table__.c[name] for name in Invitation.model_fields))
    .where(InvitationRow.round_id == bindparam("round_id"))
    .order_by(InvitationRow.participant_code)
)
_CODES_FOR_ROUND = (
    select(InvitationRow.participant_code)
    .where(InvitationRow.round_id == bindparam("round_id"))
    .order_by(InvitationRow.participant_code)
)


class SqlRoundRepository(SqlRepository):
    """Rounds in the `rounds` table; the questionnaire snapshot is a JSON column."""

    def add(self, round_: Round) -> None:
        questionnaire = round_.questionnaire
        self._session.add(
            RoundRow(
                id=round_.id,
                title=round_.title,
                questionnaire_key=questionnaire.key,
                questionnaire_version=questionnaire.version,
                questionnaire=questionnaire.model_dump(mode="json"),
                deadline=round_.deadline,
                status=round_.status.value,
                created_at=round_.created_at,
                created_by=round_.created_by,
                closed_at=round_.closed_at,
                is_illustrative=round_.is_illustrative,
            )
        )
        self._session.flush()

    def get(self, round_id: RoundId) -> Round | None:
        row = self._session.get(RoundRow, round_id, options=[_SNAPSHOT_ON_DEMAND])
        return None if row is None else _round(row)

    def list(self) -> builtins.list[Round]:
        query = select(RoundRow).options(_SNAPSHOT_ON_DEMAND).order_by(RoundRow.created_at.desc())
        rows = self._session.scalars(query)
        return [_round(row) for row in rows]

    def update(self, round_: Round) -> None:
        row = self._session.get(RoundRow, round_.id)
        if row is None:
            raise NotFoundError(f"No round {round_.id!r}: it cannot be updated.")
        row.status = round_.status.value
        row.closed_at = round_.closed_at
        self._session.flush()


_SNAPSHOT_ON_DEMAND = defer(RoundRow.questionnaire)


class _Snapshots:
    """Questionnaire snapshots already read, by round id: a round's snapshot never changes
    after the round is created, and every respondent request reads its round, so the JSON
    is loaded and validated once per process instead of once per request."""

    def __init__(self, max_entries: int = 256) -> None:
        self._entries: OrderedDict[str, Questionnaire] = OrderedDict()
        self._max_entries = max_entries
        self._lock = threading.Lock()

    def of(self, row: RoundRow) -> Questionnaire:
        with self._lock:
            found = self._entries.get(row.id)
        if found is not None:
            return found
        snapshot = Questionnaire.model_validate(row.questionnaire)  # loads the column now
        with self._lock:
            self._entries[row.id] = snapshot
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
        return snapshot


_SNAPSHOTS = _Snapshots()


def _round(row: RoundRow) -> Round:
    return from_row(Round, row, questionnaire=_SNAPSHOTS.of(row))


class SqlInvitationRepository(SqlRepository):
    """Invitations in the `invitations` table, one per participant and round."""

    def add(self, invitation: Invitation, *, token_hash: str) -> None:
        row = InvitationRow(id=invitation.id, token_hash=token_hash)
        _copy_invitation(invitation, row)
        lost = RuleViolationError(
            f"{invitation.participant_code} is already invited to round "
            f"{invitation.round_id!r}: reissue its invitation instead of inviting it again."
        )
        self._insert_or_raise(row, lost)
        bump(self._session, round_scope(invitation.round_id))  # who is invited changed

    def get(self, invitation_id: InvitationId) -> Invitation | None:
        row = self._session.get(InvitationRow, invitation_id)
        return None if row is None else _invitation(row)

    def get_by_token_hash(self, token_hash: str) -> Invitation | None:
        row = self._session.scalars(_BY_TOKEN_HASH, {"token_hash": token_hash}).one_or_none()
        return None if row is None else _invitation(row)

    def find(self, round_id: RoundId, participant_code: str) -> Invitation | None:
        query = select(InvitationRow).where(
            InvitationRow.round_id == round_id,
            InvitationRow.participant_code == participant_code,
        )
        row = self._session.scalars(query).one_or_none()
        return None if row is None else _invitation(row)

    def for_round(self, round_id: RoundId) -> builtins.list[Invitation]:
        # Plain rows, not ORM instances: a round's status and its assessment list some 200
        # invitations after every submission, and the ORM's bookkeeping per row cost more
        # than reading them.
        rows = self._session.execute(_FOR_ROUND, {"round_id": round_id}).mappings()
        return [Invitation.model_validate(row) for row in rows]

    def codes_for_round(self, round_id: RoundId) -> builtins.list[str]:
        return list(self._session.scalars(_CODES_FOR_ROUND, {"round_id": round_id}))

    def joint_for_round(self, round_id: RoundId) -> builtins.list[Invitation]:
        query = (
            select(InvitationRow)
            .where(InvitationRow.round_id == round_id, InvitationRow.is_joint.is_(True))
            .order_by(InvitationRow.participant_code)
        )
        return [_invitation(row) for row in self._session.scalars(query)]

    def update(self, invitation: Invitation, *, token_hash: str | None = None) -> None:
        # One prebuilt UPDATE, not a SELECT of the row and a flush: every autosave records
        # activity. Repositories hand out domain values, never rows, so no row loaded in this
        # session is left behind with the old values.
        values = {name: getattr(invitation, name) for name in _INVITATION_FIELDS}
        values |= {"invitation_id": invitation.id, "status": invitation.status.value}
        statement = _UPDATE_INVITATION
        if token_hash is not None:
            values["token_hash"] = token_hash
            statement = _UPDATE_INVITATION_TOKEN
        if self._session.execute(statement, values).rowcount == 0:  # type: ignore[attr-defined]
            raise NotFoundError(f"No invitation {invitation.id!r}: it cannot be updated.")


_INVITATIONS = cast(Table, InvitationRow.__table__)
_INVITATION_FIELDS = tuple(name for name in Invitation.model_fields if name != "id")
_UPDATE_INVITATION = (
    update(_INVITATIONS)
    .where(_INVITATIONS.c.id == bindparam("invitation_id"))
    .values({name: bindparam(name) for name in _INVITATION_FIELDS})
)
_UPDATE_INVITATION_TOKEN = _UPDATE_INVITATION.values(token_hash=bindparam("token_hash"))
_BY_TOKEN_HASH = select(InvitationRow).where(InvitationRow.token_hash == bindparam("token_hash"))


def _copy_invitation(invitation: Invitation, row: InvitationRow) -> None:
    copy_fields(invitation, row)  # the token hash is no field of the value: the caller sets it


def _invitation(row: InvitationRow) -> Invitation:
    return from_row(Invitation, row)


class SqlEndorsementRepository(SqlRepository):
    """Verdicts on joint responses in the append-only `endorsements` table."""

    def add(self, endorsement: Endorsement) -> None:
        row = EndorsementRow(
            round_id=endorsement.round_id,
            joint_participant=endorsement.joint_participant,
            participant_code=endorsement.participant_code,
            number=endorsement.number,
            kind=endorsement.kind.value,
            reserved_questions=list(endorsement.reserved_questions),
            comment=endorsement.comment,
            recorded_at=endorsement.recorded_at,
            joint_version=endorsement.joint_version,
        )
        lost = ConflictError(
            f"{endorsement.participant_code} recorded another verdict on the joint "
            f"response of {endorsement.joint_participant} at the same time: reload and "
            "record yours again."
        )
        self._insert_or_raise(row, lost)

    def history(
        self, round_id: RoundId, joint_participant: str, participant_code: str
    ) -> builtins.list[Endorsement]:
        query = (
            select(EndorsementRow)
            .where(
                EndorsementRow.round_id == round_id,
                EndorsementRow.joint_participant == joint_participant,
                EndorsementRow.participant_code == participant_code,
            )
            .order_by(EndorsementRow.number)
        )
        return [_endorsement(row) for row in self._session.scalars(query)]

    def latest_for_round(self, round_id: RoundId) -> builtins.list[Endorsement]:
        query = (
            select(EndorsementRow)
            .where(EndorsementRow.round_id == round_id)
            .order_by(
                EndorsementRow.joint_participant,
                EndorsementRow.participant_code,
                EndorsementRow.number,
            )
        )
        latest: dict[tuple[str, str], Endorsement] = {}
        for row in self._session.scalars(query):
            latest[(row.joint_participant, row.participant_code)] = _endorsement(row)
        return list(latest.values())


def _endorsement(row: EndorsementRow) -> Endorsement:
    return from_row(Endorsement, row)
