"""Read the respondent's form back into answers (JSON), using the questionnaire schema.

Inputs are named by answer path (see form_view.py). Only paths of the participant's own
questions are read; anything else in the form (CSRF token, attestation) is ignored. A value
that cannot be converted (letters in a number field) is kept as typed, so that the answer
validation names the field and the problem instead of the value silently vanishing:

    troops.decision=conditional
    troops.contributions[0]._row=1          (marks a row, even a blank one)
    troops.contributions[0].personnel=5 000  ->  {"troops": {"decision": "conditional",
                                                   "contributions": [{"personnel": 5000}]}}
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from pydantic import JsonValue

from forcegen.model.questionnaire import Field, FieldKind, Question

FormValues = Mapping[str, Sequence[str]]
"""Form data as every value per name (a browser sends a checkbox list as repeated names)."""

ROW_MARKER = "_row"
_SPACES = re.compile(r"[\s_'\u00a0\u202f]")
_THOUSANDS_WITH_COMMAS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def answers_from_form(questions: Sequence[Question], form: FormValues) -> dict[str, JsonValue]:
    """The answers a form holds for `questions`; unanswered questions and fields are left out."""
    answers: dict[str, JsonValue] = {}
    for question in questions:
        answer = _fields(question.fields, question.key, form)
        if answer:
            answers[question.key] = answer
    return answers


def _fields(fields: Sequence[Field], prefix: str, form: FormValues) -> dict[str, JsonValue]:
    values: dict[str, JsonValue] = {}
    for f in fields:
        value = _field(f, f"{prefix}.{f.key}", form)
        if value is not None:
            values[f.key] = value
    return values


def _field(f: Field, path: str, form: FormValues) -> JsonValue:
    if f.kind is FieldKind.REPEAT_GROUP:
        return _rows(f, path, form)
    if f.kind in (FieldKind.SELECT_MANY, FieldKind.COUNTRY_LIST):
        chosen: list[JsonValue] = [v.strip() for v in form.get(path, ()) if v.strip()]
        return chosen or None
    texts = form.get(path, ())
    text = texts[0].strip() if texts else ""
    if not text:
        return None
    if f.kind is FieldKind.BOOLEAN:
        return {"true": True, "false": False}.get(text.lower(), text)
    if f.kind is FieldKind.INTEGER:
        return _whole_number(text)
    if f.kind is FieldKind.MONEY_EUR:
        return _amount(text)
    return text


def _rows(f: Field, path: str, form: FormValues) -> JsonValue:
    pattern = re.compile(re.escape(path) + r"\[(\d{1,6})\]\.")
    indices = sorted({int(m.group(1)) for name in form if (m := pattern.match(name))})
    rows: list[JsonValue] = [_fields(f.fields, f"{path}[{i}]", form) for i in indices]
    if f.rows_per_option:  # a step shown but left blank is not an answer
        rows = [row for row in rows if isinstance(row, dict) and set(row) - {f.unique_by}]
    return rows or None


def _digits(text: str) -> str:
    """Drop spaces used as thousands separators, and commas only where they clearly are ones
    (1,500,000); "1,5" stays as typed, so the validation asks for plain digits."""
    digits = _SPACES.sub("", text)
    if _THOUSANDS_WITH_COMMAS.fullmatch(digits):
        digits = digits.replace(",", "")
    return digits


def _whole_number(text: str) -> JsonValue:
    digits = _digits(text)
    if re.fullmatch(r"[+-]?\d{1,18}", digits):
        return int(digits)
    return text


def _amount(text: str) -> JsonValue:
    digits = _digits(text)
    if not re.fullmatch(r"[+-]?\d{1,18}(\.\d{1,6})?", digits):
        return text
    amount = float(digits)
    if not math.isfinite(amount):
        return text
    return int(amount) if amount.is_integer() else amount
