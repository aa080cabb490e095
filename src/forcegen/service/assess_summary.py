"""The plain-language summary at the top of an assessment: a few sentences a coordinator can
read aloud, each built only from figures the assessment itself shows.

    Under the scenario "US offer as reported in August 2025", the active force is 300 of the
    40,000 personnel required (1%): 39,700 short. Even if every condition held, the pledges
    add up to 14,000, 26,000 short of the requirement. No combination of the US enablers
    meets the requirement: with none of them the force is 300, with all of them 300. ...
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from forcegen.service.assess_result import (
    Activation,
    BlockedPledge,
    CoverageLine,
    ForceTotal,
    WhatItTakes,
)

MAX_LISTED = 4
MAX_NAMED = 8

Namer = Callable[[str], str]


def summarise(
    *,
    scenario_name: str,
    overrides: Mapping[str, bool],
    total: ForceTotal,
    activation: Activation,
    coverage: Sequence[CoverageLine],
    what_it_takes: WhatItTakes,
    blocked: Sequence[BlockedPledge],
    driver_names: Mapping[str, str],
    not_answered: Sequence[str] = (),
) -> tuple[str, ...]:
    """The summary sentences, most important first."""

    def named(driver: str) -> str:
        return driver_names.get(driver, driver)

    sentences = [_force(scenario_name, overrides, total, named)]
    if activation.gap_personnel:
        sentences.append(
            f"{activation.gap_personnel:,} of that force exists only if governments commit "
            f"together (the coordination gap): if nobody moves first, it is "
            f"{activation.least_personnel:,}."
        )
    if total.pledged_personnel > total.personnel:
        short = total.required - total.pledged_personnel
        tail = f", {short:,} short of the requirement" if short > 0 else ""
        sentences.append(
            f"Even if every condition held, the pledges add up to {total.pledged_personnel:,}"
            f"{tail}."
        )
    sentences += _packages(what_it_takes, named)
    if blocked:
        held = "; ".join(_blocked(b, named) for b in blocked[:MAX_LISTED])
        sentences.append(f"Held back by their conditions: {held}.")
    sentences += _shortfalls(coverage)
    if not_answered:
        more = "…" if len(not_answered) > MAX_NAMED else ""
        sentences.append(
            f"{len(not_answered)} invited participant(s) have not submitted answers: "
            f"{', '.join(not_answered[:MAX_NAMED])}{more}."
        )
    return tuple(sentences)


def _force(
    scenario_name: str, overrides: Mapping[str, bool], total: ForceTotal, named: Namer
) -> str:
    changed = ", ".join(f"{named(d)} {'on' if v else 'off'}" for d, v in sorted(overrides.items()))
    setting = f'the scenario "{scenario_name}"' + (f" with {changed}" if changed else "")
    met = "the requirement is met" if total.gap == 0 else f"{total.gap:,} short"
    return (
        f"Under {setting}, the active force is {total.personnel:,} of the "
        f"{total.required:,} personnel required ({total.share_met:.0%}): {met}."
    )


def _packages(what: WhatItTakes, named: Namer) -> list[str]:
    span = (
        f"with none of them the force is {what.none_personnel:,}, "
        f"with all of them {what.all_personnel:,}"
    )
    if not what.packages:
        sentences = [f"No combination of the US enablers meets the requirement: {span}."]
    else:
        first = what.packages[0]
        sentences = [
            f"The smallest US package that meets the requirement is "
            f"{_package(first.drivers, named)} ({first.personnel:,} personnel); {span}."
        ]
        if len(what.packages) > 1:
            others = "; ".join(_package(p.drivers, named) for p in what.packages[1:MAX_LISTED])
            sentences.append(f"Other minimal packages: {others}.")
        if what.pivotal:
            sentences.append(f"Without {' or '.join(what.pivotal)}, no package suffices.")
    useful = [lever for lever in what.leverage if lever.personnel > 0]
    if useful:
        top = useful[0]
        sentences.append(
            f"{named(top.driver)} unlocks the most force: {top.personnel:,.0f} personnel on "
            "average over the other enablers."
        )
    return sentences


def _package(drivers: Sequence[str], named: Namer) -> str:
    return " + ".join(named(d) for d in drivers) if drivers else "no US support at all"


def _blocked(pledge: BlockedPledge, named: Namer) -> str:
    waits = ", ".join(named(w) for w in pledge.waits_for) or "its condition"
    return f"{pledge.contributor} {pledge.personnel:,} ({pledge.pledge_id}) waits for {waits}"


def _shortfalls(coverage: Sequence[CoverageLine]) -> list[str]:
    short = sorted(
        (line for line in coverage if line.shortfall_personnel or line.shortfall_platforms),
        key=lambda line: (-line.shortfall_personnel, -line.shortfall_platforms),
    )
    if not short:
        return []
    listed = ", ".join(_shortfall(line) for line in short[:MAX_LISTED])
    more = f" and {len(short) - MAX_LISTED} more" if len(short) > MAX_LISTED else ""
    return [f"Largest shortfalls by line: {listed}{more}."]


def _shortfall(line: CoverageLine) -> str:
    parts = []
    if line.shortfall_personnel:
        parts.append(f"{line.shortfall_personnel:,} personnel")
    if line.shortfall_platforms:
        parts.append(f"{line.shortfall_platforms:,} platforms")
    return f"{line.label} ({' and '.join(parts)})"
