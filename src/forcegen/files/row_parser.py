"""Typed values from one table row, collecting every problem instead of stopping at the first.

    parser = RowParser(row, TableKind.POSITIONS)
    date = parser.date("date", is_required=True)     # None, and a problem noted, if bad
    ...
    position = parser.build(Position, {...})         # None if any cell of the row was bad

Free text is kept as written (only line endings are made "\\n"); codes, names from a list,
numbers and dates are read without surrounding spaces.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Iterable
from enum import StrEnum
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from forcegen.files.derived_id import derived_id
from forcegen.files.limits import digits_problem
from forcegen.files.table import LIST_SEPARATOR, RowProblem, TableKind, TableRow, column_names
from forcegen.model.amount import A
from forcegen.model.number import InvalidNumberError, parse_number, parse_whole
from forcegen.model.public_problem import actor_code_problem, missing_source_problem
from forcegen.model.yes_no import yes_no

E = TypeVar("E", bound=StrEnum)
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOSE_ENOUGH = 0.75
_LOCATOR = re.compile(r"[/:]")  # ids never hold these; URLs and document paths do


class RowParser:
    """Reads the cells of one row; each reader returns None for a bad cell and notes why."""

    def __init__(self, row: TableRow, table: TableKind) -> None:
        self.row = row
        self.table = table
        self.problems: list[RowProblem] = []

    def problem(self, column: str, message: str) -> None:
        self.problems.append(RowProblem(self.row.row, column, message, self.table))

    def ordered_problems(self) -> list[RowProblem]:
        """The problems noted, in the order of the table's columns."""
        order = {name: index for index, name in enumerate(column_names(self.table))}
        return sorted(self.problems, key=lambda problem: order.get(problem.column, len(order)))

    def text(self, column: str) -> str:
        return self.row.get(column).replace("\r\n", "\n").replace("\r", "\n")

    def label(self, column: str, *, is_required: bool = False) -> str | None:
        value = self.row.get(column).strip()
        if not value:
            if is_required:
                self.problem(column, "is empty; enter a value")
            return None
        return value

    def identifier(self, column: str, *, is_required: bool = True) -> str | None:
        value = self.label(column, is_required=is_required)
        if value is not None and LIST_SEPARATOR in value:
            self.problem(column, f"{value!r} contains {LIST_SEPARATOR!r}; ids cannot hold it")
            return None
        return value

    def record_id(self, prefix: str, *identity: str) -> str | None:
        """The row's `id`, or when it is left empty one made from what identifies the row
        (the same row always gets the same id, so importing it again changes nothing)."""
        given = self.identifier("id", is_required=False)
        if given is not None or self.row.get("id").strip():
            return given
        return derived_id(prefix, *identity)

    def source_reference(self, column: str) -> str | None:
        """A source's id, or its locator (a URL or document reference) standing for the id
        an import gives a source whose row left the id empty."""
        value = self.identifier(column)
        if value is not None and _LOCATOR.search(value):
            return derived_id("src", value)
        return value

    def unique(self, column: str, value: str | None, seen: dict[str, int]) -> None:
        """Note a problem if `value` was already used in an earlier row (`seen` maps to it)."""
        if value is None:
            return
        if value in seen:
            self.problem(
                column, f"{value!r} is used twice (first in row {seen[value]}); ids must differ"
            )
        else:
            seen[value] = self.row.row

    def reference(self, column: str, value: str, known: Collection[str] | None) -> None:
        """Note a problem if `value` names a source that is not `known` (None: not checked)."""
        if known is not None and value not in known:
            self.problem(column, missing_source_problem(value))

    def choice(self, column: str, choices: type[E], *, is_required: bool = False) -> E | None:
        value = self.label(column, is_required=is_required)
        if value is None:
            return None
        by_text = {member.value.casefold(): member for member in choices}
        if value.casefold() in by_text:
            return by_text[value.casefold()]
        close = closest(value.casefold(), by_text)
        hint = f" (did you mean {by_text[close].value!r}?)" if close else ""
        listing = ", ".join(member.value for member in choices)
        self.problem(column, f"{value!r} is not a known {column}{hint}; use one of {listing}")
        return None

    def participant(self, column: str, *, is_coalition_allowed: bool = False) -> str | None:
        """A participant code in any case (`fra` is FRA); `ALL` only where allowed."""
        value = self.label(column, is_required=True)
        if value is None:
            return None
        code = value.upper()
        problem = actor_code_problem(code, is_coalition_allowed=is_coalition_allowed)
        if problem is not None:
            self.problem(column, problem)
            return None
        return code

    def number(self, column: str) -> float | None:
        return self._read(column, parse_number)

    def integer(self, column: str) -> int | None:
        return self._read(column, parse_whole)

    def amount(self, column: str, parse: Callable[[str], A]) -> A | None:
        """An amount as stated: "7500", "up to 7,500", "about 150", "unknown"..."""
        return self._read(column, parse)

    def _read(self, column: str, parse: Callable[[str], T]) -> T | None:
        value = self.label(column)
        if value is None:
            return None
        if (too_long := digits_problem(value)) is not None:
            self.problem(column, too_long)
            return None
        try:
            return parse(value)
        except InvalidNumberError as err:
            self.problem(column, err.message)
            return None

    def boolean(self, column: str) -> bool | None:
        value = self.label(column)
        if value is None:
            return None
        if (answer := yes_no(value)) is not None:
            return answer
        self.problem(column, f"{value!r} is not true or false; write true or false")
        return None

    def date(self, column: str, *, is_required: bool = False) -> dt.date | None:
        value = self.label(column, is_required=is_required)
        if value is None:
            return None
        try:
            if not _ISO_DATE.fullmatch(value):
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(
                column, f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-02-17"
            )
            return None

    def items(self, column: str) -> tuple[str, ...]:
        parts = (part.strip() for part in self.row.get(column).split(LIST_SEPARATOR))
        return tuple(part for part in parts if part)

    def build(self, model: type[M], values: dict[str, object]) -> M | None:
        """The model from the values read, or None if any cell of the row was bad."""
        if self.problems:
            return None
        present = {name: value for name, value in values.items() if value is not None}
        try:
            return model.model_validate(present)
        except ValidationError as err:
            for error in err.errors():
                column = str(error["loc"][0]) if error["loc"] else self._column_in(error["msg"])
                shown = present.get(column, "")
                message = error["msg"].removeprefix("Value error, ")
                suffix = f" (got {shown!r})" if error["loc"] and shown != "" else ""
                self.problem(column, f"{message}{suffix}")
            return None

    def _column_in(self, message: str) -> str:
        """The column a whole-row rule names in its message (longest name first)."""
        for name in sorted(column_names(self.table), key=len, reverse=True):
            if re.search(rf"\b{re.escape(name)}\b", message):
                return name
        return "id"


def closest(text: str, options: Iterable[str]) -> str | None:
    """The option most like `text`, compared whole and by its '_'-separated words."""

    def likeness(option: str) -> float:
        candidates = (option, *option.split("_"))
        return max(difflib.SequenceMatcher(None, text, c).ratio() for c in candidates)

    best = max(options, key=likeness, default=None)
    return best if best is not None and likeness(best) >= _CLOSE_ENOUGH else None
