"""Reading one of a fixed set of words (a role, a token scope, a file format, a table, a level
floor, a fixpoint) from what a person typed, with one message that suggests the closest word
and lists them all."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from forcegen.model.errors import InvalidInputError
from forcegen.model.suggestion import did_you_mean

E = TypeVar("E", bound=StrEnum)


def parse_choice(kind: type[E], text: object, what: str) -> E:
    """The member of `kind` that `text` names, in any case and with spaces around ignored.

    Raises:
        InvalidInputError: no such member, e.g. "Unknown fixpoint 'gretest' (did you mean
            'greatest'?): use one of least, greatest."
    """
    try:
        return kind(str(text).strip().lower())
    except ValueError as err:
        names = [member.value for member in kind]
        hint = did_you_mean(str(text), names)
        raise InvalidInputError(
            f"Unknown {what} {text!r}{hint}: use one of {', '.join(names)}."
        ) from err
