"""Answers as a respondent's client sends them, checked before any rule of the questionnaire:
a mapping of plain JSON, based on a version number, without control characters, and an
attestation of bounded length.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import JsonValue, TypeAdapter, ValidationError

from forcegen.model.errors import InvalidInputError
from forcegen.model.questionnaire import FieldProblem
from forcegen.model.response import Answers
from forcegen.model.text import clean_text

MAX_ATTESTATION_LENGTH = 200


_ANSWERS = TypeAdapter(dict[str, JsonValue])


def plain_answers(answers: object, base_version: int) -> dict[str, object]:
    """The answers as a dict, control characters removed.

    Raises:
        InvalidInputError: not a mapping, or `base_version` is not a version number.
    """
    if isinstance(base_version, bool) or not isinstance(base_version, int) or base_version < 0:
        raise InvalidInputError(
            f"base_version {base_version!r} is not a version number: send the number of the "
            "latest version you loaded, or 0 if there was none."
        )
    if not isinstance(answers, Mapping) or not all(isinstance(k, str) for k in answers):
        raise InvalidInputError(
            f"The answers are {type(answers).__name__}, not a mapping of question key to "
            'answer: send e.g. {"troops": {"decision": "yes"}}.'
        )
    cleaned = _without_control_characters(dict(answers))
    assert isinstance(cleaned, dict)
    return cleaned


def _without_control_characters(value: object) -> object:
    """The answers with control characters removed from every text, as on every other door
    (model/text.py): they cannot be typed, and they break exports."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {key: _without_control_characters(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_control_characters(item) for item in value]
    return value


def json_answers(answers: dict[str, object]) -> Answers:
    """The answers as stored: plain JSON only.

    Raises:
        InvalidInputError: a value is not plain JSON.
    """
    try:
        return _ANSWERS.validate_python(answers)
    except ValidationError as err:
        raise InvalidInputError(
            f"The answers hold values that are not plain JSON ({err.error_count()} problems): "
            "send text, numbers, yes/no, lists and mappings only."
        ) from err


def attestation_problems(attestation: tuple[str, str] | None) -> list[FieldProblem]:
    """What is missing or too long in a submission's (name, title) attestation."""
    if attestation is None:
        return []
    problems = []
    for key, value, what in (
        ("attestation_name", attestation[0], "the name of the official who attests"),
        ("attestation_title", attestation[1], "the official's title or function"),
    ):
        if not value:
            problems.append(FieldProblem(path=key, message=f"required to submit; enter {what}"))
        elif len(value) > MAX_ATTESTATION_LENGTH:
            problems.append(
                FieldProblem(
                    path=key,
                    message=f"is {len(value)} characters long; keep it to {MAX_ATTESTATION_LENGTH}",
                )
            )
    return problems
