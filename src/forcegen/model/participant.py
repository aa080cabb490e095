"""Participants: states (ISO 3166-1 alpha-3) and organisations, with memberships and figures."""

from __future__ import annotations

import difflib
from enum import StrEnum
from typing import NewType

import pycountry
from pydantic import BaseModel, ConfigDict, Field

from forcegen.model.errors import UnknownParticipantError

ParticipantCode = NewType("ParticipantCode", str)

ORGANISATIONS: dict[str, str] = {
    "EU": "European Union",
    "NATO": "North Atlantic Treaty Organization",
}


class ParticipantKind(StrEnum):
    STATE = "state"
    ORGANISATION = "organisation"


class ReferenceFigures(BaseModel):
    """A state's reference figures for one year, each column with its source.

    Units are in the names: US$ billions, millions of people, thousands of active soldiers.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int = Field(ge=1990, le=2100)
    gdp_usd_bn: float = Field(gt=0)
    population_m: float = Field(gt=0)
    active_military_k: float | None = Field(default=None, ge=0)
    defence_spending_usd_bn: float | None = Field(default=None, ge=0)
    defence_pct_gdp: float | None = Field(default=None, ge=0, le=100)
    sources: dict[str, str] = Field(default_factory=dict)


class Participant(BaseModel):
    """A state or organisation that can be invited, pledge, or hold positions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: ParticipantCode
    name: str = Field(min_length=1)
    kind: ParticipantKind
    memberships: frozenset[str] = frozenset()
    figures: ReferenceFigures | None = None

    def is_member_of(self, organisation: str) -> bool:
        return organisation in self.memberships


def _all_codes() -> dict[str, str]:
    codes = {c.alpha_3: c.name for c in pycountry.countries}
    codes.update(ORGANISATIONS)
    return codes


def suggest_code(text: str) -> str | None:
    """Return the closest known code for a mistyped code or a country name, if any."""
    codes = _all_codes()
    wanted = text.strip()
    by_name = {name.casefold(): code for code, name in codes.items()}
    if wanted.casefold() in by_name:
        return by_name[wanted.casefold()]
    close = difflib.get_close_matches(wanted.upper(), list(codes), n=1, cutoff=0.6)
    if close:
        return close[0]
    close_names = difflib.get_close_matches(wanted.casefold(), list(by_name), n=1, cutoff=0.75)
    return by_name[close_names[0]] if close_names else None


def normalise_code(text: str) -> ParticipantCode:
    """Validate a participant code (ISO alpha-3 state or organisation) and return it upper-case.

    Raises:
        UnknownParticipantError: the code is not known; the message suggests the closest one.
    """
    code = text.strip().upper()
    if code in ORGANISATIONS or pycountry.countries.get(alpha_3=code) is not None:
        return ParticipantCode(code)
    suggestion = suggest_code(text)
    hint = f" Did you mean {suggestion!r}?" if suggestion else ""
    raise UnknownParticipantError(
        f"Unknown participant code {text!r}: use an ISO 3166-1 alpha-3 country code "
        f"(e.g. 'FRA') or one of {', '.join(sorted(ORGANISATIONS))}.{hint} "
        "Run `forcegen participants list` for the known codes."
    )


def participant_name(code: str) -> str:
    """The English short name of a valid code."""
    if code in ORGANISATIONS:
        return ORGANISATIONS[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        raise UnknownParticipantError(f"Unknown participant code {code!r}.")
    return str(getattr(country, "common_name", None) or country.name)
