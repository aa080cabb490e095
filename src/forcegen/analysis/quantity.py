"""What an assessment measures about a force, and when a requirement counts as met.

Every total in the analysis is a sum over active pledges of one `Quantity`, such as the
personnel offered in `land.combat` or the platforms employable on the `air_defence` line, so
the single-scenario assessment, the reference implementation and the fast kernel all add up
exactly the same numbers.

Only troop and enabler pledges are force: equipment, funding, sanctions measures and response
commitments never count towards personnel or platforms. An enabler pledge's personnel (crews
of air defence batteries, for example) counts like troops, because those people deploy too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from forcegen.model.amount import Count
from forcegen.model.pledge import Pledge, PledgeKind
from forcegen.model.requirement import Requirement, RequirementLine

FORCE_KINDS = frozenset({PledgeKind.TROOPS, PledgeKind.ENABLER})


class Measure(StrEnum):
    TOTAL_PERSONNEL = "total_personnel"  # all force personnel, any capability
    PERSONNEL = "personnel"  # personnel offered in one capability
    PLATFORMS = "platforms"  # platforms offered in one capability
    EMPLOYABLE_PERSONNEL = "employable_personnel"  # personnel usable on one requirement line
    EMPLOYABLE_PLATFORMS = "employable_platforms"  # platforms usable on one requirement line


_COUNTS_PLATFORMS = frozenset({Measure.PLATFORMS, Measure.EMPLOYABLE_PLATFORMS})


@dataclass(frozen=True, slots=True)
class Quantity:
    """One summable measure: `key` is the capability, the requirement line key, or ''."""

    measure: Measure
    key: str = ""
    capability: str | None = None
    excluded_caveats: frozenset[str] = frozenset()

    @property
    def counts_platforms(self) -> bool:
        """Whether this quantity adds up platforms (else personnel)."""
        return self.measure in _COUNTS_PLATFORMS

    def of(self, pledge: Pledge) -> int:
        """What `pledge` adds to this quantity when it is active."""
        amount = self.amount_of(pledge)
        return 0 if amount is None else amount.figure

    def amount_of(self, pledge: Pledge) -> Count | None:
        """The amount of `pledge` this quantity adds up (its personnel or its platforms), or
        None when it adds nothing of this pledge."""
        if pledge.kind not in FORCE_KINDS:
            return None
        if self.capability is not None and pledge.capability != self.capability:
            return None
        if self.excluded_caveats & pledge.caveats:
            return None
        return pledge.platforms if self.counts_platforms else pledge.personnel


TOTAL_PERSONNEL = Quantity(Measure.TOTAL_PERSONNEL)


def offered(measure: Measure, capability: str) -> Quantity:
    """The personnel or platforms offered in `capability`, whatever their caveats."""
    return Quantity(measure, capability, capability)


def capabilities_of(pledges: Iterable[Pledge], requirement: Requirement) -> tuple[str, ...]:
    """The capabilities of the force pledges and of the requirement lines, sorted."""
    found = {p.capability for p in pledges if p.kind in FORCE_KINDS and p.capability}
    found.update(line.capability for line in requirement.lines)
    return tuple(sorted(found))


def quantities_for(requirement: Requirement, capabilities: Iterable[str]) -> tuple[Quantity, ...]:
    """Everything coverage reports: the total, each capability offered, each line employable."""
    result = [TOTAL_PERSONNEL]
    for capability in capabilities:
        result += [offered(Measure.PERSONNEL, capability), offered(Measure.PLATFORMS, capability)]
    for line in requirement.lines:
        result += line_quantities(line)
    return tuple(result)


class MetCriterion(StrEnum):
    """When the requirement counts as met."""

    TOTAL_ONLY = "total_only"  # total personnel reaches the requirement's total
    ALL_LINES = "all_lines"  # ...and every line's employable personnel and platforms too


def line_quantities(line: RequirementLine) -> tuple[Quantity, Quantity]:
    """The employable personnel and platforms of one requirement line."""
    return (
        Quantity(Measure.EMPLOYABLE_PERSONNEL, line.key, line.capability, line.excluded_caveats),
        Quantity(Measure.EMPLOYABLE_PLATFORMS, line.key, line.capability, line.excluded_caveats),
    )


def met_tests(
    requirement: Requirement, criterion: MetCriterion
) -> tuple[tuple[Quantity, int], ...]:
    """The (quantity, minimum) pairs that must all hold for the requirement to be met."""
    tests = [(TOTAL_PERSONNEL, requirement.total_personnel)]
    if criterion is MetCriterion.ALL_LINES:
        for line in requirement.lines:
            personnel, platforms = line_quantities(line)
            tests += [(personnel, line.personnel), (platforms, line.platforms)]
    return tuple((quantity, minimum) for quantity, minimum in tests if minimum > 0)


def is_met(
    totals: Mapping[Quantity, int], requirement: Requirement, criterion: MetCriterion
) -> bool:
    """Whether `totals` (which must hold every tested quantity) meet the requirement."""
    return all(totals[q] >= minimum for q, minimum in met_tests(requirement, criterion))
