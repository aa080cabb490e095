"""Capabilities, caveats and drivers: the fixed (but editable) vocabularies of the domain."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

KEY_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-zA-Z0-9_]+)*$"


class Capability(BaseModel):
    """One capability of the taxonomy, e.g. `land.combat` or `air.defence`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=KEY_PATTERN)
    name: str = Field(min_length=1)
    domain: str = Field(min_length=1)
    description: str = ""
    platform_unit: str = ""  # what a platform is for this capability: aircraft, ships, systems


class Caveat(BaseModel):
    """A national restriction on the use of a contribution, e.g. `no_contact_line`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=KEY_PATTERN)
    name: str = Field(min_length=1)
    description: str = ""


class DriverGroup(StrEnum):
    US_ENABLER = "us_enabler"
    POLITICAL = "political"
    PARLIAMENT = "parliament"


class Driver(BaseModel):
    """A named external fact pledges can depend on; true or false in a scenario."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=KEY_PATTERN)
    name: str = Field(min_length=1)
    group: DriverGroup
    description: str = ""
    probability: float | None = Field(default=None, ge=0.0, le=1.0)
