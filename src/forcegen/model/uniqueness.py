"""The one rule for "keys must be unique" in questionnaires and requirement profiles, and its
message: every repeated value named once, in order, so that a file can be fixed in one go."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T", str, int)


def check_unique(values: Iterable[T], what: str) -> None:
    """Raise ValueError (pydantic reports it at the field) when a value occurs more than once,
    e.g. "question keys must be unique; repeated: troops"."""
    repeated = sorted(value for value, count in Counter(values).items() if count > 1)
    if repeated:
        raise ValueError(f"{what} must be unique; repeated: {', '.join(map(str, repeated))}")
