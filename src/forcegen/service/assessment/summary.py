"""The plain-language summary at the top of an assessment: a few sentences a coordinator can
read aloud, each built only from figures the assessment itself shows.

    Under the scenario "US offer as reported in August 2025", the active force is 350–7,850
    of the 40,000 personnel required (0.88–20%): 32,150–39,650 short.
    2 active pledges from 2 contributors have no number (BEL, DEU): they are not counted.
    Even if every condition held, the pledges add up to 6,350–13,850, 26,150–33,650 short of
    the requirement.
    With no US support the pledged force reaches ... of 40,000; no combination of the US
    enablers closes the gap (all of them together reach 6,350–13,850).
    What the pledges ask of the United States: US backstop (FRA/troops/1, GBR/troops/1).
    Held back by their conditions: GBR up to 7,500 (GBR/troops/1) waits for ...

Every figure is a range wherever a pledge states a range or a bound, and never a bound as a
point: "up to 7,500" counts 0 at the low end and 7,500 at the high end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from forcegen.analysis import Coverage, CoverageAssessment, Fixpoint, Total, WhatItTakes
from forcegen.analysis.assessment import BlockedPledge
from forcegen.analysis.coverage import share, shortfall
from forcegen.model.amount import Money
from forcegen.model.number import percent

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
    what_it_takes_low: WhatItTakes,
    driver_pledges: Mapping[str, Sequence[str]],
    blocked: Sequence[BlockedPledge],
    driver_names: Mapping[str, str],
    contributors: Mapping[str, str],
    not_answered: Sequence[str] = (),
    imputed: str = "",
) -> tuple[str, ...]:
    """The summary sentences, most important first."""

    def named(driver: str) -> str:
        return driver_names.get(driver, driver)

    chosen = coverage.greatest if fixpoint is Fixpoint.GREATEST else coverage.least
    sentences = [
        _force(scenario_name, overrides, chosen, named),
        _unquantified(chosen.total, contributors),
        imputed,
    ]
    gap = coverage.gap.total.personnel
    if gap.high:
        sentences.append(
            f"The coordination gap: {gap.text} of the force exists only if governments "
            f"commit together; if nobody moves first, it is "
            f"{coverage.least.total.personnel.text}."
        )
    if (pledged.personnel.high or 0) > (chosen.total.personnel.high or 0):
        short = shortfall(chosen.required_personnel, pledged.personnel)
        tail = f", {short.text} short of the requirement" if short.high else ""
        sentences.append(
            f"Even if every condition held, the pledges add up to {pledged.personnel.text}{tail}."
        )
    sentences.append(what_it_takes.summary)
    if what_it_takes_low.minimal_sets != what_it_takes.minimal_sets:
        sentences.append(f"At the low end of every stated number: {what_it_takes_low.summary}")
    sentences += _leverage(what_it_takes, what_it_takes_low, named)
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


def share_text(share_met: Money) -> str:
    """A share, or a range of shares, with honest precision ("0.75%", "16–35%")."""
    low, high = share_met.low or 0.0, share_met.high if share_met.high is not None else 1.0
    if low == high:
        return percent(low)
    return f"{percent(low).rstrip('%')}–{percent(high)}"


def _force(
    scenario_name: str, overrides: Mapping[str, bool], chosen: Coverage, named: Namer
) -> str:
    personnel, required = chosen.total.personnel, chosen.required_personnel
    changed = ", ".join(f"{named(d)} {'on' if v else 'off'}" for d, v in sorted(overrides.items()))
    setting = f'the scenario "{scenario_name}"' + (f" with {changed}" if changed else "")
    short = chosen.shortfall_personnel
    met = "the requirement's total is met" if not short.high else f"{short.text} short"
    if short.low == 0 and short.high:
        met = f"{short.text} short (met only at the high end of the stated numbers)"
    return (
        f"Under {setting}, the active force is {personnel.text} of the {required:,} personnel "
        f"required ({share_text(share(personnel, required))}): {met}."
    )


def _unquantified(total: Total, contributors: Mapping[str, str]) -> str:
    missing = sorted(set(total.unquantified) | set(total.unquantified_platforms))
    if not missing:
        return ""
    who = sorted({contributors.get(i, i) for i in missing})
    pledges = "pledge states" if len(missing) == 1 else "pledges state"
    return (
        f"{len(missing)} active {pledges} no number, from {len(who)} "
        f"contributor{'' if len(who) == 1 else 's'} ({', '.join(who)}): unquantified, not "
        "counted in these figures (never as zero)."
    )


def _leverage(found: WhatItTakes, found_low: WhatItTakes, named: Namer) -> list[str]:
    useful = [lever for lever in found.leverage if lever.personnel > 0]
    if not useful:
        return []
    top = useful[0]
    low = next((lever.personnel for lever in found_low.leverage if lever.driver == top.driver), 0.0)
    amount = (
        f"{top.personnel:,.0f}"
        if round(low) == round(top.personnel)
        else (f"{min(low, top.personnel):,.0f}–{max(low, top.personnel):,.0f}")
    )
    return [
        f"{named(top.driver)} unlocks the most force: {amount} personnel on "
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
    return f"{pledge.contributor} {pledge.personnel.text} ({pledge.pledge_id}) waits for {waits}"
