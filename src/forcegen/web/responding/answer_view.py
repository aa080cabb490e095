"""View-models for read-only pages: answers as a respondent would read them, and diffs.

Templates get plain text (labels instead of option codes, numbers with separators) and
never domain objects they would have to interpret.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from forcegen.catalog import Catalog
from forcegen.model.questionnaire import Field, FieldKind, Question, Questionnaire
from forcegen.model.response import FieldChange
from forcegen.web.render import format_json

_SEGMENT = re.compile(r"([a-z][a-z0-9_]*)(?:\[(\d+)\])?")


@dataclass(frozen=True)
class AnswerItem:
    """One answered field; a repeat group has `rows` of items instead of `text`."""

    label: str
    text: str = ""
    rows: tuple[tuple[AnswerItem, ...], ...] = ()
    is_group: bool = False


@dataclass(frozen=True)
class AnswerSection:
    key: str
    number: int
    title: str
    items: tuple[AnswerItem, ...]


@dataclass(frozen=True)
class DiffRow:
    path: str
    label: str
    before: str
    after: str


def answer_sections(
    questions: Sequence[Question], answers: Mapping[str, object], catalog: Catalog
) -> tuple[AnswerSection, ...]:
    """Each question with its answered fields, in questionnaire order."""
    sections = []
    for question in questions:
        answer = answers.get(question.key)
        values = answer if isinstance(answer, Mapping) else {}
        sections.append(
            AnswerSection(
                key=question.key,
                number=question.number,
                title=question.title,
                items=_items(question.fields, values, catalog),
            )
        )
    return tuple(sections)


def _items(
    fields: Sequence[Field], values: Mapping[str, object], catalog: Catalog
) -> tuple[AnswerItem, ...]:
    items = []
    for f in fields:
        value = values.get(f.key)
        if value is None or value == [] or value == "":
            continue
        if f.kind is FieldKind.REPEAT_GROUP and isinstance(value, list):
            rows = tuple(
                _items(f.fields, row if isinstance(row, Mapping) else {}, catalog) for row in value
            )
            items.append(AnswerItem(label=f.label, rows=rows, is_group=True))
        else:
            items.append(AnswerItem(label=f.label, text=display_value(f, value, catalog)))
    return tuple(items)


def display_value(f: Field, value: object, catalog: Catalog) -> str:
    """A stored value as a reader expects it: labels for choices, separators in numbers."""
    if f.kind in (FieldKind.SELECT_ONE, FieldKind.SELECT_MANY, FieldKind.COUNTRY_LIST):
        labels = {option.value: option.label for option in catalog.options_for(f)}
        chosen = value if isinstance(value, list) else [value]
        return "; ".join(_labelled(v, labels) for v in chosen)
    if f.kind is FieldKind.BOOLEAN:
        return "Yes" if value is True else "No" if value is False else str(value)
    if f.kind is FieldKind.INTEGER and isinstance(value, int):
        return f"{value:,}"
    if f.kind is FieldKind.MONEY_EUR and isinstance(value, int | float):
        return f"EUR {value:,.2f}".replace(".00", "")
    return str(value)


def _labelled(value: object, labels: Mapping[str, str]) -> str:
    """`Land combat forces (land.combat)`; the code is left out when it only repeats the label."""
    if not isinstance(value, str) or value not in labels:
        return str(value)
    label = labels[value]
    return label if label.casefold() == value.casefold() else f"{label} ({value})"


def describe_path(questionnaire: Questionnaire, path: str) -> str:
    """An answer path in words: `troops.contributions[1].personnel` ->
    `Q3 Forces on the ground › Contributions, row 2 › Personnel deployed at any one time`."""
    parts = path.split(".")
    first = _SEGMENT.fullmatch(parts[0])
    question = questionnaire.find_question(first.group(1)) if first else None
    if question is None:
        return path
    words = [f"Q{question.number} {question.title}"]
    fields: Sequence[Field] = question.fields
    for part in parts[1:]:
        match = _SEGMENT.fullmatch(part)
        found = next((f for f in fields if match and f.key == match.group(1)), None)
        if match is None or found is None:
            words.append(part)
            continue
        row = f", row {int(match.group(2)) + 1}" if match.group(2) is not None else ""
        words.append(found.label + row)
        fields = found.fields
    return " › ".join(words)


def diff_rows(questionnaire: Questionnaire, changes: Sequence[FieldChange]) -> tuple[DiffRow, ...]:
    return tuple(
        DiffRow(
            path=change.path,
            label=describe_path(questionnaire, change.path),
            before=format_json(change.before),
            after=format_json(change.after),
        )
        for change in changes
    )
