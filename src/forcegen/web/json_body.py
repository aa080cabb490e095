"""What a JSON request body may hold, checked before any route parses it.

    depth    at most MAX_JSON_DEPTH levels of objects and lists (Python's parser gives up,
             with a server error, somewhere past a thousand)
    numbers  at most 17 significant digits (files/limits.py; past 4,300 digits Python refuses
             to convert a number at all, and FastAPI answers "error parsing the body")
    text     no NUL character (PostgreSQL cannot store one), in keys or values

Each refusal is a 422 whose message names the place, `positions[1].quantity` (items counted
from 1, as the import problems count them). Bodies that are not JSON at all are left to
FastAPI, which says where the syntax breaks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from forcegen.files.limits import digits_problem

MAX_JSON_DEPTH = 32
NUL_PROBLEM = (
    "a NUL character (\\u0000), which no text may hold and neither database can store; "
    "remove it and send again"
)


class _LongNumber(str):
    """A number with too many digits, kept as its text so the walk can name its place."""


def _number(text: str) -> object:
    if digits_problem(text) is not None:
        return _LongNumber(text)
    return float(text) if any(mark in text for mark in ".eE") else int(text)


def json_body_problem(body: bytes) -> tuple[str, str] | None:
    """The first place in a JSON body that breaks a rule above, and what is wrong there;
    None when the body is acceptable or is not JSON at all."""
    try:
        document = json.loads(body, parse_int=_number, parse_float=_number)
    except RecursionError:
        return "", f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep"
    except ValueError:  # not JSON (also not UTF-8): FastAPI's own message names the place
        return None
    return next(_problems(document), None)


def _problems(document: object) -> Iterator[tuple[str, str]]:
    stack: list[tuple[object, str, int]] = [(document, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            yield path, f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep"
        elif isinstance(value, _LongNumber):
            yield path, str(digits_problem(value))
        elif isinstance(value, str) and "\x00" in value:
            yield path, NUL_PROBLEM
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                place = f"{path}.{key}" if path else str(key)
                if "\x00" in key:
                    yield place, NUL_PROBLEM
                stack.append((item, place, depth + 1))
        elif isinstance(value, list):
            for number, item in reversed(list(enumerate(value, start=1))):
                stack.append((item, f"{path}[{number}]", depth + 1))
