"""Numbers as people write them: the one parser every door uses, so "5,000" reads the same
in a form, an imported spreadsheet, a CSV file and the command line.

    parse_number("7,500")      -> 7500.0      commas only as thousands separators
    parse_number("1 500 000")  -> 1500000.0   spaces (also thin and no-break) likewise
    parse_number("0.75")       -> 0.75        '.' is the decimal point
    parse_number("1,5")        -> InvalidNumberError (a decimal comma is ambiguous: 1.5 or 15?)
    parse_whole("5.000")       -> InvalidNumberError (dots grouping thousands: 5 or 5,000?)

`format_number` writes the shortest text that reads back as the same number, without
separators, for files; `group_digits` writes one for people ("7,500").
"""

from __future__ import annotations

import math
import re

from forcegen.model.errors import InvalidInputError

_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOTTED_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_WHOLE = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)")
# Whole floats below this are written without a decimal part (40000.0 -> "40000").
_EXACT_INTEGER_LIMIT = 2.0**53
NUMBER_HINT = "write digits with '.' for decimals, e.g. 7500, 7,500 or 0.75"


class InvalidNumberError(InvalidInputError):
    """Text that is not a number as forcegen reads numbers."""


def parse_number(text: str) -> float:
    """The number `text` writes (see the module doc for what is accepted).

    Raises:
        InvalidNumberError: `text` is empty, not a number, or not finite.
    """
    compact = _SPACES.sub("", text.strip())
    if _GROUPED.fullmatch(compact):
        compact = compact.replace(",", "")
    if not _PLAIN.fullmatch(compact):
        raise InvalidNumberError(f"{text.strip()!r} is not a number; {NUMBER_HINT}")
    number = float(compact)
    if not math.isfinite(number):
        raise InvalidNumberError(f"{text.strip()!r} is too large; {NUMBER_HINT}")
    return number


def parse_whole(text: str) -> int:
    """The whole number `text` writes ("7,500" -> 7500).

    "5.000" is refused: read with '.' as the decimal point it is 5, yet whoever writes a whole
    number that way (thousands grouped with dots, as in much of Europe) means 5,000.

    Raises:
        InvalidNumberError: not a number, a number with a fractional part, or dots grouping
            thousands.
    """
    compact = _SPACES.sub("", text.strip())
    refuse_dotted_thousands(text)
    number = parse_number(text)
    if not number.is_integer():
        raise InvalidNumberError(f"{text.strip()!r} is not a whole number; write e.g. 150")
    if abs(number) >= _EXACT_INTEGER_LIMIT and _WHOLE.fullmatch(compact):
        return int(compact.replace(",", ""))  # a float64 rounds beyond 2**53: read the digits
    return int(number)


def refuse_dotted_thousands(text: str) -> None:
    """Refuse a whole number written with dots grouping thousands ("5.000", "1.500.000").

    Every reader of counts calls this (single numbers, amounts like "about 5.000", condition
    thresholds), so that no door reads "5.000" as 5 while another refuses it.

    Raises:
        InvalidNumberError: `text` is digits grouped in threes by dots.
    """
    compact = _SPACES.sub("", text.strip())
    if _DOTTED_THOUSANDS.fullmatch(compact):
        thousands = int(compact.replace(".", ""))
        raise InvalidNumberError(
            f"{text.strip()!r} is ambiguous: '.' is the decimal point here, not a thousands "
            f"separator; for {thousands:,} write {thousands} or {thousands:,}"
        )


def format_number(value: float) -> str:
    """Shortest text that reads back as the same number; whole numbers without '.0'."""
    if float(value).is_integer() and abs(value) < _EXACT_INTEGER_LIMIT:
        return str(int(value))
    return repr(float(value))


def group_digits(value: float) -> str:
    """The number for people: thousands grouped with commas, decimals as needed (0.75)."""
    if float(value).is_integer() and abs(value) < _EXACT_INTEGER_LIMIT:
        return f"{int(value):,}"
    if abs(value) < 1:
        return format_number(value)
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def percent(share: float) -> str:
    """A share as a percentage with honest precision: 0.0075 -> "0.75%", 0.034 -> "3.4%",
    0.345 -> "35%"; never a small share rounded up to a whole percent (or down to zero)."""
    value = share * 100
    if value == 0 or value >= 10:
        return f"{value:.0f}%"
    return f"{float(f'{value:.2g}'):g}%"
