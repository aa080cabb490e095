"""Diagnostics: how a problem in a condition text is reported to the person who typed it.

Every message is one line, `<what> at column <n> of "<text>": <what to do>`, so that a form
can show it under the field and a CLI can print it as is. Multi-line conditions name the line
too and quote only that line.
"""

from __future__ import annotations

from forcegen.model.errors import ConditionError


def place(text: str, position: int) -> str:
    """Name the 1-based column of 0-based `position`, e.g. `column 5` or `line 2, column 5`."""
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    if "\n" not in text.strip():
        return f"column {column}"
    line_number = text.count("\n", 0, position) + 1
    return f"line {line_number}, column {column}"


def location(text: str, position: int) -> str:
    """Say where `position` is and quote its line, e.g. `column 5 of "a and"`."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : line_end if line_end != -1 else len(text)].rstrip()
    if len(line) > 80:  # a hostile or pasted text: quote the part around the problem
        start = max(0, position - line_start - 30)
        line = f"{'…' if start else ''}{line[start : start + 60]}…"
    return f'{place(text, position)} of "{line}"'


def condition_error(text: str, position: int, what: str, advice: str) -> ConditionError:
    """Build the error for a problem at `position` in `text`: what happened, then what to do."""
    message = f"{what} at {location(text, position)}: {advice}"
    return ConditionError(message, text=text, position=position)
