"""Reading amounts from what people write, the one reader for forms, files and the store.

    7500, 7,500            exact
    about 150, ~150, c. 150, about 150 (50-250)
    at least 5000, >= 5000, 5,000+
    up to 7500, at most 7500, <= 7500
    5000-8000, 5000 to 8000, between 5000 and 8000, 6000 (5000-8000)
    unknown, not stated, ?

Kept apart from `amount` (the value and its arithmetic) because the wording people use grows
on its own; each number inside is read by `number.parse_number`, and a count refuses "5.000"
as every whole number does.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from forcegen.model.amount import A, Count, Money, Stated
from forcegen.model.number import InvalidNumberError, parse_number, refuse_dotted_thousands

_NUMBER = r"(\d[\d,.\u00a0\u2009\u202f ]*(?:[eE][+-]?\d+)?)"
_DASH = r"\s*(?:-|–|—|to)\s*"
_FORMS: tuple[tuple[Stated, re.Pattern[str]], ...] = tuple(
    (stated, re.compile(pattern, re.IGNORECASE))
    for stated, pattern in (
        (Stated.UNKNOWN, r"(?:unknown|not stated|\?)"),
        (
            Stated.ABOUT,
            rf"(?:about|around|approximately|approx\.?|c\.|~)\s*{_NUMBER}"
            rf"(?:\s*\(\s*{_NUMBER}{_DASH}{_NUMBER}\s*\))?",
        ),
        (Stated.AT_LEAST, rf"(?:at least|>=|≥)\s*{_NUMBER}|{_NUMBER}\s*\+"),
        (Stated.UP_TO, rf"(?:up to|at most|<=|≤)\s*{_NUMBER}"),
        (Stated.RANGE, rf"(?:between\s*{_NUMBER}\s*and\s*{_NUMBER})|{_NUMBER}{_DASH}{_NUMBER}"),
        (Stated.RANGE, rf"{_NUMBER}\s*\(\s*{_NUMBER}{_DASH}{_NUMBER}\s*\)"),
        (Stated.EXACT, _NUMBER),
    )
)
AMOUNT_HINT = (
    "write a number (7500 or 7,500), 'about 150', 'at least 5000', 'up to 7500', "
    "a range '5000-8000', or 'unknown'"
)


def parse_count(text: str) -> Count:
    """The whole-number amount `text` states (personnel, platforms, items).

    "5.000" is refused as ambiguous, as every whole number is (`number.parse_whole`).

    Raises:
        InvalidNumberError: the text states no amount, a fraction of a person or a ship, or a
            number with dots grouping thousands.
    """
    return _parse(text, Count)


def parse_money(text: str) -> Money:
    """The amount of money (EUR) `text` states.

    Raises:
        InvalidNumberError: the text states no amount.
    """
    return _parse(text, Money)


def _parse(text: str, kind: type[A]) -> A:
    shown = text.strip()
    for stated, pattern in _FORMS:
        match = pattern.fullmatch(shown)
        if match is None:
            continue
        texts = [n.strip() for n in match.groups() if n is not None]
        if kind is Count:
            for number in texts:
                refuse_dotted_thousands(number)
        numbers = [parse_number(n) for n in texts]
        try:
            return kind.model_validate(_values(stated, numbers))
        except ValidationError as err:
            error = err.errors()[0]
            if error["type"] == "int_from_float":
                raise InvalidNumberError(
                    f"{shown!r} is not a whole number; people, platforms and items are "
                    "counted in whole numbers"
                ) from None
            reason = error["msg"].removeprefix("Value error, ")
            raise InvalidNumberError(f"{shown!r} is not a valid amount: {reason}") from None
    raise InvalidNumberError(f"{shown!r} is not an amount; {AMOUNT_HINT}")


def _values(stated: Stated, numbers: list[float]) -> dict[str, object]:
    values: dict[str, object] = {"stated": stated}
    if stated is Stated.EXACT:
        values.update(low=numbers[0], central=numbers[0], high=numbers[0])
    elif stated is Stated.ABOUT:
        low, high = numbers[1:] if len(numbers) == 3 else (numbers[0], numbers[0])
        values.update(low=low, central=numbers[0], high=high)
    elif stated is Stated.AT_LEAST:
        values.update(low=numbers[0])
    elif stated is Stated.UP_TO:
        values.update(high=numbers[0])
    elif stated is Stated.RANGE and len(numbers) == 3:
        values.update(low=numbers[1], central=numbers[0], high=numbers[2])
    elif stated is Stated.RANGE:
        values.update(low=numbers[0], high=numbers[1])
    return values
