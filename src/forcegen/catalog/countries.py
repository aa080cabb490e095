"""Participants: every ISO state and the organisations, with figures from `countries.csv`.

The CSV is the collected reference file as it is (figures, units and source columns
unchanged), so every figure can be traced to the dataset it came from.
"""

from __future__ import annotations

import csv
import io

import pycountry
from pydantic import ValidationError

from forcegen.catalog.error_message import describe_error
from forcegen.model.errors import DataFileError
from forcegen.model.number import InvalidNumberError, parse_number
from forcegen.model.participant import (
    ORGANISATIONS,
    Participant,
    ParticipantCode,
    ParticipantKind,
    ReferenceFigures,
    participant_name,
    suggest_code,
)

COLUMNS = (
    "iso3",
    "name",
    "eu",
    "nato",
    "gdp_usd_bn",
    "gdp_source",
    "population_m",
    "population_source",
    "active_military_k",
    "active_military_source",
    "defence_spending_usd_bn",
    "defence_pct_gdp",
    "defence_source",
    "year",
)

# Each figure column and the column that names its source.
SOURCE_COLUMNS = {
    "gdp_usd_bn": "gdp_source",
    "population_m": "population_source",
    "active_military_k": "active_military_source",
    "defence_spending_usd_bn": "defence_source",
    "defence_pct_gdp": "defence_source",
}

MEMBERSHIP_COLUMNS = {"eu": "EU", "nato": "NATO"}


def load_countries(text: str, *, filename: str) -> dict[str, Participant]:
    """The states listed in the CSV, with memberships and reference figures.

    Raises:
        DataFileError: naming the line, the column and the fix.
    """
    reader = csv.DictReader(io.StringIO(text))
    _check_header(reader.fieldnames, filename)
    states: dict[str, Participant] = {}
    for row in reader:
        state = _state(row, reader.line_num, filename)
        if state.code in states:
            raise _cell_error(filename, reader.line_num, "iso3", f"{state.code} is listed twice")
        states[state.code] = state
    return states


def all_participants(listed: dict[str, Participant]) -> dict[str, Participant]:
    """Every ISO 3166-1 state and organisation; states without a CSV row have no figures."""
    participants: dict[str, Participant] = {}
    for code in sorted(country.alpha_3 for country in pycountry.countries):
        participants[code] = listed.get(code) or Participant(
            code=ParticipantCode(code), name=participant_name(code), kind=ParticipantKind.STATE
        )
    for code, name in ORGANISATIONS.items():
        participants[code] = Participant(
            code=ParticipantCode(code), name=name, kind=ParticipantKind.ORGANISATION
        )
    return participants


def _check_header(fieldnames: object, filename: str) -> None:
    found = tuple(fieldnames) if isinstance(fieldnames, list | tuple) else ()
    if found == COLUMNS:
        return
    missing = [column for column in COLUMNS if column not in found]
    extra = [column for column in found if column not in COLUMNS]
    raise DataFileError(
        f"{filename}: line 1: the header must be {','.join(COLUMNS)}; "
        f"missing: {', '.join(missing) or 'none'}; unexpected: {', '.join(extra) or 'none'}"
    )


def _state(row: dict[str, str | None], line: int, filename: str) -> Participant:
    code = (row.get("iso3") or "").strip()
    if not (len(code) == 3 and code.isupper()) or pycountry.countries.get(alpha_3=code) is None:
        suggestion = suggest_code(code)
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        message = f"{code!r} is not an ISO 3166-1 alpha-3 country code{hint}"
        raise _cell_error(filename, line, "iso3", message)
    memberships = frozenset(
        organisation
        for column, organisation in MEMBERSHIP_COLUMNS.items()
        if _flag(row, column, line, filename)
    )
    name = (row.get("name") or "").strip() or participant_name(code)
    return Participant(
        code=ParticipantCode(code),
        name=name,
        kind=ParticipantKind.STATE,
        memberships=memberships,
        figures=_figures(row, line, filename),
    )


def _flag(row: dict[str, str | None], column: str, line: int, filename: str) -> bool:
    text = (row.get(column) or "").strip()
    if text not in ("0", "1"):
        raise _cell_error(filename, line, column, f"{text!r} is not a membership flag; use 1 or 0")
    return text == "1"


def _figures(row: dict[str, str | None], line: int, filename: str) -> ReferenceFigures:
    values: dict[str, object] = {
        column: _number(row, column, line, filename) for column in SOURCE_COLUMNS
    }
    values["year"] = (row.get("year") or "").strip()
    values["sources"] = {
        column: source
        for column, source_column in SOURCE_COLUMNS.items()
        if (source := (row.get(source_column) or "").strip())
    }
    try:
        return ReferenceFigures.model_validate(values)
    except ValidationError as err:
        loc, message = describe_error(err.errors(include_url=False)[0], ReferenceFigures)
        column = str(loc[0]) if loc else "year"
        raise _cell_error(filename, line, column, message) from err


def _number(row: dict[str, str | None], column: str, line: int, filename: str) -> float | None:
    text = (row.get(column) or "").strip()
    if not text:
        return None
    try:
        return parse_number(text)
    except InvalidNumberError as err:
        raise _cell_error(filename, line, column, err.message) from None


def _cell_error(filename: str, line: int, column: str, message: str) -> DataFileError:
    return DataFileError(" ".join(f"{filename}: line {line}, {column}: {message}".split()))
