"""The brief's "How likely" section: P(met) per requirement profile at both fixpoints, the
distribution of the active force (percentiles, and the chance that it reaches each
requirement's total: the P(force >= x) chart read at the points that matter), and the
pivotal contributors for the selected requirement.

    section = probability_section(report, requirements={"kyiv_40k": ("Kyiv's ...", 40000)})
    brief_document(assessment, today=..., extra=(section,))
"""

from __future__ import annotations

from collections.abc import Mapping

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.probability_report import ProbabilityReport
from forcegen.reports.brief_document import Block, BriefSection, Grid, Paragraph, Text
from forcegen.reports.probability_tables import FIXPOINT_NAMES

TOP_PIVOTAL = 5
_ORDER = (Fixpoint.GREATEST, Fixpoint.LEAST)


def probability_section(
    report: ProbabilityReport, *, requirements: Mapping[str, tuple[str, int]]
) -> BriefSection:
    """The section for `report`; `requirements` maps each profile to (name, total personnel)."""
    blocks: list[Block] = [
        Paragraph((Text(_how(report)),)),
        _met_grid(report, requirements),
        _force_grid(report, requirements),
        Paragraph((Text(_pivotal(report)),)),
    ]
    return BriefSection("How likely", tuple(blocks))


def _how(report: ProbabilityReport) -> str:
    likelihood = report.likelihood
    if likelihood.samples:
        method = (
            f"Estimated by Monte Carlo from {likelihood.samples:,} samples (seed "
            f"{likelihood.seed}), each pledge honoured with the probability its level has in "
            "the honouring ladder (a planning assumption); ± is one standard error."
        )
    else:
        method = "Exact, over every combination of the uncertain drivers."
    drivers = ", ".join(f"{d} {p:.0%}" for d, p in report.probabilities.items())
    joint = ", ".join(group.key for group in report.joint)
    if not drivers and not joint:
        return (
            f"{method} No driver is uncertain: give drivers probabilities in the scenario "
            "file or with --probability DRIVER=P."
        )
    parts = [f"Uncertain drivers: {drivers}." if drivers else ""]
    parts.append(f"Drivers that move together (joint scenarios): {joint}." if joint else "")
    return " ".join([method, *filter(None, parts)])


def _met_grid(report: ProbabilityReport, requirements: Mapping[str, tuple[str, int]]) -> Grid:
    errors = report.standard_errors()
    likelihood = report.likelihood
    rows = tuple(
        (
            requirements.get(profile, (profile, 0))[0],
            *(f"{likelihood.at(f).met[profile]:.1%}" for f in _ORDER),
            *((f"± {errors[profile]:.1%}",) if errors is not None else ()),
        )
        for profile in likelihood.at(Fixpoint.GREATEST).met
    )
    columns = (
        "Chance that the requirement is met",
        *(FIXPOINT_NAMES[f] for f in _ORDER),
        *(("± se",) if errors is not None else ()),
    )
    return Grid(columns, rows, tuple(() for _ in rows), (False, *(True for _ in columns[1:])))


def _force_grid(report: ProbabilityReport, requirements: Mapping[str, tuple[str, int]]) -> Grid:
    totals = sorted({total for _, total in requirements.values()})
    quantiles = tuple(report.likelihood.at(Fixpoint.GREATEST).force.quantiles)
    rows = []
    for fixpoint in _ORDER:
        force = report.likelihood.at(fixpoint).force
        rows.append(
            (
                FIXPOINT_NAMES[fixpoint],
                *(f"{x:,}" for x in force.quantiles.values()),
                *(f"{force.at_least(total):.0%}" for total in totals),
            )
        )
    columns = (
        "Active force (personnel)",
        *(f"{q:.0%} percentile" for q in quantiles),
        *(f"P(≥ {total:,})" for total in totals),
    )
    return Grid(
        columns, tuple(rows), tuple(() for _ in rows), (False, *(True for _ in columns[1:]))
    )


def _pivotal(report: ProbabilityReport) -> str:
    power = report.pivotal
    ranked = sorted(
        zip(power.players, power.shapley, power.banzhaf, strict=True),
        key=lambda row: (-row[1], row[0]),
    )
    top = [f"{p} {s:.2f} (Banzhaf {b:.2f})" for p, s, b in ranked[:TOP_PIVOTAL] if s or b]
    target = report.requirement + (f", line {report.pivotal_line}" if report.pivotal_line else "")
    how = "exact" if power.is_exact else f"sampled from {power.samples:,} orders"
    if not top:
        return (
            f"Pivotal contributors for {target}: none under the scenario, as all contributors "
            "together fall short of it."
        )
    return (
        f"Pivotal contributors for {target} (Shapley-Shubik power in the game 'does this "
        f"coalition meet it?' under the scenario, {how}): {', '.join(top)}."
    )
