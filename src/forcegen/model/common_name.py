"""The names people use for participants: "UK" and "Britain" for GBR, "Turkey" for TUR.

A desk officer writes the name they use every day, not an ISO code; every door (the
condition language, the state picker, the command line) reads those names through
`code_for_name`, so "UK" is the United Kingdom everywhere and never a near miss for "UKR".
"""

from __future__ import annotations

import functools
import unicodedata

import pycountry

from forcegen.model.participant import ORGANISATIONS

COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "TUR": ("Turkey", "Turkiye", "Türkiye"),
    "USA": ("US", "U.S.", "United States", "America"),
    "CZE": ("Czech Republic", "Czechia"),
    "NLD": ("Holland", "The Netherlands"),
    "KOR": ("South Korea", "Korea"),
    "MDA": ("Moldova",),
    "MKD": ("North Macedonia", "Macedonia"),
    "RUS": ("Russia",),
    "EU": ("European Union",),
}
"""Names in everyday use that are neither the code nor the ISO short name, by code."""

_WITH_ARTICLE = ("United ", "Netherlands", "Czech Republic", "European ", "Philippines")


def fold(text: str) -> str:
    """Text compared without case, accents or spaces at the ends: "Türkiye" ~ "turkiye"."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.cache
def _by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("official_name", "name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names[fold(value)] = country.alpha_3
        names[fold(country.alpha_3)] = country.alpha_3
    for code, name in ORGANISATIONS.items():
        names[fold(name)] = code
        names[fold(code)] = code
    for code, aliases in COMMON_NAMES.items():
        names.update((fold(alias), code) for alias in aliases)
    return names


def code_for_name(name: str) -> str | None:
    """The participant code a code, name or common name stands for, or None if none.

    `code_for_name("uk")` is "GBR", `code_for_name("Turkey")` is "TUR",
    `code_for_name("fra")` is "FRA"; an unknown name gives None.
    """
    return _by_name().get(fold(name))


def names_for(code: str) -> tuple[str, ...]:
    """The common names of `code` beyond its short name, for searching ("UK", "Britain")."""
    return COMMON_NAMES.get(code, ())


def with_article(name: str) -> str:
    """The name as it reads inside a sentence: "the United Kingdom", but "France"."""
    return f"the {name}" if name.startswith(_WITH_ARTICLE) else name
