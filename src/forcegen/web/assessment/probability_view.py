"""The dashboard's probability panel: a slider per driver, P(met) for every requirement profile
at both fixpoints, the chance that the force reaches each size, and the pivotal contributors.

A slider is the chance, in percent, that its driver holds. Strictly between 0 and 100 the
driver is uncertain (independent of the others); at 0 or 100 it is off or on for the panel.
Sliders start where the selection puts their driver: its probability in the scenario file, or
0 / 100 as the scenario and the toggles set it. Drivers of a joint scenario (drivers that move
together) keep the scenario file's joint odds and get no slider of their own. The panel is a
GET form of its own (`p.DRIVER=PERCENT`, plus the dashboard's controls as hidden fields), so it
works without JavaScript; with HTMX, moving a slider fetches the dashboard and swaps in only
the panel (the query side: probability_query). The figures come from
`service.assessment.probability`, as in `forcegen assess`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from forcegen.analysis.fixpoint import Fixpoint
from forcegen.analysis.probability_report import ProbabilityReport
from forcegen.catalog import Catalog
from forcegen.model.errors import InvalidInputError
from forcegen.reports.probability_tables import FIXPOINT_NAMES, probability_chart
from forcegen.service.assessment.pledge_set import PledgeSet
from forcegen.service.assessment.probability import ProbabilityOptions, assess_probability
from forcegen.service.assessment.selection import Selection
from forcegen.web.assessment.probability_query import (
    HONOURING_PARAM,
    hidden_controls,
    panel_selection,
    slider_values,
)

PANEL_SAMPLES = 20_000  # Monte Carlo on the dashboard: a standard error under 0.4 points
PIVOTAL_ROWS = 8


@dataclass(frozen=True)
class Slider:
    key: str
    name: str
    percent: int
    is_uncertain: bool
    input_id: str


@dataclass(frozen=True)
class MetRow:
    """One requirement profile (or line): P(met) at each fixpoint, as text and as a number."""

    key: str
    name: str
    least: str
    greatest: str
    error: str
    value: float  # at the assessment's fixpoint, for scripts and tests
    is_selected: bool


@dataclass(frozen=True)
class ForceRow:
    fixpoint: str
    mean: str
    quantiles: tuple[str, ...]


@dataclass(frozen=True)
class PivotalRow:
    contributor: str
    shapley: str
    banzhaf: str
    interval: str


@dataclass(frozen=True)
class ProbabilityView:
    action: str
    round_id: str | None
    hidden: tuple[tuple[str, str], ...]  # the dashboard's controls, for the panel's own form
    sliders: tuple[Slider, ...]
    joint: tuple[str, ...]
    is_honouring: bool
    method: str
    met: tuple[MetRow, ...]
    lines: tuple[MetRow, ...]  # the selected profile's lines
    force: tuple[ForceRow, ...]
    quantile_labels: tuple[str, ...]
    pivotal: tuple[PivotalRow, ...]
    pivotal_note: str
    charts_json: str


def probability_panel(
    *,
    pledge_set: PledgeSet,
    catalog: Catalog,
    selection: Selection,
    params: Sequence[tuple[str, str]],
    round_id: str | None,
    action: str,
) -> ProbabilityView:
    """The panel for the dashboard's selection and the sliders in the query (`params`), over
    the pledges the dashboard assesses (`pledge_set`).

    Raises:
        InvalidInputError: a bad slider value, an unknown driver, or a slider for a driver of
            a joint scenario.
    """
    sliders = slider_values(params)
    for driver in sliders.keys() - catalog.drivers.keys():
        known = ", ".join(sorted(catalog.drivers))
        raise InvalidInputError(
            f"No driver {driver!r} to give a probability; the drivers are: {known}."
        )
    chosen, probabilities = panel_selection(selection, sliders)
    is_honouring = (HONOURING_PARAM, "ladder") in params
    options = ProbabilityOptions(
        probabilities=probabilities, honouring=is_honouring, samples=PANEL_SAMPLES
    )
    report = assess_probability(
        pledge_set=pledge_set, catalog=catalog, selection=chosen, options=options
    )
    hidden = hidden_controls(selection, catalog)
    return probability_view(
        report, chosen, catalog, action=action, hidden=hidden, round_id=round_id
    )


def probability_view(
    report: ProbabilityReport,
    selection: Selection,
    catalog: Catalog,
    *,
    action: str,
    hidden: tuple[tuple[str, str], ...],
    round_id: str | None = None,
) -> ProbabilityView:
    """Everything the panel shows; sliders where the report's probabilities put them."""
    likelihood = report.likelihood
    errors = report.standard_errors() or {}
    names = {key: r.name for key, r in catalog.requirements.items()}
    least, greatest = likelihood.at(Fixpoint.LEAST), likelihood.at(Fixpoint.GREATEST)
    met = tuple(
        _met_row(k, names.get(k, k), least.met[k], greatest.met[k], errors.get(k), report, k)
        for k in greatest.met
    )
    chosen = report.requirement
    lines = tuple(
        _met_row(line, line, p, greatest.lines[chosen][line], None, report, chosen, line)
        for line, p in least.lines.get(chosen, {}).items()
    )
    required = {key: r.total_personnel for key, r in catalog.requirements.items()}
    chart = probability_chart(report, {chosen: required[chosen]} if chosen in required else {})
    return ProbabilityView(
        action=action,
        round_id=round_id,
        hidden=hidden,
        sliders=_sliders(report, selection, catalog),
        joint=tuple(
            f"{g.name or g.key}: {', '.join(g.drivers)} move together" for g in report.joint
        ),
        is_honouring=likelihood.is_honouring,
        method=_method_text(report),
        met=met,
        lines=lines,
        force=tuple(_force_row(report, f) for f in (Fixpoint.GREATEST, Fixpoint.LEAST)),
        quantile_labels=tuple(f"{q:.0%}" for q in greatest.force.quantiles),
        pivotal=_pivotal_rows(report),
        pivotal_note=_pivotal_note(report),
        charts_json=json.dumps([{"key": chart.key, "figure": chart.figure}]),
    )


