"""Answer checks: every problem in a value against its field, each with a path and a fix.

Values are JSON-like, e.g. for the `troops` question:

    {"decision": "conditional",
     "contributions": [{"capability": "land.combat", "personnel": 5000, "sustained": True}]}

Checks collect every problem (a path such as `troops.contributions[0].personnel` and a message
that says what to do) rather than stopping at the first, so a form can mark all of them at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

from forcegen.model.amount_parse import parse_count, parse_money
from forcegen.model.answer_vocabulary import AnswerVocabulary, FieldProblem
from forcegen.model.number import InvalidNumberError
from forcegen.model.question_field import Field, FieldKind, OptionSource
from forcegen.model.suggestion import did_you_mean

_LISTED_AT_MOST = 20


def check_fields(
    fields: tuple[Field, ...],
    answer: Mapping[str, object],
    *,
    path: str,
    where: str,
    vocabulary: AnswerVocabulary,
    require_complete: bool,
) -> list[FieldProblem]:
    """Check a mapping of field key to value (a question's answer or one repeat-group row)."""
    by_key = {field.key: field for field in fields}
    problems = [
        FieldProblem(path=f"{path}.{key}", message=unknown_name(str(key), by_key, what=where))
        for key in answer
        if key not in by_key
    ]
    for field in fields:
        problems += check_value(
            field,
            answer.get(field.key),
            path=f"{path}.{field.key}",
            vocabulary=vocabulary,
            require_complete=require_complete,
        )
    return problems


def check_value(
    field: Field,
    value: object,
    *,
    path: str,
    vocabulary: AnswerVocabulary,
    require_complete: bool,
) -> list[FieldProblem]:
    """Check one value against its field; blank values fail only required fields when complete."""
    if _is_blank(value):
        if field.required and require_complete:
            return [FieldProblem(path=path, message=_required_message(field, vocabulary))]
        return []
    if field.kind is FieldKind.REPEAT_GROUP:
        return _check_rows(field, value, path, vocabulary, require_complete)
    message = _CHECKS[field.kind](field, value, vocabulary)
    if isinstance(message, list):
        return [FieldProblem(path=f"{path}[{i}]", message=m) for i, m in message]
    return [] if message is None else [FieldProblem(path=path, message=message)]


def unknown_name(name: str, known: Iterable[str], *, what: str) -> str:
    """Message for a name that is not one of `known`: the closest match, then all of them."""
    names = list(known)
    return f"{name!r} is not {what}{did_you_mean(name, names)}; use one of {_listing(names)}"


def _unknown_participant(code: str, known: Iterable[str]) -> str:
    return (
        f"{code!r} is not a known participant code{did_you_mean(code, known)}; use an "
        "ISO 3166-1 alpha-3 country code such as 'FRA', or an organisation such as 'EU'"
    )


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple) and not value


def _required_message(field: Field, vocabulary: AnswerVocabulary) -> str:
    if field.kind is FieldKind.REPEAT_GROUP:
        return "an answer is required; add at least one row"
    allowed = _allowed(field, vocabulary)
    if field.kind is FieldKind.SELECT_ONE and len(allowed) <= _LISTED_AT_MOST:
        return f"an answer is required; choose one of {', '.join(allowed)}"
    return "an answer is required; fill in this field"


def _allowed(field: Field, vocabulary: AnswerVocabulary) -> list[str]:
    if field.options_from is not None:
        return sorted(vocabulary.values_from(field.options_from))
    return [option.value for option in field.options]


def _listing(names: list[str]) -> str:
    if len(names) <= _LISTED_AT_MOST:
        return ", ".join(names)
    return f"{', '.join(names[:_LISTED_AT_MOST])}, … ({len(names)} in all)"


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return f"a {type(value).__name__}"


# A check returns None (fine), one message, or (index, message) pairs for list items.
_Check = Callable[[Field, object, AnswerVocabulary], str | list[tuple[int, str]] | None]


def _check_text(field: Field, value: object, _: AnswerVocabulary) -> str | None:
    if not isinstance(value, str):
        return f"expected text, got {_describe(value)}; enter the answer as text"
    if len(value) > field.text_limit:
        return f"is {len(value)} characters long, above the limit of {field.text_limit}; shorten it"
    return None


def _check_boolean(_: Field, value: object, __: AnswerVocabulary) -> str | None:
    if isinstance(value, bool):
        return None
    return f"expected yes or no (true or false), got {_describe(value)}"


def _check_number(field: Field, value: object, vocabulary: AnswerVocabulary) -> str | None:
    is_integer = field.kind is FieldKind.INTEGER
    if isinstance(value, str):
        return _check_statement(field, value, vocabulary)
    if isinstance(value, bool) or not isinstance(value, int | float):
        wanted = "a whole number" if is_integer else "an amount in EUR"
        return f"expected {wanted}, got {_describe(value)}; enter digits only, e.g. 1500"
    if is_integer and not isinstance(value, int):
        return f"expected a whole number, got {value!r}; round it to a whole number"
    if not math.isfinite(value):
        return f"expected a finite number, got {value!r}"
    if field.min is not None and value < field.min:
        low = _plain(field.min)
        return f"{_plain(value)} is below the minimum of {low}; enter at least {low}"
    if field.max is not None and value > field.max:
        high = _plain(field.max)
        return f"{_plain(value)} is above the maximum of {high}; enter at most {high}"
    return None


