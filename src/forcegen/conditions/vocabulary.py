"""The vocabulary: which drivers, participants and capabilities a condition may name.

The parser checks names against it so that a typo is caught when the condition is typed,
not when an assessment silently treats the misspelt driver as false.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Self


@dataclass(frozen=True, slots=True)
class Listings:
    """Where the person who typed a condition finds the known names, for error messages.

    The command line points at its list commands; a form points at the lists beside the field.
    """

    drivers: str = "forcegen drivers list"
    participants: str = "forcegen participants list"
    capabilities: str = "forcegen capabilities list"


FORM_LISTINGS = Listings(
    drivers="the lists above the field",
    participants="a government's name, e.g. France, UK or Türkiye's code TUR",
    capabilities="the capability list of the contributions",
)
"""Listings for people answering a form, who have no command line."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The names a condition may use: driver keys, participant codes, capability keys.

    A participant may also be written by a common name ("UK", "Britain", "Turkey"); the
    parser reads it as the participant's code.
    """

    drivers: frozenset[str] = field(default_factory=frozenset)
    participants: frozenset[str] = field(default_factory=frozenset)
    capabilities: frozenset[str] = field(default_factory=frozenset)
    listings: Listings = field(default_factory=Listings)

    @classmethod
    def of(
        cls,
        *,
        drivers: Iterable[str] = (),
        participants: Iterable[str] = (),
        capabilities: Iterable[str] = (),
        listings: Listings | None = None,
    ) -> Self:
        """Build a vocabulary from any iterables of names (lists, sets, dict keys...)."""
        return cls(
            frozenset(drivers),
            frozenset(participants),
            frozenset(capabilities),
            listings or Listings(),
        )
