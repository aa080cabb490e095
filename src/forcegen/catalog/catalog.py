"""The catalog: the packaged reference data (questionnaires, taxonomy, drivers, requirement
profiles, scenarios, participants), loaded once, validated and cross-checked.

Data files live in `forcegen/data/` (YAML and CSV, not code), so editing the taxonomy or adding
a questionnaire needs no programming. A malformed file stops loading with one line naming the
file, the place and the fix.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from forcegen.catalog.countries import all_participants, load_countries
from forcegen.catalog.planning import load_honouring, load_requirements, load_scenarios
from forcegen.catalog.questionnaire_file import read_questionnaire
from forcegen.catalog.taxonomy import load_capabilities, load_caveats, load_drivers
from forcegen.catalog.yaml_document import YamlDocument, file_error
from forcegen.conditions import FORM_LISTINGS, Listings, PlainNames, Vocabulary, check
from forcegen.model.capability import Capability, Caveat, Driver, DriverGroup
from forcegen.model.errors import DataFileError, NotFoundError
from forcegen.model.odds import HonouringLadder
from forcegen.model.participant import Participant, normalise_code
from forcegen.model.questionnaire import (
    AnswerVocabulary,
    Field,
    FieldKind,
    Option,
    Questionnaire,
)
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario

DEFAULT_QUESTIONNAIRE = "default"
QUESTIONNAIRE_DIR = "questionnaire"
_PARTIES_TO_THE_WAR = ("RUS", "UKR")

T = TypeVar("T")


@dataclass(frozen=True)
class Catalog:
    """Reference data by key. The mappings are read-only views."""

    questionnaires: Mapping[str, Questionnaire]
    capabilities: Mapping[str, Capability]
    caveats: Mapping[str, Caveat]
    drivers: Mapping[str, Driver]
    requirements: Mapping[str, Requirement]
    scenarios: Mapping[str, Scenario]
    participants: Mapping[str, Participant]
    honouring: HonouringLadder

    def questionnaire(self, key: str = DEFAULT_QUESTIONNAIRE) -> Questionnaire:
        """Raises: NotFoundError listing the known keys."""
        return _get(self.questionnaires, key, "questionnaire")

    def requirement(self, key: str) -> Requirement:
        """Raises: NotFoundError listing the known keys."""
        return _get(self.requirements, key, "requirement profile")

    def scenario(self, key: str) -> Scenario:
        """Raises: NotFoundError listing the known keys."""
        return _get(self.scenarios, key, "scenario")

    def participant(self, code: str) -> Participant:
        """The participant for a code in any case, e.g. `fra`.

        Raises:
            UnknownParticipantError: not an ISO alpha-3 code or organisation; suggests one.
        """
        return self.participants[normalise_code(code)]

    @property
    def us_enablers(self) -> tuple[Driver, ...]:
        return tuple(d for d in self.drivers.values() if d.group is DriverGroup.US_ENABLER)

    def condition_vocabulary(self, listings: Listings | None = None) -> Vocabulary:
        """The names a pledge condition may use; `listings` say where people find them."""
        return Vocabulary.of(
            drivers=self.drivers,
            participants=self.participants,
            capabilities=self.capabilities,
            listings=listings,
        )

    def plain_names(self) -> PlainNames:
        """What people call drivers, participants and capabilities, for conditions in words."""
        return PlainNames(
            drivers={key: driver.name for key, driver in self.drivers.items()},
            participants={code: p.name for code, p in self.participants.items()},
            capabilities={key: c.name for key, c in self.capabilities.items()},
        )

    def likely_participants(self) -> tuple[str, ...]:
        """States likely to take part, for pickers to offer first: those with reference
        figures (European states and partners), less the parties to the war."""
        return tuple(
            code
            for code, participant in self.participants.items()
            if participant.figures is not None and code not in _PARTIES_TO_THE_WAR
        )

    def answer_vocabulary(
        self, check_condition: Callable[[str], str | None] | None = None
    ) -> AnswerVocabulary:
        """What answers may name; conditions are checked with the condition language by default,
        with messages for people answering a form (no command line)."""
        if check_condition is None:
            vocabulary = self.condition_vocabulary(FORM_LISTINGS)
            check_condition = functools.partial(check, vocabulary=vocabulary)
        return AnswerVocabulary(
            capabilities=frozenset(self.capabilities),
            caveats=frozenset(self.caveats),
            us_enablers=frozenset(driver.key for driver in self.us_enablers),
            drivers=frozenset(self.drivers),
            participants=frozenset(self.participants),
            check_condition=check_condition,
        )

    def options_for(self, field: Field) -> tuple[Option, ...]:
        """The choices of a select or country-list field, with labels, for forms."""
        source = "participants" if field.kind is FieldKind.COUNTRY_LIST else field.options_from
        named: Mapping[str, Capability | Caveat | Driver | Participant]
        if source is None:
            return field.options
        if source == "capabilities":
            named = self.capabilities
        elif source == "caveats":
            named = self.caveats
        elif source == "us_enablers":
            named = {driver.key: driver for driver in self.us_enablers}
        elif source == "drivers":
            named = self.drivers
        else:
            named = self.participants
        return tuple(Option(value=key, label=item.name) for key, item in named.items())


def load_catalog(data_dir: Path | None = None) -> Catalog:
    """The packaged catalog (loaded once), or the one in `data_dir` laid out the same way.

    Raises:
        DataFileError: a file is missing or malformed; one line naming file, place and fix.
    """
    if data_dir is None:
        return _packaged_catalog()
    return _load(data_dir)


def load_requirements_file(path: Path | str, *, catalog: Catalog) -> dict[str, Requirement]:
    """Load coordinator-authored requirement profiles (same format as `requirements.yaml`).

    Raises:
        DataFileError: naming the file, the place and the fix.
    """
    document = YamlDocument.read(Path(path), filename=str(path))
    return load_requirements(document, capabilities=catalog.capabilities, caveats=catalog.caveats)


@functools.cache
def _packaged_catalog() -> Catalog:
    return _load(resources.files("forcegen") / "data")


def _load(root: Traversable) -> Catalog:
    capabilities = load_capabilities(_read(root, "taxonomy/capabilities.yaml"))
    caveats = load_caveats(_read(root, "taxonomy/caveats.yaml"))
    drivers = load_drivers(_read(root, "drivers.yaml"))
    requirements = load_requirements(
        _read(root, "requirements.yaml"), capabilities=capabilities, caveats=caveats
    )
    scenarios = load_scenarios(_read(root, "scenarios.yaml"), drivers=drivers)
    countries_text = _text(root, "countries.csv")
    participants = all_participants(load_countries(countries_text, filename="countries.csv"))
    return Catalog(
        questionnaires=MappingProxyType(_questionnaires(root)),
        capabilities=MappingProxyType(capabilities),
        caveats=MappingProxyType(caveats),
        drivers=MappingProxyType(drivers),
        requirements=MappingProxyType(requirements),
        scenarios=MappingProxyType(scenarios),
        participants=MappingProxyType(participants),
        honouring=load_honouring(_read(root, "honouring.yaml")),
    )


def _questionnaires(root: Traversable) -> dict[str, Questionnaire]:
    directory = root / QUESTIONNAIRE_DIR
    if not directory.is_dir():
        raise DataFileError(f"{QUESTIONNAIRE_DIR}/: the directory is missing; restore it")
    names = sorted(e.name for e in directory.iterdir() if e.name.endswith((".yaml", ".yml")))
    questionnaires: dict[str, Questionnaire] = {}
    for name in names:
        filename = f"{QUESTIONNAIRE_DIR}/{name}"
        questionnaire = read_questionnaire(_read(root, filename))
        if questionnaire.key in questionnaires:
            message = f"the key {questionnaire.key!r} is used by another file; choose another key"
            raise file_error(filename, ("key",), message)
        questionnaires[questionnaire.key] = questionnaire
    if DEFAULT_QUESTIONNAIRE not in questionnaires:
        raise DataFileError(
            f"{QUESTIONNAIRE_DIR}/: no questionnaire has the key {DEFAULT_QUESTIONNAIRE!r}; "
            "restore default.yaml"
        )
    return questionnaires


def _read(root: Traversable, relative: str) -> YamlDocument:
    return YamlDocument.read(root.joinpath(*relative.split("/")), filename=relative)


def _text(root: Traversable, relative: str) -> str:
    try:
        return root.joinpath(*relative.split("/")).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(f"{relative}: cannot be read ({err}); restore the file") from err


def _get(items: Mapping[str, T], key: str, what: str) -> T:
    if key not in items:
        known = ", ".join(items) or "none"
        raise NotFoundError(f"No {what} with key {key!r}; use one of {known}.")
    return items[key]
