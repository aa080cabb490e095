"""Answer fields: the typed parts of a question's answer schema.

A question's answer is a mapping of field key to value; a repeat group's value is a list of
such mappings (rows). The checks of answers against fields are in `answer_check`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, Self

import pydantic
from pydantic import BaseModel, ConfigDict, model_validator

from forcegen.model.uniqueness import check_unique

FIELD_KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
DEFAULT_TEXT_LENGTH = 4000
DEFAULT_MAX_ROWS = 100

OptionSource = Literal["capabilities", "caveats", "us_enablers", "drivers", "participants"]


class FieldKind(StrEnum):
    TEXT = "text"
    BOOLEAN = "boolean"
    INTEGER = "integer"
    MONEY_EUR = "money_eur"
    SELECT_ONE = "select_one"
    SELECT_MANY = "select_many"
    COUNTRY_LIST = "country_list"
    CONDITION = "condition"
    REPEAT_GROUP = "repeat_group"


_SELECT_KINDS = (FieldKind.SELECT_ONE, FieldKind.SELECT_MANY)
_NUMBER_KINDS = (FieldKind.INTEGER, FieldKind.MONEY_EUR)
_TEXT_KINDS = (FieldKind.TEXT, FieldKind.CONDITION)


class Option(BaseModel):
    """One choice of a select field: the stored value and the label a respondent reads."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: str = pydantic.Field(min_length=1)
    label: str = pydantic.Field(min_length=1)


class Field(BaseModel):
    """One typed field of a question's answer schema.

    Select fields take their choices from `options` or from a catalog vocabulary named by
    `options_from`. `min`/`max` bound numbers, `max_length` bounds text. A repeat group holds
    rows of the sub-`fields`; `unique_by` names a sub-field whose value may appear in one row only.
    With `rows_per_option`, a form shows one row for each option of the `unique_by` field (the
    steps of a ladder, say), and rows left blank are not answers.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = pydantic.Field(pattern=FIELD_KEY_PATTERN)
    label: str = pydantic.Field(min_length=1)
    kind: FieldKind
    help: str = ""
    required: bool = False
    options: tuple[Option, ...] = ()
    options_from: OptionSource | None = None
    min: float | None = None
    max: float | None = None
    max_length: int | None = pydantic.Field(default=None, ge=1)
    fields: tuple[Field, ...] = ()
    max_rows: int | None = pydantic.Field(default=None, ge=1)
    unique_by: str | None = None
    rows_per_option: bool = False

    @property
    def text_limit(self) -> int:
        return self.max_length or DEFAULT_TEXT_LENGTH

    @property
    def row_limit(self) -> int:
        return self.max_rows or DEFAULT_MAX_ROWS

    @property
    def row_options(self) -> tuple[Option, ...]:
        """The options that name the rows of a `rows_per_option` group (else empty)."""
        key = next((sub for sub in self.fields if sub.key == self.unique_by), None)
        if key is None or key.kind is not FieldKind.SELECT_ONE:
            return ()
        return key.options

    @model_validator(mode="after")
    def _settings_fit_kind(self) -> Self:
        kind = self.kind
        if kind in _SELECT_KINDS:
            _check_select_settings(self)
        elif self.options or self.options_from:
            raise ValueError(f"'options' only apply to select fields; remove them from {kind}")
        if kind not in _NUMBER_KINDS and (self.min is not None or self.max is not None):
            raise ValueError(f"'min' and 'max' only apply to numbers; remove them from {kind}")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"'min' {self.min:g} is above 'max' {self.max:g}; swap them")
        if kind not in _TEXT_KINDS and self.max_length is not None:
            raise ValueError(f"'max_length' only applies to text; remove it from {kind}")
        if kind is FieldKind.REPEAT_GROUP:
            _check_group_settings(self)
        elif self.fields or self.max_rows is not None or self.unique_by or self.rows_per_option:
            raise ValueError(
                f"'fields', 'max_rows', 'unique_by' and 'rows_per_option' only apply to "
                f"repeat_group; remove them from {kind}"
            )
        return self


def _check_select_settings(field: Field) -> None:
    if bool(field.options) == bool(field.options_from):
        raise ValueError(
            f"a {field.kind} field needs exactly one of 'options' (a list) or 'options_from' "
            "(capabilities, caveats, us_enablers, drivers or participants)"
        )
    check_unique((option.value for option in field.options), "option values")


def _check_group_settings(field: Field) -> None:
    if not field.fields:
        raise ValueError("a repeat_group needs 'fields': the columns of one row")
    keys = [sub.key for sub in field.fields]
    check_unique(keys, "field keys in a row")
    if any(sub.kind is FieldKind.REPEAT_GROUP for sub in field.fields):
        raise ValueError("a repeat_group cannot contain another repeat_group; flatten the rows")
    if field.unique_by is not None and field.unique_by not in keys:
        raise ValueError(
            f"'unique_by' {field.unique_by!r} is not a field of the row; use one of "
            f"{', '.join(keys)}"
        )
    if field.rows_per_option and not field.row_options:
        raise ValueError(
            "'rows_per_option' needs 'unique_by' naming a select_one field with its own "
            "'options' (one row is shown for each)"
        )
