"""Position history: a correction is a new version, and the version it replaces is kept.

Versions of one position share a base id: `pos-1a2b` is corrected by `pos-1a2b-v2`, which
is corrected by `pos-1a2b-v3`, and so on. Each version's `supersedes` names the one before;
the one before is marked `superseded_by` the new one.
"""

from __future__ import annotations

import re

from forcegen.model.errors import ConflictError, NotFoundError
from forcegen.model.position import Position, PositionId
from forcegen.service.ports import UnitOfWork
from forcegen.service.public.ports import PositionRecord

_VERSION_SUFFIX = re.compile(r"-v(\d+)$")
# Fields a correction may change; the id and `supersedes` are the history's own.
CORRECTABLE_FIELDS = tuple(
    name for name in Position.model_fields if name not in {"id", "supersedes"}
)


def position_payload(position: Position) -> dict[str, object]:
    """The position as plain JSON, for the audit log."""
    return position.model_dump(mode="json")


def next_version_id(uow: UnitOfWork, position_id: str) -> PositionId:
    """The id of the next version of `position_id` that is not taken yet."""
    match = _VERSION_SUFFIX.search(position_id)
    base = position_id[: match.start()] if match else position_id
    number = int(match.group(1)) + 1 if match else 2
    while uow.positions.get(f"{base}-v{number}") is not None:
        number += 1
    return PositionId(f"{base}-v{number}")


def require_position(uow: UnitOfWork, position_id: str) -> PositionRecord:
    """Return the stored position.

    Raises:
        NotFoundError: no position with that id.
    """
    record = uow.positions.get(position_id)
    if record is None:
        raise NotFoundError(
            f"No position {position_id!r}: check the id in the positions table and try again."
        )
    return record


def current_version(uow: UnitOfWork, position_id: str) -> PositionRecord:
    """Follow corrections from `position_id` to the version that is current now."""
    record = require_position(uow, position_id)
    while record.superseded_by is not None:
        record = require_position(uow, record.superseded_by)
    return record


def version_chain(uow: UnitOfWork, position_id: str) -> list[PositionRecord]:
    """Every version of the position that `position_id` belongs to, oldest first."""
    record = require_position(uow, position_id)
    while record.position.supersedes is not None:
        record = require_position(uow, record.position.supersedes)
    chain = [record]
    while chain[-1].superseded_by is not None:
        chain.append(require_position(uow, chain[-1].superseded_by))
    return chain


def store_correction(
    uow: UnitOfWork, *, previous: PositionRecord, corrected: Position, actor: str
) -> Position:
    """Store `corrected` as the next version of `previous` and audit it.

    The id and `supersedes` of `corrected` are replaced by the history's own.

    Raises:
        ConflictError: `previous` has already been corrected (by someone else, or earlier).
    """
    if previous.superseded_by is not None:
        raise ConflictError(
            f"Position {previous.position.id!r} was already corrected by "
            f"{previous.superseded_by!r}: open that version and correct it instead."
        )
    new_id = next_version_id(uow, previous.position.id)
    version = corrected.model_copy(update={"id": new_id, "supersedes": previous.position.id})
    uow.positions.add(version, recorded_at=uow.clock.now(), recorded_by=actor)
    uow.positions.mark_superseded(previous.position.id, by=new_id)
    changed = [
        name
        for name in CORRECTABLE_FIELDS
        if getattr(previous.position, name) != getattr(version, name)
    ]
    uow.audit.record(
        actor=actor,
        action="position.correct",
        entity="position",
        entity_id=new_id,
        payload={
            "supersedes": previous.position.id,
            "changed": changed,
            "position": position_payload(version),
        },
    )
    return version
