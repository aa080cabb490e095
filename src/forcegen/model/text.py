"""Text rules every door shares: record ids follow one pattern, and control characters never
enter the store.

    RecordId   sources, positions and pledges: `pos-b51645555f`, `src-6f3bb2b349`,
               `FRA/troops/1`, `response:r1-FRA/v2` -- a letter or digit, then up to 99
               letters, digits or . _ : / - (no spaces, no markup)
    CleanText  any other text: control characters (C0 but tab, newline and carriage return;
               DEL; C1) are removed. They cannot be typed, show as nothing, break XLSX
               exports and, for NUL, PostgreSQL.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

RECORD_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$"
_RECORD_ID = re.compile(RECORD_ID_PATTERN)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """`text` without control characters (tab, newline and carriage return are kept)."""
    return _CONTROL.sub("", text)


def check_record_id(text: str) -> str:
    """Raises: ValueError (a field error) unless `text` follows RECORD_ID_PATTERN."""
    if not _RECORD_ID.fullmatch(text):
        raise ValueError(
            f"{text[:40]!r} is not a valid id: start with a letter or digit and use only "
            "letters, digits and . _ : / - (at most 100 characters), e.g. 'pos-berlin-1'"
        )
    return text


def _clean_if_text(value: object) -> object:
    return clean_text(value) if isinstance(value, str) else value


RecordId = Annotated[str, AfterValidator(check_record_id)]
CleanText = Annotated[str, BeforeValidator(_clean_if_text)]
