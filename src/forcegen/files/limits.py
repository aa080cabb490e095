"""Limits on imported files, so a hostile or broken file gets a one-line error, not a crash.

    MAX_FILE_BYTES          20 MiB per file, whatever its format
    MAX_UNCOMPRESSED_BYTES  200 MiB inside an XLSX (a zip): refuses "zip bombs"
    MAX_CELLS               2,000,000 cells read from one sheet
    MAX_NUMBER_DIGITS       17 significant digits in a number (what a float keeps)

JSON nesting deeper than the parser can follow is refused as well (json_table.py), and so is
a NUL character in any cell (PostgreSQL cannot store one; in a text file it usually means
the wrong encoding, e.g. UTF-16).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from forcegen.model.errors import DataFileError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_CELLS = 2_000_000
MAX_NUMBER_DIGITS = 17
_NUMBER = re.compile(r"\d[\d.,]*")


def check_file_size(path: Path) -> None:
    """Raises: DataFileError when the file is larger than MAX_FILE_BYTES."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataFileError(
            f"{path.name}: {size:,} bytes is more than the {MAX_FILE_BYTES:,} bytes an import "
            "may have; split the file into several."
        )


def check_workbook_size(path: Path) -> None:
    """Raises: DataFileError when the XLSX would unpack to more than MAX_UNCOMPRESSED_BYTES."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as err:
        raise DataFileError(
            f"{path.name}: not a readable XLSX workbook ({err}); save it from the spreadsheet "
            "as 'Excel Workbook (.xlsx)'."
        ) from err
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise DataFileError(
            f"{path.name}: the workbook unpacks to {unpacked:,} bytes, more than "
            f"{MAX_UNCOMPRESSED_BYTES:,}; save only the sheets to import, or use CSV."
        )


NUL_PROBLEM = (
    "a NUL character (\\u0000), which no text may hold and neither database can store; "
    "remove it, or save the file again as UTF-8"
)


def check_no_nul(text: str, place: str) -> None:
    """Raises: DataFileError naming `place` (file, row and column) when `text` holds a NUL."""
    if "\x00" in text:
        raise DataFileError(f"{place}: {NUL_PROBLEM}.")


def digits_problem(text: str) -> str | None:
    """Why a number written in `text` is refused (one with too many digits), or None."""
    numbers = _NUMBER.findall(text)  # "between 1.5 and 2,000" holds two numbers
    digits = max(
        (sum(ch.isdigit() for ch in number.lstrip("0.,")) for number in numbers), default=0
    )
    if digits <= MAX_NUMBER_DIGITS:
        return None
    return (
        f"a number with {digits} digits; numbers may have at most {MAX_NUMBER_DIGITS} digits "
        "(write amounts in full units, e.g. 40000)"
    )


def shown(text: str, limit: int = 40) -> str:
    """`text` quoted for an error message, cut to `limit` characters."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}… ({len(text):,} characters)"