def _sliders(
    report: ProbabilityReport, selection: Selection, catalog: Catalog
) -> tuple[Slider, ...]:
    joint = {d for group in report.joint for d in group.drivers}
    scenario = selection.scenario.with_overrides(dict(selection.overrides))
    sliders = []
    for key, driver in catalog.drivers.items():
        if key in joint:
            continue
        probability = report.probabilities.get(key)
        on = scenario.value(key) if probability is None else None
        percent = round(100 * probability) if probability is not None else (100 if on else 0)
        sliders.append(
            Slider(key, driver.name, percent, probability is not None, "p-" + key.replace(".", "-"))
        )
    return tuple(sliders)


def _met_row(
    key: str,
    name: str,
    least: float,
    greatest: float,
    error: float | None,
    report: ProbabilityReport,
    profile: str,
    line: str | None = None,
) -> MetRow:
    value = least if report.fixpoint is Fixpoint.LEAST else greatest
    return MetRow(
        key=key,
        name=name,
        least=f"{least:.1%}",
        greatest=f"{greatest:.1%}",
        error="" if error is None else f"± {error:.1%}",
        value=value,
        is_selected=line is None and profile == report.requirement,
    )


def _force_row(report: ProbabilityReport, fixpoint: Fixpoint) -> ForceRow:
    force = report.likelihood.at(fixpoint).force
    return ForceRow(
        FIXPOINT_NAMES[fixpoint],
        f"{round(force.mean):,}",
        tuple(f"{x:,}" for x in force.quantiles.values()),
    )


def _pivotal_rows(report: ProbabilityReport) -> tuple[PivotalRow, ...]:
    power = report.pivotal
    errors = power.shapley_error or (None,) * len(power.players)
    rows = sorted(
        zip(power.players, power.shapley, power.banzhaf, errors, strict=True),
        key=lambda row: (-row[1], row[0]),
    )
    return tuple(
        PivotalRow(player, f"{shapley:.3f}", f"{banzhaf:.3f}", "" if e is None else f"± {e:.3f}")
        for player, shapley, banzhaf, e in rows[:PIVOTAL_ROWS]
        if shapley or banzhaf
    )


def _method_text(report: ProbabilityReport) -> str:
    likelihood = report.likelihood
    if likelihood.samples:
        return (
            f"Monte Carlo, {likelihood.samples:,} samples (seed {likelihood.seed}), pledges "
            "honoured as the honouring ladder says; ± is one standard error."
        )
    return "Exact, over every combination of the uncertain drivers."


def _pivotal_note(report: ProbabilityReport) -> str:
    target = report.requirement + (f", line {report.pivotal_line}" if report.pivotal_line else "")
    how = (
        "exact (a weighted game)"
        if report.pivotal.is_exact
        else "sampled; ± holds for all with 95% confidence"
    )
    return (
        f"Power in the game 'does this coalition meet {target}?' with the drivers as the "
        f"scenario and the toggles set them (not the sliders): {how}."
    )
