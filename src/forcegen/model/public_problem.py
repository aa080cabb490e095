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
from forcegen.model.participant import normalise_code
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


def actor_code_problem(code: str) -> str | None:
    """Say what is wrong with an actor or contributor code, or return None when it is valid.

    Valid codes are ISO 3166-1 alpha-3 states, the organisations (EU, NATO) and `ALL` for
    coalition-wide statements and estimates.
    """
    if code in EXTRA_ACTORS:
        return None
    try:
        if normalise_code(code) == code:
            return None
    except UnknownParticipantError as err:
        suggestion = err.message.partition("Did you mean ")[2].partition("?")[0]
        hint = f" Did you mean {suggestion}?" if suggestion else ""
        return (
            f"{code!r} is not a known country: use an ISO 3166-1 alpha-3 code such as 'FRA', "
            f"EU, NATO or ALL (coalition-wide).{hint}"
        )
    return f"{code!r} must be written in capitals: {code.upper()!r}"
