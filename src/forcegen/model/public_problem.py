"""Problems with public-source data: one per bad cell, all of them reported at once.

A file adapter finds the problems it can see in the text (a bad date, a word that is not a
number); the services find the rest (an unknown country, a source that exists nowhere).
Either way the user gets one list, each entry with its table, row and column, and nothing
is written until the list is empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from forcegen.model.errors import InvalidInputError, UnknownParticipantError
from forcegen.model.participant import normalise_code, suggest_code
from forcegen.model.position import COALITION_ACTOR

# Actor codes beyond ISO states and organisations that public reporting needs.
EXTRA_ACTORS: dict[str, str] = {COALITION_ACTOR: "Coalition-wide (all participants)"}


# The table name of problems found in a web form or a service call rather than in a file.
FORM = "form"


@dataclass(frozen=True, slots=True, order=True)
class DataProblem:
    """One thing wrong with one cell.

    `table` is `sources`, `positions` or `pledges` (or `form` for a web form); `row` is the
    number a user finds the row under (spreadsheet row, JSON item number), 0 for a form.
    """

    table: str
    row: int
    column: str
    message: str

    @property
    def path(self) -> str:
        """Where the problem is, as the web error handler shows it (`positions[7].date`)."""
        return self.column if self.table == FORM else f"{self.table}[{self.row}].{self.column}"

    def __str__(self) -> str:
        if self.table == FORM:
            return f"{self.column}: {self.message}"
        return f"{self.table}: row {self.row}, column {self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class RowNumbers:
    """The number a user finds each value under, in the order the values are given.

    For spreadsheets and CSV the header is row 1, so the first value is on row 2; for JSON
    it is the item number. Values without a number are numbered 1, 2, 3...
    """

    sources: Sequence[int] = ()
    positions: Sequence[int] = ()
    pledges: Sequence[int] = ()


class PublicDataError(InvalidInputError):
    """Public-source data does not validate; `problems` lists every bad cell. Nothing was saved."""

    def __init__(self, problems: Iterable[DataProblem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        shown = "; ".join(str(problem).rstrip(".") for problem in self.problems[:10])
        more = f" (and {len(self.problems) - 10} more)" if len(self.problems) > 10 else ""
        super().__init__(
            f"{len(self.problems)} problem(s), nothing was saved: {shown}{more}. "
            "Fix these rows and try again."
        )


def unknown_name_problem(value: str, known: Iterable[str]) -> str:
    """Say that a capability or caveat is not in the taxonomy, listing the known ones."""
    return f"{value!r} is not in the taxonomy; use one of {', '.join(sorted(known))}"


def missing_source_problem(source_id: str) -> str:
    """Say that a cited source is in neither the data given nor the database."""
    return (
        f"source {source_id!r} is neither in the sources table nor stored: "
        "add it to the sources table or cite a stored source"
    )


def actor_code_problem(code: str, *, is_coalition_allowed: bool = True) -> str | None:
    """Say what is wrong with an actor or contributor code, or return None when it is valid.

    Valid codes are ISO 3166-1 alpha-3 states, the organisations (EU, NATO) and, where
    `is_coalition_allowed` (a position, not a pledge), `ALL` for coalition-wide statements.
    """
    if code in EXTRA_ACTORS and is_coalition_allowed:
        return None
    try:
        if normalise_code(code) == code:
            return None
    except UnknownParticipantError:
        suggestion = suggest_code(code)
        hint = f" Did you mean {suggestion!r}?" if suggestion else ""
        also = " or ALL (coalition-wide)" if is_coalition_allowed else ""
        return (
            f"{code!r} is not a known country: use an ISO 3166-1 alpha-3 code such as 'FRA', "
            f"EU, NATO{also}.{hint}"
        )
    return f"{code!r} must be written in capitals: {code.upper()!r}"
