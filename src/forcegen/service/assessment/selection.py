"""What to assess: a requirement profile, a scenario, driver overrides, a level floor and a
fixpoint, checked against the catalog, with the closest known name suggested on a typo.

The CLI (`--requirement kyiv_40k --scenario us_offer_aug_2025 --set us.isr=true`) and the
dashboard's toggles both go through here, so they accept and refuse the same things.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from forcegen.analysis.burden import FairShareBasis
from forcegen.analysis.fixpoint import Fixpoint
from forcegen.model.capability import Driver, DriverGroup
from forcegen.model.choice import parse_choice
from forcegen.model.errors import InvalidInputError, NotFoundError
from forcegen.model.participant import Participant
from forcegen.model.pledge import Level
from forcegen.model.requirement import Requirement
from forcegen.model.scenario import Scenario
from forcegen.model.suggestion import did_you_mean
from forcegen.model.yes_no import yes_no

DEFAULT_REQUIREMENT = "kyiv_40k"
DEFAULT_SCENARIO = "us_offer_aug_2025"

T = TypeVar("T")


class AssessmentCatalog(Protocol):
    """The reference data an assessment reads: `forcegen.catalog.Catalog` provides it.

    The service layer sits below the catalog package, so it names only what it reads.
    """

    @property
    def participants(self) -> Mapping[str, Participant]: ...

    @property
    def drivers(self) -> Mapping[str, Driver]: ...

    @property
    def requirements(self) -> Mapping[str, Requirement]: ...

    @property
    def scenarios(self) -> Mapping[str, Scenario]: ...


@dataclass(frozen=True, slots=True)
class Selection:
    """A checked choice of what to assess."""

    requirement: Requirement
    scenario: Scenario  # as named in the catalog, without the overrides
    overrides: Mapping[str, bool] = field(default_factory=dict)
    level_floor: Level = Level.REPORTED
    fixpoint: Fixpoint = Fixpoint.GREATEST
    fair_share_basis: FairShareBasis = FairShareBasis.WILLING


def select(
    catalog: AssessmentCatalog,
    *,
    requirement: str = DEFAULT_REQUIREMENT,
    scenario: str = DEFAULT_SCENARIO,
    overrides: Mapping[str, bool] | None = None,
    settings: Iterable[str] = (),
    level_floor: str = Level.REPORTED.value,
    fixpoint: str = Fixpoint.GREATEST.value,
    fair_share: str = FairShareBasis.WILLING.value,
) -> Selection:
    """Check every choice, typed as text by the CLI, a query string or the API, and return
    them as domain values. `settings` are driver settings as typed (`us.isr=true`);
    `overrides` (the dashboard's switches) win over them.

    Raises:
        NotFoundError: an unknown requirement or scenario key (the closest one is suggested).
        InvalidInputError: an unknown driver, level, fixpoint or fair-share basis (the closest
            one is suggested), or a setting not of the form DRIVER=true|false.
    """
    checked = dict(parse_override(text) for text in settings) | dict(overrides or {})
    for driver in checked:
        _known(catalog.drivers, driver, "driver", InvalidInputError)
    return Selection(
        requirement=_known(catalog.requirements, requirement, "requirement profile", NotFoundError),
        scenario=_known(catalog.scenarios, scenario, "scenario", NotFoundError),
        overrides=checked,
        level_floor=parse_choice(Level, level_floor, "level floor"),
        fixpoint=parse_choice(Fixpoint, fixpoint, "fixpoint"),
        fair_share_basis=parse_choice(FairShareBasis, fair_share, "fair-share basis"),
    )


def parse_override(text: str) -> tuple[str, bool]:
    """`us.isr=true` -> ("us.isr", True); `ceasefire=off` -> ("ceasefire", False).

    Raises:
        InvalidInputError: not of the form DRIVER=true|false.
    """
    name, sep, value = text.partition("=")
    wanted = yes_no(value)
    if not sep or not name.strip() or wanted is None:
        raise InvalidInputError(
            f"Cannot read the driver setting {text!r}: write DRIVER=true or DRIVER=false, "
            "e.g. --set us.isr=true."
        )
    return name.strip(), wanted


def combined_drivers(catalog: AssessmentCatalog) -> tuple[str, ...]:
    """The drivers 'what it takes' combines: the US enablers, in catalog order."""
    return tuple(d.key for d in catalog.drivers.values() if d.group is DriverGroup.US_ENABLER)


def _known(
    items: Mapping[str, T],
    key: str,
    what: str,
    error: type[InvalidInputError] | type[NotFoundError],
) -> T:
    if key in items:
        return items[key]
    raise error(_unknown(key, items, what))


def _unknown(key: str, known: Iterable[str], what: str) -> str:
    names = list(known)
    return f"No {what} {key!r}{did_you_mean(key, names)}. Use one of: {', '.join(names)}."
