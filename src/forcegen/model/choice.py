"""Reading one of a fixed set of words (a role, a token scope, a file format, a table) from
what a person typed, with one message that lists the words to use instead."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from forcegen.model.errors import InvalidInputError

E = TypeVar("E", bound=StrEnum)


def parse_choice(kind: type[E], text: object, what: str) -> E:
    """The member of `kind` that `text` names, in any case and with spaces around ignored.

    Raises:
        InvalidInputError: no such member, e.g. "Unknown role 'admin': use one of
            coordinator, analyst."
    """
    try:
        return kind(str(text).strip().lower())
    except ValueError as err:
        known = ", ".join(member.value for member in kind)
        raise InvalidInputError(f"Unknown {what} {text!r}: use one of {known}.") from err
