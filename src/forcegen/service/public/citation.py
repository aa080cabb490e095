"""Checking a position and its citation as entered in a form or an API call.

Every field is checked, and every problem is reported under the field's name, before
anything is stored. A citation is a source whose id is derived from its content, so the
same citation entered twice is stored once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from pydantic import BaseModel, ValidationError

from forcegen.model.position import Position
from forcegen.model.public_problem import (
    FORM,
    DataProblem,
    PublicDataError,
    actor_code_problem,
)
from forcegen.model.source import Source, SourceId, SourceKind
from forcegen.service.ports import UnitOfWork

CITATION_FIELDS = ("locator", "outlet", "published", "reliability")
# The fields a citation's id was derived from when sources held a quote (now on positions):
# an empty one keeps the ids of citations entered before the same.
_ID_FIELDS = ("locator", "outlet", "published", "quote", "reliability")


def _source_id_for(citation: Mapping[str, object]) -> SourceId:
    """The same citation always gets the same id, so recording it twice stores it once."""
    text = "\x1f".join(str(citation.get(name) or "") for name in _ID_FIELDS)
    return SourceId(f"src-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}")


def cited_id(source: Source | None) -> str:
    return "unknown" if source is None else source.id


def cited_source(
    uow: UnitOfWork, source_id: str | None, citation: Mapping[str, object]
) -> tuple[Source | None, list[DataProblem]]:
    """The stored source `source_id`, or the source for a new citation (stored or not)."""
    if not str(citation.get("locator") or "").strip():
        if not source_id:
            message = "a position needs its citation: give the URL or document name"
            return None, [DataProblem(FORM, 0, "locator", message)]
        stored = uow.sources.get(source_id)
        if stored is None:
            message = f"no stored source {source_id!r}: give the citation's URL or document"
            return None, [DataProblem(FORM, 0, "source_id", message)]
        return stored, []
    source, problems = _checked_source({**citation, "id": _source_id_for(citation)})
    if source is None:
        return None, problems
    return uow.sources.get(source.id) or source, []


def corrected_source(
    uow: UnitOfWork, source_id: str, citation: Mapping[str, object]
) -> tuple[Source | None, list[DataProblem]]:
    """The source a corrected position cites: the same, or a new one if the citation changed."""
    stored = uow.sources.get(source_id)
    if stored is None:
        message = f"no stored source {source_id!r}: cite a stored source or give a citation"
        return None, [DataProblem(FORM, 0, "source_id", message)]
    merged = {name: citation.get(name, getattr(stored, name)) for name in CITATION_FIELDS}
    candidate, problems = _checked_source({**merged, "id": stored.id, "kind": stored.kind})
    if candidate is None or candidate == stored:
        return candidate, problems
    return cited_source(uow, None, merged)


def _checked_source(values: Mapping[str, object]) -> tuple[Source | None, list[DataProblem]]:
    cleaned = {k: (None if k == "published" and v == "" else v) for k, v in values.items()}
    cleaned.setdefault("kind", SourceKind.CITATION)
    try:
        return Source.model_validate(cleaned), []
    except ValidationError as err:
        return None, _form_problems(err, Source)


def checked_position(values: Mapping[str, object], problems: list[DataProblem]) -> Position:
    """The position, or PublicDataError with its problems and those found before."""
    found = list(problems)
    code = str(values.get("actor_code", ""))
    if not code:
        found.append(DataProblem(FORM, 0, "actor_code", "choose the country or organisation"))
    elif (message := actor_code_problem(code)) is not None:
        found.append(DataProblem(FORM, 0, "actor_code", message))
    blank_is_none = {"quantity", "quantity_low", "quantity_high", "quantity_unit", "supersedes"}
    cleaned = {k: (None if k in blank_is_none and v == "" else v) for k, v in values.items()}
    try:
        position = Position.model_validate(cleaned)
    except ValidationError as err:
        reported = {problem.column for problem in found}
        found.extend(p for p in _form_problems(err, Position) if p.column not in reported)
    if found:
        raise PublicDataError(found)
    return position


def _form_problems(err: ValidationError, model: type[BaseModel]) -> list[DataProblem]:
    problems = []
    for error in err.errors():
        column = str(error["loc"][0]) if error["loc"] else _field_named(error["msg"], model)
        value = error.get("input")
        shown = f" (got {value!r})" if isinstance(value, str | int | float) and error["loc"] else ""
        message = f"{error['msg'].removeprefix('Value error, ')}{shown}"
        problems.append(DataProblem(FORM, 0, column, message))
    return problems


def _field_named(message: str, model: type[BaseModel]) -> str:
    """The field a whole-model rule names in its message (longest name first), else `form`."""
    for name in sorted(model.model_fields, key=len, reverse=True):
        if name in message:
            return name
    return FORM
