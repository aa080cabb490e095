"""The public-source record: record a position with its citation, correct it, export it all.

This module is the entry point for adapters: it also re-exports the import and the read
views, so that `from forcegen.service.public import record` gives every use case.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import NamedTuple

from forcegen.model.errors import ConflictError, InvalidInputError, RuleViolationError
from forcegen.model.pledge import Pledge
from forcegen.model.position import Position, PositionId, QuantityUnit, Stance, Topic
from forcegen.model.public_problem import (
    DataProblem,
    PublicDataError,
    RowNumbers,
)
from forcegen.model.source import Reliability, Source
from forcegen.service.ports import UnitOfWork
from forcegen.service.public.citation import (
    CITATION_FIELDS,
    checked_position,
    cited_id,
    cited_source,
    corrected_source,
)
from forcegen.service.public.file_import import import_public_file
from forcegen.service.public.history import (
    CORRECTABLE_FIELDS,
    position_payload,
    require_position,
    store_correction,
    version_chain,
)
from forcegen.service.public.importing import (
    ImportReport,
    RowChange,
    TableReport,
    import_public_data,
)
from forcegen.service.public.ports import PositionQuery
from forcegen.service.public.views import (
    CitedPledge,
    CitedPosition,
    CountryRecord,
    MatrixCell,
    PositionSort,
    StanceMatrix,
    TimelineLane,
    actor_name,
    country_record,
    list_positions,
    stance_matrix,
    timeline,
)


class PublicData(NamedTuple):
    """Everything in the public-source record, in the order an import accepts it."""

    sources: list[Source]
    positions: list[Position]
    pledges: list[Pledge]


def record_position(
    *,
    uow: UnitOfWork,
    actor_code: str,
    topic: Topic | str,
    stance: Stance | str,
    date: dt.date | str,
    actor: str,
    speaker: str = "",
    summary: str = "",
    conditions: str = "",
    quote: str = "",
    quantity: float | str | None = None,
    quantity_low: float | str | None = None,
    quantity_high: float | str | None = None,
    quantity_unit: QuantityUnit | str | None = None,
    is_date_approximate: bool = False,
    source_id: str | None = None,
    locator: str = "",
    outlet: str = "",
    published: dt.date | str | None = None,
    reliability: Reliability | str = Reliability.PRESS,
) -> Position:
    """Record what `speaker` (for the actor `actor_code`) said, citing a stored source
    (`source_id`) or a new citation (`locator`, `outlet`, `published`, `reliability`).
    `quote` is the source's words behind this position: it is the position's, not the source's.

    Values may be given as text (from a form or a file): they are validated here, and every
    bad one is reported under its field name. `actor` is the user recording it, for the audit.

    Raises:
        PublicDataError: every field that is wrong, by name; nothing was saved.
    """
    fields: dict[str, object] = {
        "actor_code": actor_code.strip().upper(),
        "actor": speaker,
        "topic": topic,
        "stance": stance,
        "date": date,
        "summary": summary,
        "conditions": conditions,
        "quote": quote,
        "quantity": quantity,
        "quantity_low": quantity_low,
        "quantity_high": quantity_high,
        "quantity_unit": quantity_unit,
        "is_date_approximate": is_date_approximate,
    }
    citation = {
        "locator": locator,
        "outlet": outlet,
        "published": published,
        "reliability": reliability,
    }
    with uow:
        source, problems = cited_source(uow, source_id, citation)
        values = {**fields, "id": _new_position_id(uow), "source_id": cited_id(source)}
        position = checked_position(values, problems)
        _add_if_new(uow, source, actor=actor)
        uow.positions.add(position, recorded_at=uow.clock.now(), recorded_by=actor)
        uow.audit.record(
            actor=actor,
            action="position.record",
            entity="position",
            entity_id=position.id,
            payload={"position": position_payload(position)},
        )
        uow.commit()
    return position


def correct_position(
    *, uow: UnitOfWork, position_id: str, changes: Mapping[str, object], actor: str
) -> Position:
    """Store a corrected version of a position; the old version stays in its history.

    `changes` maps position fields (`stance`, `date`, `summary`, ...) to new values; the
    citation fields (`locator`, `outlet`, `published`, `reliability`) change the
    citation, which then becomes a new source (the old one stays, cited by the old version).

    Raises:
        NotFoundError: no position with that id.
        ConflictError: the position was already corrected; correct the latest version.
        PublicDataError: a change is invalid; nothing was saved.
        RuleViolationError: the changes change nothing.
    """
    unknown = set(changes) - set(CORRECTABLE_FIELDS) - set(CITATION_FIELDS)
    if unknown:
        raise InvalidInputError(
            f"Cannot correct {', '.join(sorted(unknown))}: a correction may change "
            f"{', '.join((*CORRECTABLE_FIELDS, *CITATION_FIELDS))}."
        )
    with uow:
        previous = require_position(uow, position_id)
        if previous.superseded_by is not None:
            raise ConflictError(
                f"Position {position_id!r} was already corrected by {previous.superseded_by!r}: "
                "reload the page and correct the latest version."
            )
        position_changes = {k: v for k, v in changes.items() if k in CORRECTABLE_FIELDS}
        source_id = str(position_changes.get("source_id", previous.position.source_id))
        citation = {k: v for k, v in changes.items() if k in CITATION_FIELDS}
        source, problems = corrected_source(uow, source_id, citation)
        merged = {**previous.position.model_dump(), **position_changes}
        corrected = checked_position({**merged, "source_id": cited_id(source)}, problems)
        if corrected == previous.position:
            raise RuleViolationError(
                f"The correction of {position_id!r} changes nothing: change at least one field."
            )
        _add_if_new(uow, source, actor=actor)
        version = store_correction(uow, previous=previous, corrected=corrected, actor=actor)
        uow.commit()
    return version


def position_history(*, uow: UnitOfWork, position_id: str) -> list[CitedPosition]:
    """Every version of the position, oldest first, each with its source.

    Raises:
        NotFoundError: no position with that id.
    """
    with uow:
        chain = version_chain(uow, position_id)
        sources = uow.sources.get_many(record.position.source_id for record in chain)
    return [CitedPosition(record, sources[record.position.source_id]) for record in chain]


def export_public_data(*, uow: UnitOfWork) -> PublicData:
    """Every source, every position (with superseded versions) and every reported pledge."""
    with uow:
        records = uow.positions.search(PositionQuery(is_history_included=True))
        return PublicData(
            sources=uow.sources.list(),
            positions=[record.position for record in records],
            pledges=uow.pledges.list(),
        )


def _new_position_id(uow: UnitOfWork) -> PositionId:
    while True:
        candidate = PositionId(f"pos-{uuid.uuid4().hex[:12]}")
        if uow.positions.get(candidate) is None:
            return candidate


def _add_if_new(uow: UnitOfWork, source: Source | None, *, actor: str) -> None:
    if source is None or uow.sources.get(source.id) is not None:
        return
    uow.sources.add(source)
    uow.audit.record(
        actor=actor,
        action="source.record",
        entity="source",
        entity_id=source.id,
        payload={"source": source.model_dump(mode="json")},
    )


__all__ = [
    "CITATION_FIELDS",
    "CitedPledge",
    "CitedPosition",
    "CountryRecord",
    "DataProblem",
    "ImportReport",
    "MatrixCell",
    "PositionSort",
    "PublicData",
    "PublicDataError",
    "RowChange",
    "RowNumbers",
    "StanceMatrix",
    "TableReport",
    "TimelineLane",
    "actor_name",
    "correct_position",
    "country_record",
    "export_public_data",
    "import_public_data",
    "import_public_file",
    "list_positions",
    "position_history",
    "record_position",
    "stance_matrix",
    "timeline",
]
