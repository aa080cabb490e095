"""The taxonomy files: capabilities, caveats and drivers, each a list of uniquely keyed entries."""

from __future__ import annotations

from typing import Protocol, TypeVar

import pycountry
from pydantic import BaseModel, ConfigDict, Field

from forcegen.catalog.yaml_document import YamlDocument
from forcegen.model.capability import Capability, Caveat, Driver, DriverGroup

PARLIAMENT_PREFIX = "parliament."


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=_Keyed)


class EntriesFile(BaseModel):
    """A catalog file: one non-empty list of entries under one key, and nothing else."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class _CapabilityFile(EntriesFile):
    capabilities: tuple[Capability, ...] = Field(min_length=1)


class _CaveatFile(EntriesFile):
    caveats: tuple[Caveat, ...] = Field(min_length=1)


class _DriverFile(EntriesFile):
    drivers: tuple[Driver, ...] = Field(min_length=1)


def keyed(document: YamlDocument, entries: tuple[K, ...], list_name: str) -> dict[str, K]:
    """The entries by key, in file order.

    Raises:
        DataFileError: a key is used twice; the message names the second place.
    """
    by_key: dict[str, K] = {}
    first_index: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry.key in by_key:
            raise document.error(
                (list_name, index, "key"),
                f"{entry.key!r} is already defined at {list_name}[{first_index[entry.key]}]; "
                "keys must be unique, so rename or remove one",
            )
        by_key[entry.key] = entry
        first_index[entry.key] = index
    return by_key


def load_capabilities(document: YamlDocument) -> dict[str, Capability]:
    """Raises: DataFileError naming the place and the fix."""
    return keyed(document, document.validate(_CapabilityFile).capabilities, "capabilities")


def load_caveats(document: YamlDocument) -> dict[str, Caveat]:
    """Raises: DataFileError naming the place and the fix."""
    return keyed(document, document.validate(_CaveatFile).caveats, "caveats")


def load_drivers(document: YamlDocument) -> dict[str, Driver]:
    """Load drivers; a parliament driver must be `parliament.<ISO 3166-1 alpha-3 code>`.

    Raises:
        DataFileError: naming the place and the fix.
    """
    drivers = keyed(document, document.validate(_DriverFile).drivers, "drivers")
    for index, driver in enumerate(drivers.values()):
        if driver.group is DriverGroup.PARLIAMENT and not _is_parliament_key(driver.key):
            raise document.error(
                ("drivers", index, "key"),
                f"{driver.key!r} is not a parliament driver key; use 'parliament.' and the "
                "country's ISO 3166-1 alpha-3 code, e.g. 'parliament.DEU'",
            )
    return drivers


def _is_parliament_key(key: str) -> bool:
    code = key.removeprefix(PARLIAMENT_PREFIX)
    return key.startswith(PARLIAMENT_PREFIX) and pycountry.countries.get(alpha_3=code) is not None
