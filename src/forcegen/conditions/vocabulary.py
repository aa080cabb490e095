"""The vocabulary: which drivers, participants and capabilities a condition may name.

The parser checks names against it so that a typo is caught when the condition is typed,
not when an assessment silently treats the misspelt driver as false.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Self


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The names a condition may use: driver keys, participant codes, capability keys."""

    drivers: frozenset[str] = field(default_factory=frozenset)
    participants: frozenset[str] = field(default_factory=frozenset)
    capabilities: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        *,
        drivers: Iterable[str] = (),
        participants: Iterable[str] = (),
        capabilities: Iterable[str] = (),
    ) -> Self:
        """Build a vocabulary from any iterables of names (lists, sets, dict keys...)."""
        return cls(frozenset(drivers), frozenset(participants), frozenset(capabilities))


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to a mistyped `name`, ignoring case, or None if none is close."""
    by_folded = {candidate.casefold(): candidate for candidate in sorted(known)}
    folded = name.casefold()
    if folded in by_folded:
        return by_folded[folded]
    matches = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=0.6)
    return by_folded[matches[0]] if matches else None
