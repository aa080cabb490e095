"""Questionnaires: versioned lists of questions, who must answer each, and answer validation.

A questionnaire is data (YAML in the package or written by a coordinator), so these models
check everything a hand-written file can get wrong. The answer fields (`question_field`) and
the answer checks (`answer_check`) are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Self

import pydantic
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from forcegen.model.answer_check import check_fields, unknown_name
from forcegen.model.answer_vocabulary import AnswerVocabulary, FieldProblem
from forcegen.model.errors import UnknownParticipantError
from forcegen.model.participant import ORGANISATIONS, Participant, normalise_code
from forcegen.model.question_field import FIELD_KEY_PATTERN, Field, FieldKind, Option, OptionSource
from forcegen.model.uniqueness import check_unique

__all__ = [
    "AnswerVocabulary",
    "AudienceKind",
    "AudienceRule",
    "Field",
    "FieldKind",
    "FieldProblem",
    "Option",
    "OptionSource",
    "Question",
    "Questionnaire",
    "question_problems",
    "validate_answers",
]

QUESTIONNAIRE_KEY_PATTERN = r"^[a-z][a-z0-9_-]*$"


class AudienceKind(StrEnum):
    ALL = "all"
    MEMBERS_OF = "members_of"  # members of an organisation, and the organisation itself
    PARTICIPANTS = "participants"  # the participants listed in `codes`


class AudienceRule(BaseModel):
    """Who must answer a question, e.g. the EU members only (one of the six questions is)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: AudienceKind = AudienceKind.ALL
    organisation: str | None = None
    codes: frozenset[str] = frozenset()

    @field_validator("codes")
    @classmethod
    def _known_codes(cls, codes: frozenset[str]) -> frozenset[str]:
        normalised: set[str] = set()
        for code in sorted(codes):
            try:
                normalised.add(normalise_code(code))
            except UnknownParticipantError as err:
                raise ValueError(err.message) from err
        return frozenset(normalised)

    @model_validator(mode="after")
    def _settings_fit_kind(self) -> Self:
        known = ", ".join(sorted(ORGANISATIONS))
        if self.kind is AudienceKind.MEMBERS_OF and self.organisation not in ORGANISATIONS:
            raise ValueError(
                f"a members_of audience needs 'organisation', one of {known}; "
                f"got {self.organisation!r}"
            )
        if self.kind is not AudienceKind.MEMBERS_OF and self.organisation is not None:
            raise ValueError(
                f"'organisation' only applies to members_of; remove it from {self.kind}"
            )
        if self.kind is AudienceKind.PARTICIPANTS and not self.codes:
            raise ValueError("a participants audience needs 'codes', e.g. [FRA, DEU]")
        if self.kind is not AudienceKind.PARTICIPANTS and self.codes:
            raise ValueError(f"'codes' only apply to participants; remove them from {self.kind}")
        return self

    def applies_to(self, participant: Participant) -> bool:
        """Whether `participant` must answer; an organisation answers jointly for its members."""
        if self.kind is AudienceKind.ALL:
            return True
        if self.kind is AudienceKind.PARTICIPANTS:
            return participant.code in self.codes
        organisation = self.organisation or ""
        return participant.code == organisation or participant.is_member_of(organisation)

    def describe(self) -> str:
        """A short phrase for messages and forms: `everyone`, `EU members`, `FRA, DEU`."""
        if self.kind is AudienceKind.ALL:
            return "everyone"
        if self.kind is AudienceKind.MEMBERS_OF:
            return f"{self.organisation} members"
        return ", ".join(sorted(self.codes))


class Question(BaseModel):
    """One numbered question: its wording, its audience and the fields of its answer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = pydantic.Field(pattern=FIELD_KEY_PATTERN)
    number: int = pydantic.Field(ge=1)
    title: str = pydantic.Field(min_length=1)
    text: str = pydantic.Field(min_length=1)
    audience: AudienceRule = AudienceRule()
    fields: tuple[Field, ...] = pydantic.Field(min_length=1)

    @model_validator(mode="after")
    def _unique_field_keys(self) -> Self:
        check_unique((field.key for field in self.fields), "field keys")
        return self

    def find_field(self, key: str) -> Field | None:
        return next((field for field in self.fields if field.key == key), None)


class Questionnaire(BaseModel):
    """A versioned list of questions with unique keys and numbers."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = pydantic.Field(pattern=QUESTIONNAIRE_KEY_PATTERN)
    version: int = pydantic.Field(ge=1)
    title: str = pydantic.Field(min_length=1)
    description: str = ""
    questions: tuple[Question, ...] = pydantic.Field(min_length=1)

    @model_validator(mode="after")
    def _unique_keys_and_numbers(self) -> Self:
        check_unique((question.key for question in self.questions), "question keys")
        check_unique((question.number for question in self.questions), "question numbers")
        return self

    @property
    def question_keys(self) -> tuple[str, ...]:
        return tuple(question.key for question in self.questions)

    def find_question(self, key: str) -> Question | None:
        return next((question for question in self.questions if question.key == key), None)

    def questions_for(self, participant: Participant) -> tuple[Question, ...]:
        """The questions `participant` is asked, in questionnaire order."""
        return tuple(q for q in self.questions if q.audience.applies_to(participant))


def validate_answers(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    *,
    participant: Participant,
    vocabulary: AnswerVocabulary,
    require_complete: bool,
) -> list[FieldProblem]:
    """Every problem in `participant`'s answers; an empty list means they can be submitted.

    `answers` maps question key to a mapping of field key to value. Drafts
    (`require_complete=False`) skip the checks of required fields and nothing else.
    """
    problems = question_problems(questionnaire, answers, participant=participant)
    for question in questionnaire.questions_for(participant):
        answer = answers.get(question.key)
        if answer is not None and not isinstance(answer, Mapping):
            continue
        problems += check_fields(
            question.fields,
            answer or {},
            path=question.key,
            where=f"a field of question {question.key!r}",
            vocabulary=vocabulary,
            require_complete=require_complete,
        )
    return problems


def question_problems(
    questionnaire: Questionnaire, answers: Mapping[str, object], *, participant: Participant
) -> list[FieldProblem]:
    """Answers that fit no question of `participant`'s: an unknown key, a question for
    others, or an answer that is not a mapping of field to value.

    A draft may hold any value a respondent typed, but only under its own questions.
    """
    problems: list[FieldProblem] = []
    by_key = {question.key: question for question in questionnaire.questions}
    where = f"a question of {questionnaire.key!r} version {questionnaire.version}"
    for key, answer in answers.items():
        question = by_key.get(key)
        if question is None:
            message = unknown_name(str(key), by_key, what=where)
            problems.append(FieldProblem(path=str(key), message=message))
        elif not question.audience.applies_to(participant):
            problems.append(
                FieldProblem(path=key, message=_outside_audience(question, participant))
            )
        elif answer is not None and not isinstance(answer, Mapping):
            message = (
                f"expected the answer to {key!r} as a mapping of field to value, "
                f"got {type(answer).__name__}; use {{field: value, ...}}"
            )
            problems.append(FieldProblem(path=key, message=message))
    return problems


def _outside_audience(question: Question, participant: Participant) -> str:
    return (
        f"question {question.key!r} is addressed to {question.audience.describe()} only and "
        f"{participant.code} is not among them; remove this answer"
    )
