"""Responses: one participant's answers in a round, kept as an append-only list of versions.

Nothing in a response is ever overwritten: every save adds a `ResponseVersion`, so the history
a coordinator reviews is exactly what the respondent saved, in order. Joint responses are
endorsed (or not) by each member through equally append-only `Endorsement` records.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import NewType, Self, TypeGuard

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, JsonValue, model_validator

from forcegen.model.audit import canonical_json, canonical_time
from forcegen.model.errors import ConflictError, InvalidInputError
from forcegen.model.questionnaire import FieldProblem

ResponseId = NewType("ResponseId", str)

Answers = dict[str, JsonValue]
"""Answers keyed by question key, as JSON: `{"troops": {"decision": "yes", ...}, ...}`."""


class InvalidAnswersError(InvalidInputError):
    """Answers that fail validation; `problems` names each field and what to do about it."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        shown = "; ".join(str(problem) for problem in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        count = "1 answer needs" if len(problems) == 1 else f"{len(problems)} answers need"
        super().__init__(f"Nothing was saved: {count} attention. {shown}{more}.")
        self.problems = problems


class ResponseConflictError(ConflictError):
    """A save based on an old version; `latest_version` is the number that won (0: none)."""

    def __init__(self, message: str, *, latest_version: int) -> None:
        super().__init__(message)
        self.latest_version = latest_version


class Attestation(BaseModel):
    """Who, in the government, vouched for a submission, and when."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=200)
    attested_at: AwareDatetime


class ResponseVersion(BaseModel):
    """One saved state of a response; `number` counts from 1 without gaps."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    response_id: ResponseId
    number: int = Field(ge=1)
    answers: Answers
    is_submitted: bool = False
    is_withdrawn: bool = False
    saved_at: AwareDatetime
    saved_by: str = Field(min_length=1)
    attestation: Attestation | None = None

    @model_validator(mode="after")
    def _submission_is_attested(self) -> Self:
        if self.is_submitted and self.attestation is None:
            raise ValueError("a submitted version needs an attestation (name and title)")
        if self.is_submitted and self.is_withdrawn:
            raise ValueError("a version is either submitted or a withdrawal, not both")
        return self


def version_digest(version: ResponseVersion) -> str:
    """The sha256 of everything a version holds, in canonical JSON.

    The audit entry of each save carries it, so the hash chain covers what was saved: a
    version edited in the database afterwards no longer matches its entry.
    """
    attestation = version.attestation
    content = {
        "response_id": version.response_id,
        "number": version.number,
        "answers": version.answers,
        "is_submitted": version.is_submitted,
        "is_withdrawn": version.is_withdrawn,
        "saved_at": canonical_time(version.saved_at),
        "saved_by": version.saved_by,
        "attestation": None
        if attestation is None
        else {
            "name": attestation.name,
            "title": attestation.title,
            "attested_at": canonical_time(attestation.attested_at),
        },
    }
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


class Response(BaseModel):
    """All versions of one participant's response in one round, oldest first."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ResponseId
    round_id: str
    participant_code: str
    versions: tuple[ResponseVersion, ...] = ()

    @model_validator(mode="after")
    def _versions_are_numbered_in_order(self) -> Self:
        numbers = [version.number for version in self.versions]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"versions must be numbered 1, 2, 3... in order; got {numbers}")
        if any(version.response_id != self.id for version in self.versions):
            raise ValueError("every version must belong to this response")
        return self

    @property
    def latest(self) -> ResponseVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def latest_submitted(self) -> ResponseVersion | None:
        """The newest submitted version, unless the response was withdrawn after it."""
        for version in reversed(self.versions):
            if version.is_withdrawn:
                return None
            if version.is_submitted:
                return version
        return None

    @property
    def version_count(self) -> int:
        return len(self.versions)

    @property
    def submitted_count(self) -> int:
        return sum(1 for version in self.versions if version.is_submitted)

    @property
    def is_withdrawn(self) -> bool:
        latest = self.latest
        return latest is not None and latest.is_withdrawn

    def with_version(self, version: ResponseVersion) -> Response:
        """The same response with one more version appended."""
        return self.model_copy(update={"versions": (*self.versions, version)})


class FieldChange(BaseModel):
    """One answer that differs between two versions; `None` stands for "not answered"."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    before: JsonValue = None
    after: JsonValue = None