def _check_statement(field: Field, value: str, vocabulary: AnswerVocabulary) -> str | None:
    """An amount stated in words ("up to 7500", "about 150 (50-250)", "unknown"): each value
    it states is checked like a number."""
    parse = parse_count if field.kind is FieldKind.INTEGER else parse_money
    try:
        amount = parse(value)
    except InvalidNumberError as err:
        return err.message
    for number in (amount.low, amount.central, amount.high):
        problem = None if number is None else _check_number(field, number, vocabulary)
        if problem:
            return problem
    return None


def _plain(number: float) -> str:
    """A number as typed: `1000000000000`, not `1e+12`; `12.5` stays `12.5`."""
    return str(int(number)) if float(number).is_integer() else repr(number)


def _check_select_one(field: Field, value: object, vocabulary: AnswerVocabulary) -> str | None:
    allowed = _allowed(field, vocabulary)
    if not isinstance(value, str):
        return f"expected one choice as text, got {_describe(value)}"
    if value in allowed:
        return None
    if field.options_from == "participants":
        return _unknown_participant(value, allowed)
    return unknown_name(value, allowed, what="an option here")


def _check_select_many(
    field: Field, value: object, vocabulary: AnswerVocabulary
) -> str | list[tuple[int, str]] | None:
    source: OptionSource | None = (
        "participants" if field.kind is FieldKind.COUNTRY_LIST else field.options_from
    )
    allowed = sorted(vocabulary.values_from(source)) if source else _allowed(field, vocabulary)
    if not isinstance(value, list | tuple):
        return f"expected a list of choices, got {_describe(value)}"
    problems: list[tuple[int, str]] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            problems.append((i, f"expected a choice as text, got {_describe(item)}"))
        elif item not in allowed and source == "participants":
            problems.append((i, _unknown_participant(item, allowed)))
        elif item not in allowed:
            problems.append((i, unknown_name(item, allowed, what="an option here")))
        elif item in value[:i]:
            problems.append((i, f"{item!r} is listed twice; keep it once"))
    return problems or None


def _check_condition(field: Field, value: object, vocabulary: AnswerVocabulary) -> str | None:
    problem = _check_text(field, value, vocabulary)
    if problem is not None or not isinstance(value, str):
        return problem
    return vocabulary.check_condition(value)


_CHECKS: dict[FieldKind, _Check] = {
    FieldKind.TEXT: _check_text,
    FieldKind.BOOLEAN: _check_boolean,
    FieldKind.INTEGER: _check_number,
    FieldKind.MONEY_EUR: _check_number,
    FieldKind.SELECT_ONE: _check_select_one,
    FieldKind.SELECT_MANY: _check_select_many,
    FieldKind.COUNTRY_LIST: _check_select_many,
    FieldKind.CONDITION: _check_condition,
}


def _check_rows(
    field: Field, value: object, path: str, vocabulary: AnswerVocabulary, require_complete: bool
) -> list[FieldProblem]:
    if not isinstance(value, list | tuple):
        message = f"expected a list of rows, got {_describe(value)}"
        return [FieldProblem(path=path, message=message)]
    if len(value) > field.row_limit:
        message = f"has {len(value)} rows, above the limit of {field.row_limit}; remove some"
        return [FieldProblem(path=path, message=message)]
    problems: list[FieldProblem] = []
    first_row_of: dict[object, int] = {}
    for i, row in enumerate(value):
        row_path = f"{path}[{i}]"
        if not isinstance(row, Mapping):
            message = f"expected a row (a mapping of field to value), got {_describe(row)}"
            problems.append(FieldProblem(path=row_path, message=message))
            continue
        where = f"a column of {field.key!r}"
        problems += check_fields(
            field.fields,
            row,
            path=row_path,
            where=where,
            vocabulary=vocabulary,
            require_complete=require_complete,
        )
        problems += _check_unique(field, row, i, path, first_row_of)
    return problems


def _check_unique(
    field: Field,
    row: Mapping[str, object],
    index: int,
    path: str,
    first_row_of: dict[object, int],
) -> list[FieldProblem]:
    if field.unique_by is None:
        return []
    key = row.get(field.unique_by)
    if _is_blank(key) or not isinstance(key, str | int):
        return []
    if key in first_row_of:
        message = (
            f"{key!r} already appears in {path}[{first_row_of[key]}]; each {field.unique_by} "
            "may appear in one row only, so merge the two rows"
        )
        return [FieldProblem(path=f"{path}[{index}].{field.unique_by}", message=message)]
    first_row_of[key] = index
    return []
