"""How likely, as tables and a chart: P(met) per profile and line, the force distribution,
the pivotal contributors, and the chart of P(force >= x) at both fixpoints.

The same tables go to every format (terminal, Markdown, JSON, files), after the assessment's
own; the JSON document also carries the `probability` object (`ProbabilityReport.as_json`).
"""

from __future__ import annotations

from collections.abc import Mapping

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.probability_report import ProbabilityReport
from forcegen.reports.chart_style import COLORS, Chart, base_layout
from forcegen.reports.table import Cell, Table, table

FIXPOINT_COLORS = {Fixpoint.GREATEST: COLORS["force"], Fixpoint.LEAST: COLORS["offered"]}
FIXPOINT_NAMES = {
    Fixpoint.GREATEST: "if all move together",
    Fixpoint.LEAST: "if nobody moves first",
}


def probability_tables(report: ProbabilityReport) -> tuple[Table, ...]:
    return (met_table(report), force_distribution_table(report), pivotal_table(report))


def met_table(report: ProbabilityReport) -> Table:
    likelihood = report.likelihood
    least, greatest = likelihood.at(Fixpoint.LEAST), likelihood.at(Fixpoint.GREATEST)
    errors = report.standard_errors() or {}
    rows: list[tuple[Cell, ...]] = []
    for profile in greatest.met:
        rows.append((profile, "", least.met[profile], greatest.met[profile], errors.get(profile)))
        for line in greatest.lines[profile]:
            rows.append(
                (profile, line, least.lines[profile][line], greatest.lines[profile][line], None)
            )
    drivers = ", ".join(f"{d}={p:g}" for d, p in report.probabilities.items()) or "none"
    how = (
        f"Monte Carlo, {likelihood.samples:,} samples (seed {likelihood.seed})"
        if likelihood.samples
        else "Exact, over every combination of the uncertain drivers"
    )
    honouring = "; pledges honoured as the honouring ladder says" if likelihood.is_honouring else ""
    return table(
        "probability",
        "How likely each requirement is met",
        ("profile", "line", "p_met_least", "p_met_greatest", "standard_error"),
        rows,
        f"{how}{honouring}. Uncertain drivers: {drivers}"
        + (f"; joint: {', '.join(g.key for g in report.joint)}" if report.joint else "")
        + ". A line row: its employable personnel and platforms both reach the line.",
    )


def force_distribution_table(report: ProbabilityReport) -> Table:
    rows = []
    for fixpoint in Fixpoint:
        force = report.likelihood.at(fixpoint).force
        quantiles = force.quantiles
        rows.append((fixpoint.value, round(force.mean), *quantiles.values()))
    return table(
        "force_distribution",
        "The active force, as a distribution",
        ("fixpoint", "mean", "p5", "p25", "median", "p75", "p95"),
        rows,
        "Personnel: the force is at most the p5 figure with 5% chance, and so on.",
    )


def pivotal_table(report: ProbabilityReport) -> Table:
    power = report.pivotal
    errors = power.shapley_error or (None,) * len(power.players)
    rows = sorted(
        zip(power.players, power.shapley, power.banzhaf, errors, strict=True),
        key=lambda row: (-row[1], row[0]),
    )
    target = report.requirement + (f", line {report.pivotal_line}" if report.pivotal_line else "")
    how = (
        "exact (a weighted game)"
        if power.is_exact
        else f"sampled ({power.samples:,} orders and coalitions; ± holds for all with 95%)"
    )
    return table(
        "pivotal",
        "Pivotal contributors",
        ("contributor", "shapley", "banzhaf", "shapley_plus_minus"),
        rows,
        f"Power in the game 'does this coalition meet {target}?' under the scenario: {how}.",
    )


def probability_chart(report: ProbabilityReport, required: Mapping[str, int]) -> Chart:
    """P(force >= x) at both fixpoints, with a line at each requirement's total."""
    traces = []
    for fixpoint in (Fixpoint.GREATEST, Fixpoint.LEAST):
        force = report.likelihood.at(fixpoint).force
        # P(force >= x) holds from the previous point up to x ("vh"), and is 0 past the largest
        curve = (*force.curve(), (force.largest + 1, 0.0))
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "line": {"shape": "vh", "color": FIXPOINT_COLORS[fixpoint], "width": 2},
                "name": FIXPOINT_NAMES[fixpoint],
                "x": [x for x, _ in curve],
                "y": [p for _, p in curve],
                "hovertemplate": "P(force ≥ %{x:,}) = %{y:.1%}<extra>%{fullData.name}</extra>",
            }
        )
    shapes = [
        {
            "type": "line",
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "x0": total,
            "x1": total,
            "line": {"color": COLORS["required"], "dash": "dash", "width": 1},
        }
        for total in required.values()
    ]
    layout = base_layout(
        "Chance that the force reaches each size",
        shapes=shapes,
        xaxis={"title": {"text": "personnel"}, "separatethousands": True, "rangemode": "tozero"},
        yaxis={"title": {"text": "probability"}, "range": [0, 1.02], "tickformat": ".0%"},
    )
    return Chart("probability", "How likely", {"data": traces, "layout": layout}, ())
