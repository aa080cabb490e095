"""The force tables of an assessment: what was assessed, the summary, the named scenarios,
activation, coverage, sustainment, what it takes from the US, held-back pledges, burden.

Every row that shows a figure has a `pledge_ids` column naming the pledges behind it; the
`pledges` and `sources` tables (`record_tables`) resolve those ids to their sources.
"""

from __future__ import annotations

from forcegen.analysis.assessment import Assessment
from forcegen.reports.table import RawCell, Table, field_rows, table


def about_table(a: Assessment) -> Table:
    overrides = ", ".join(f"{d}={'true' if v else 'false'}" for d, v in sorted(a.overrides.items()))
    rows: list[tuple[RawCell, RawCell]] = [
        ("data", a.title),
        ("origin", a.origin.value),
        ("round_id", a.round_id or ""),
        ("illustrative", a.is_illustrative),
        ("requirement", f"{a.requirement.key}: {a.requirement.name}"),
        ("requirement_source", a.requirement.source),
        ("scenario", f"{a.scenario.key}: {a.scenario.name}"),
        ("overrides", overrides),
        ("unset", ", ".join(d for d in a.scenario.unset if d not in a.overrides)),
        ("level_floor", a.level_floor.value),
        ("fixpoint", a.fixpoint.value),
        ("rotation_ratio", a.requirement.rotation_ratio),
        ("tour_months", a.requirement.tour_months),
        ("fair_share_basis", a.burden.fair_share_basis.value),
        ("duration_months", a.requirement.duration_months),
    ]
    if a.is_illustrative:
        rows.append(("note", "Illustrative: answers derived from public reporting, not official."))
    return table("about", "What was assessed", ("item", "value"), rows)


def summary_table(a: Assessment) -> Table:
    return table("summary", "Summary", ("sentence",), [(s,) for s in a.summary])


def scenarios_table(a: Assessment) -> Table:
    """One row per scenario: its force at the chosen fixpoint (and at both fixpoints), and
    the gap to each requirement profile (0 when met)."""
    keys = [check.key for check in a.scenarios[0].checks] if a.scenarios else []
    rows: list[tuple[RawCell, ...]] = [
        (
            force.key,
            force.name,
            force.total.personnel,
            *(check.gap for check in force.checks),
            force.least_personnel,
            force.greatest_personnel,
            force.total.pledge_ids,
        )
        for force in a.scenarios
    ]
    columns = (
        "scenario",
        "scenario_name",
        "personnel",
        *(f"gap_{key}" for key in keys),
        "least_personnel",
        "greatest_personnel",
        "pledge_ids",
    )
    description = "Force in the selected and each named scenario; gap to each profile's total."
    return table("scenarios", "Force against requirement, by scenario", columns, rows, description)


def activation_table(a: Assessment) -> Table:
    cov = a.coverage
    rows = [
        ("least", "if nobody moves first", cov.least.total.personnel, cov.least.total.pledge_ids),
        (
            "greatest",
            "if all move together",
            cov.greatest.total.personnel,
            cov.greatest.total.pledge_ids,
        ),
        (
            "coordination_gap",
            "only with joint commitment",
            cov.gap.total.personnel,
            cov.gap.total.pledge_ids,
        ),
        ("pledged", "if every condition held", a.pledged.personnel, a.pledged.pledge_ids),
    ]
    columns = ("fixpoint", "meaning", "personnel", "pledge_ids")
    return table("activation", "Activation and the coordination gap", columns, rows)


def coverage_table(a: Assessment) -> Table:
    chosen = a.chosen
    total = chosen.total
    rows: list[tuple[RawCell, ...]] = [
        (
            "total",
            "All force",
            "",
            chosen.required_personnel,
            total.personnel,
            total.personnel,
            chosen.shortfall_personnel,
            0,
            total.platforms,
            total.platforms,
            0,
            chosen.share_met,
            (),
            total.pledge_ids,
            total.pledge_ids,
        )
    ]
    for line in chosen.lines:
        rows.append(
            (
                line.key,
                line.label,
                line.capability,
                line.required_personnel,
                line.offered.personnel,
                line.employable.personnel,
                line.shortfall_personnel,
                line.required_platforms,
                line.offered.platforms,
                line.employable.platforms,
                line.shortfall_platforms,
                line.share_met,
                tuple(sorted(_excluded(a, line.key))),
                line.offered.pledge_ids,
                line.employable.pledge_ids,
            )
        )
    columns = (
        "line",
        "label",
        "capability",
        "required_personnel",
        "offered_personnel",
        "employable_personnel",
        "shortfall_personnel",
        "required_platforms",
        "offered_platforms",
        "employable_platforms",
        "shortfall_platforms",
        "share_met",
        "excluded_caveats",
        "offered_pledge_ids",
        "employable_pledge_ids",
    )
    description = "Offered counts every contribution in the capability; employable leaves out "
    description += "those whose caveats the line excludes."
    return table("coverage", "Coverage by requirement line", columns, rows, description)


