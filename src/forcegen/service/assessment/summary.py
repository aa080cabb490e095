"""The plain-language summary at the top of an assessment: a few sentences a coordinator can
read aloud, each built only from figures the assessment itself shows.

    Under the scenario "US offer as reported in August 2025", the active force is 300 of the
    40,000 personnel required (1%): 39,700 short.
    Even if every condition held, the pledges add up to 14,000, 26,000 short of the
    requirement.
    With no US support the pledged force reaches 300 of 40,000 (...); no combination of the
    US enablers closes the gap (all of them together reach 300).
    What the pledges ask of the United States: US backstop (FRA/troops/1, GBR/troops/1).
    Held back by their conditions: GBR 7,500 (GBR/troops/1) waits for ...
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from forcegen.analysis import Coverage, CoverageAssessment, Fixpoint, Total, WhatItTakes
from forcegen.analysis.assessment import BlockedPledge

MAX_LISTED = 4
MAX_NAMED = 8
US_PREFIX = "us."

Namer = Callable[[str], str]


def summarise(
    *,
    scenario_name: str,
    overrides: Mapping[str, bool],
    coverage: CoverageAssessment,
    fixpoint: Fixpoint,
    pledged: Total,
    what_it_takes: WhatItTakes,
    driver_pledges: Mapping[str, Sequence[str]],
    blocked: Sequence[BlockedPledge],
    driver_names: Mapping[str, str],
    not_answered: Sequence[str] = (),
) -> tuple[str, ...]:
    """The summary sentences, most important first."""

    def named(driver: str) -> str:
        return driver_names.get(driver, driver)

    chosen = coverage.greatest if fixpoint is Fixpoint.GREATEST else coverage.least
    sentences = [_force(scenario_name, overrides, chosen, named)]
    gap = coverage.gap.total.personnel
    if gap:
        sentences.append(
            f"{gap:,} of the force exists only if governments commit together (the "
            f"coordination gap): if nobody moves first, it is {coverage.least.total.personnel:,}."
        )
    if pledged.personnel > chosen.total.personnel:
        short = chosen.required_personnel - pledged.personnel
        tail = f", {short:,} short of the requirement" if short > 0 else ""
        sentences.append(
            f"Even if every condition held, the pledges add up to {pledged.personnel:,}{tail}."
        )
    sentences.append(what_it_takes.summary)
    sentences += _leverage(what_it_takes, named)
    sentences += _asked_of_us(driver_pledges, named)
    if blocked:
        held = "; ".join(_blocked(b, named) for b in blocked[:MAX_LISTED])
        sentences.append(f"Held back by their conditions: {held}.")
    if not_answered:
        more = "…" if len(not_answered) > MAX_NAMED else ""
        sentences.append(
            f"Invited but without submitted answers ({len(not_answered)}): "
            f"{', '.join(not_answered[:MAX_NAMED])}{more}."
        )
    return tuple(sentence for sentence in sentences if sentence)


def _force(
    scenario_name: str, overrides: Mapping[str, bool], chosen: Coverage, named: Namer
) -> str:
    personnel, required = chosen.total.personnel, chosen.required_personnel
    changed = ", ".join(f"{named(d)} {'on' if v else 'off'}" for d, v in sorted(overrides.items()))
    setting = f'the scenario "{scenario_name}"' + (f" with {changed}" if changed else "")
    short = max(required - personnel, 0)
    share = min(personnel / required, 1.0) if required else 1.0
    met = "the requirement's total is met" if short == 0 else f"{short:,} short"
    return (
        f"Under {setting}, the active force is {personnel:,} of the {required:,} personnel "
        f"required ({share:.0%}): {met}."
    )


def _leverage(found: WhatItTakes, named: Namer) -> list[str]:
    useful = [lever for lever in found.leverage if lever.personnel > 0]
    if not useful:
        return []
    top = useful[0]
    return [
        f"{named(top.driver)} unlocks the most force: {top.personnel:,.0f} personnel on "
        "average over the other combinations."
    ]


def _asked_of_us(driver_pledges: Mapping[str, Sequence[str]], named: Namer) -> list[str]:
    asked = [
        f"{named(driver)} ({', '.join(ids)})"
        for driver, ids in driver_pledges.items()
        if driver.startswith(US_PREFIX) and ids
    ]
    if not asked:
        return ["No pledge makes its condition depend on US support."]
    return [f"What the pledges ask of the United States: {'; '.join(asked)}."]


def _blocked(pledge: BlockedPledge, named: Namer) -> str:
    waits = ", ".join(named(w) for w in pledge.waits_for) or "its condition"
    return f"{pledge.contributor} {pledge.personnel:,} ({pledge.pledge_id}) waits for {waits}"
