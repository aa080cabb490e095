"""The planning files: requirement profiles and scenarios, checked against the taxonomy."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field

from forcegen.catalog.taxonomy import EntriesFile, keyed
from forcegen.catalog.yaml_document import YamlDocument
from forcegen.model.answer_check import unknown_name
from forcegen.model.capability import Capability, Caveat, Driver
from forcegen.model.odds import HonouringLadder
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario


class _RequirementFile(EntriesFile):
    requirements: tuple[Requirement, ...] = Field(min_length=1)


class _ScenarioFile(EntriesFile):
    scenarios: tuple[Scenario, ...] = Field(min_length=1)


def load_requirements(
    document: YamlDocument,
    *,
    capabilities: Mapping[str, Capability],
    caveats: Mapping[str, Caveat],
) -> dict[str, Requirement]:
    """Requirement profiles whose lines name known capabilities and caveats and fit the total.

    Raises:
        DataFileError: naming the place and the fix.
    """
    requirements = keyed(document, document.validate(_RequirementFile).requirements, "requirements")
    for index, requirement in enumerate(requirements.values()):
        _check_lines(document, index, requirement, capabilities, caveats)
    return requirements


def _check_lines(
    document: YamlDocument,
    index: int,
    requirement: Requirement,
    capabilities: Mapping[str, Capability],
    caveats: Mapping[str, Caveat],
) -> None:
    for line_index, line in enumerate(requirement.lines):
        place = ("requirements", index, "lines", line_index)
        if line.capability not in capabilities:
            message = unknown_name(line.capability, capabilities, what="a capability")
            raise document.error((*place, "capability"), message)
        for caveat in sorted(line.excluded_caveats - caveats.keys()):
            message = unknown_name(caveat, caveats, what="a caveat")
            raise document.error((*place, "excluded_caveats"), message)
    in_lines = sum(line.personnel for line in requirement.lines)
    if in_lines > requirement.total_personnel:
        raise document.error(
            ("requirements", index, "lines"),
            f"the lines add up to {in_lines:,} personnel, more than total_personnel "
            f"{requirement.total_personnel:,}; lower the lines or raise the total",
        )


def load_scenarios(document: YamlDocument, *, drivers: Mapping[str, Driver]) -> dict[str, Scenario]:
    """Scenarios that set only known drivers, with probabilities between 0 and 1.

    Raises:
        DataFileError: naming the place and the fix.
    """
    scenarios = keyed(document, document.validate(_ScenarioFile).scenarios, "scenarios")
    for index, scenario in enumerate(scenarios.values()):
        for name in (*scenario.drivers, *scenario.probabilities, *scenario.settings):
            if name not in drivers:
                section = next(
                    s
                    for s in ("drivers", "probabilities", "settings")
                    if name in getattr(scenario, s)
                )
                message = unknown_name(name, drivers, what="a driver")
                raise document.error(("scenarios", index, section, name), message)
        for group_index, group in enumerate(scenario.joint):
            for name in group.drivers:
                if name not in drivers:
                    message = unknown_name(name, drivers, what="a driver")
                    raise document.error(("scenarios", index, "joint", group_index), message)
    return scenarios


def load_honouring(document: YamlDocument) -> HonouringLadder:
    """The honouring ladder: every level once, weakest first, probabilities never falling.

    Raises:
        DataFileError: naming the place and the fix.
    """
    return document.validate(HonouringLadder)