def _excluded(a: Assessment, line_key: str) -> frozenset[str]:
    line = next((line for line in a.requirement.lines if line.key == line_key), None)
    return line.excluded_caveats if line is not None else frozenset()


def sustainment_table(a: Assessment) -> Table:
    s = a.sustainment
    rows = [
        (
            m.month,
            m.total.personnel,
            a.requirement.total_personnel,
            m.shortfall_personnel,
            m.total.pledge_ids,
        )
        for m in s.months
    ]
    columns = ("month", "personnel", "required", "gap", "pledge_ids")
    description = (
        f"Deployed personnel per month; with rotation ratio {s.rotation_ratio:g} the "
        f"contributors need a pool of {s.pool_personnel.text} (the requirement: "
        f"{s.required_pool_personnel:,}); a pledge held longer than a {s.tour_months}-month "
        "tour needs one too."
    )
    return table("sustainment", "Force over time", columns, rows, description)


def packages_table(a: Assessment) -> Table:
    rows = [
        (rank, package.drivers, package.total.personnel, package.total.pledge_ids)
        for rank, package in enumerate(a.packages, start=1)
    ]
    found = a.what_it_takes
    description = (
        f"Minimal sets of {', '.join(found.drivers)} under which the requirement is met "
        f"({found.criterion.value}), at the high end of every stated number; none on: "
        f"{found.baseline.personnel.text}, all on: {found.everything.personnel.text}; "
        f"{found.met_combinations} of {found.combinations} combinations meet it (at the low "
        f"end: {a.what_it_takes_low.met_combinations})."
    )
    if found.pivotal_contributors:
        description += f" Without {', '.join(found.pivotal_contributors)} no package suffices."
    columns = ("rank", "drivers", "personnel", "pledge_ids")
    return table("packages", "Minimal US packages", columns, rows, description)


def leverage_table(a: Assessment) -> Table:
    rows = [
        (lever.driver, lever.personnel, a.driver_pledges.get(lever.driver, ()))
        for lever in a.what_it_takes.leverage
    ]
    columns = ("driver", "personnel", "pledge_ids")
    description = "Force a driver unlocks, averaged over every setting of the other US enablers;"
    description += " pledge_ids are the pledges whose condition names it."
    return table("leverage", "Leverage of each US enabler", columns, rows, description)


def blocked_table(a: Assessment) -> Table:
    columns = ("pledge_id", "contributor", "personnel", "waits_for", "condition")
    rows = field_rows(a.blocked, columns)
    return table("held_back", "Pledges held back by their conditions", columns, rows)


def burden_table(a: Assessment) -> Table:
    rows = [
        (
            r.contributor,
            r.personnel,
            r.personnel_per_gdp_bn,
            r.personnel_per_million,
            r.personnel_per_thousand_active,
            None if r.fair_share_personnel is None else round(r.fair_share_personnel),
            r.ratio_to_fair_share,
            None if r.figures_year is None else str(r.figures_year),  # a year, not 2,024
            "; ".join(f"{k}: {v}" for k, v in sorted(r.figure_sources.items())),
            r.pledge_ids,
        )
        for r in sorted(
            a.burden.contributors, key=lambda r: (-(r.personnel.high or 0), r.contributor)
        )
    ]
    columns = (
        "contributor",
        "personnel",
        "personnel_per_gdp_usd_bn",
        "personnel_per_million_people",
        "personnel_per_thousand_active",
        "fair_share",
        "ratio_to_fair_share",
        "figures_year",
        "figures_source",
        "pledge_ids",
    )
    without = ", ".join(a.burden.without_figures) or "none"
    basis = a.burden.fair_share_basis
    description = (
        f"Fair share: the requirement's total split by GDP among {basis.label} "
        f"(basis {basis.value}: {', '.join(a.burden.basis) or 'nobody'}). Without reference "
        f"figures: {without}."
    )
    return table("burden", "Burden sharing", columns, rows, description)
