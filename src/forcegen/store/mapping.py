"""Rows to domain values and back, field by field, where a row's columns are named and typed
as its value's fields (users, API tokens, sources, positions, invitations, endorsements,
response tallies), or are but for a few fields kept in another form (rounds, response
versions, audit entries, web sessions).

Repositories whose rows differ from their values (JSON columns, amounts kept as text, a
history spread over tables) keep writing the translation out; these two functions spare the
others a hand-written list of every column twice.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum
from typing import TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def copy_fields(value: BaseModel, row: object, *, skip: Collection[str] = ("id",)) -> None:
    """Set each column of `row` to the field of the same name (enums as their values); the
    key (`skip`) is left as the row has it."""
    for name in type(value).model_fields:
        if name not in skip:
            field = getattr(value, name)
            setattr(row, name, field.value if isinstance(field, Enum) else field)


def from_row(model: type[M], row: object, **other_forms: object) -> M:
    """The domain value a row holds, validated as any new value is.

    `other_forms` gives the fields the row keeps in another form (a JSON text parsed, columns
    gathered into a nested value); every other field is read from the column of its name.
    """
    # read into a dict first: validating "from attributes" costs several times more, on
    # rows read by the hundred after every submission
    columns = {name: getattr(row, name) for name in model.model_fields if name not in other_forms}
    return model.model_validate(columns | other_forms)
