"""Every raw answer of a round as one CSV file: a row per answered field, remarks included.

Each participant contributes its latest submitted version and, when it is newer, its latest
draft (marked as such), so a coordinator sees both what stands and what is being prepared:

    participant,participant_name,version,status,saved_at,attested_by,path,value
    FRA,France,3,submitted,2026-12-05T09:12:00+00:00,C. Dubois (Director),troops.decision,yes
    FRA,France,3,submitted,...,troops.contributions[0].personnel,5000
    FRA,France,3,submitted,...,troops.notes,Paris would lead a framework nation group.

UTF-8 with a byte-order mark (so spreadsheets show accents); every cell is formula-neutralised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence

from pydantic import JsonValue

from forcegen.files.formula import neutralise
from forcegen.model.response import Response, ResponseVersion

HEADER = (
    "participant",
    "participant_name",
    "version",
    "status",
    "saved_at",
    "attested_by",
    "path",
    "value",
)


def raw_answers_csv(responses: Sequence[Response], name_of: Callable[[str], str]) -> str:
    """The CSV text of every answer in `responses`; `name_of` names a participant code."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for response in sorted(responses, key=lambda r: r.participant_code):
        for version in _versions_to_show(response):
            head = _version_cells(response, version, name_of)
            for path, value in flatten(version.answers):
                writer.writerow([neutralise(cell) for cell in (*head, path, value)])
    return buffer.getvalue()


def flatten(value: JsonValue, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) for every answered leaf: `troops.contributions[0].personnel`, "5000"."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from flatten(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        for index, item in enumerate(value):
            yield from flatten(item, f"{path}[{index}]")
    elif value is not None and value != []:
        yield path, _text(value)


def _text(value: JsonValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(_text(item) for item in value)
    return str(value)


def _versions_to_show(response: Response) -> list[ResponseVersion]:
    submitted, latest = response.latest_submitted, response.latest
    shown = [v for v in (submitted, latest) if v is not None]
    return list({v.number: v for v in shown}.values())


def _version_cells(
    response: Response, version: ResponseVersion, name_of: Callable[[str], str]
) -> tuple[str, ...]:
    status = (
        "submitted" if version.is_submitted else "withdrawn" if version.is_withdrawn else "draft"
    )
    attestation = version.attestation
    attested = f"{attestation.name} ({attestation.title})" if attestation else ""
    return (
        response.participant_code,
        name_of(response.participant_code),
        str(version.number),
        status,
        version.saved_at.isoformat(),
        attested,
    )