def diff_answers(a: Answers, b: Answers) -> list[FieldChange]:
    """List what changed from answers `a` to answers `b`, field by field, in a stable order.

    Objects are compared key by key and repeat groups (lists of objects) row by row, so a
    change shows as `troops.contributions[1].personnel`; an added or removed row shows as
    `troops.contributions[2]` with `None` on the side where it is missing. Lists of plain values
    (selections) change as a whole. A missing key, `null` and `{}` all mean "not answered".
    """
    changes: list[FieldChange] = []
    _diff_value("", a, b, changes)
    return changes


def _diff_value(path: str, before: JsonValue, after: JsonValue, out: list[FieldChange]) -> None:
    if _is_object_or_none(before) and _is_object_or_none(after) and (before or after):
        old, new = before or {}, after or {}
        for key in sorted(old.keys() | new.keys()):
            child = f"{path}.{key}" if path else key
            _diff_value(child, old.get(key), new.get(key), out)
    elif _is_rows(before) and _is_rows(after):
        for index in range(max(len(before), len(after))):
            row_path = f"{path}[{index}]"
            if index < len(before) and index < len(after):
                _diff_value(row_path, before[index], after[index], out)
            else:  # a row added or removed shows whole
                row_before = before[index] if index < len(before) else None
                row_after = after[index] if index < len(after) else None
                out.append(FieldChange(path=row_path, before=row_before, after=row_after))
    elif not _same(before, after):
        out.append(FieldChange(path=path, before=before, after=after))


def _is_object_or_none(value: JsonValue) -> TypeGuard[dict[str, JsonValue] | None]:
    return value is None or isinstance(value, dict)


def _is_rows(value: JsonValue) -> TypeGuard[list[JsonValue]]:
    """A repeat group: a list whose items are all objects (an empty list counts)."""
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _same(before: JsonValue, after: JsonValue) -> bool:
    """Equal as answers: `True` differs from `1`, `1` equals `1.0`, and an empty or missing
    object equals `null` (all three mean "not answered")."""
    if _is_object_or_none(before) and _is_object_or_none(after):
        old, new = before or {}, after or {}
        return all(_same(old.get(key), new.get(key)) for key in old.keys() | new.keys())
    if isinstance(before, list) and isinstance(after, list):
        pairs = zip(before, after, strict=False)
        return len(before) == len(after) and all(_same(x, y) for x, y in pairs)
    if isinstance(before, bool) or isinstance(after, bool):
        return type(before) is type(after) and before == after
    return before == after


class EndorsementKind(StrEnum):
    ENDORSE = "endorse"
    ENDORSE_WITH_RESERVATIONS = "endorse_with_reservations"
    REJECT = "reject"


class Endorsement(BaseModel):
    """A member's verdict on a joint response; append-only, the highest `number` wins.

    `joint_version` is the version of the joint response the member had before it, so a
    verdict given on an older text can be told apart.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    round_id: str
    joint_participant: str
    participant_code: str
    kind: EndorsementKind
    reserved_questions: tuple[str, ...] = ()
    comment: str = Field(default="", max_length=4000)
    recorded_at: AwareDatetime
    number: int = Field(ge=1)
    joint_version: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _reservations_match_kind(self) -> Self:
        has_reservations = bool(self.reserved_questions)
        if self.kind is EndorsementKind.ENDORSE_WITH_RESERVATIONS and not has_reservations:
            raise ValueError("an endorsement with reservations must name the reserved questions")
        if self.kind is not EndorsementKind.ENDORSE_WITH_RESERVATIONS and has_reservations:
            raise ValueError(
                f"a {self.kind.value!r} verdict cannot name reserved questions; reserved "
                "questions are only allowed with 'endorse_with_reservations'"
            )
        return self
