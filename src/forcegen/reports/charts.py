"""The dashboard's charts as Plotly figure specifications (plain JSON-ready dicts).

The browser draws them with the plotly.js we serve ourselves; nothing here imports plotly,
so building them costs microseconds. Every trace carries the pledge ids behind each bar or
point in `customdata` and shows them on hover; `Chart.pledge_ids` lists them all, so the
page can link each chart to the pledges and sources behind it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from forcegen.analysis.assessment import Assessment
from forcegen.model.amount import Bound, Count
from forcegen.reports.chart_style import (
    COLORS,
    REQUIREMENT_DASH,
    Chart,
    base_layout,
    empty_note,
    hover,
    ids_text,
    level_line,
    unique_ids,
)
from forcegen.reports.charts_answers import ladder_chart, sanctions_chart

MAX_BURDEN_ROWS = 15


def force_chart(a: Assessment, requirements: Mapping[str, int]) -> Chart:
    """Force in the selected and the named scenarios, with a line per requirement profile."""
    names = [force.name for force in a.scenarios]
    colors = [
        COLORS["selected"] if force.key == "selected" else COLORS["force"] for force in a.scenarios
    ]
    trace = {
        "type": "bar",
        "name": "active force",
        "x": names,
        **ranged([force.total.personnel for force in a.scenarios]),
        "marker": {"color": colors},
        "customdata": [ids_text(force.total.pledge_ids) for force in a.scenarios],
        "hovertemplate": hover("personnel"),
        "text": [force.total.personnel.text for force in a.scenarios],
        "textposition": "outside",
        "cliponaxis": False,
    }
    shapes = [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": total,
            "y1": total,
            "line": {"color": COLORS["required"], "dash": REQUIREMENT_DASH[i % 3], "width": 2},
        }
        for i, total in enumerate(requirements.values())
    ]
    labels = [
        {
            "xref": "paper",
            "x": 1,
            "xanchor": "right",
            "y": total,
            "yanchor": "bottom",
            "text": f"{key}: {total:,}",
            "showarrow": False,
            "font": {"color": COLORS["required"]},
        }
        for key, total in requirements.items()
    ]
    layout = base_layout(
        "Personnel by scenario (orange: the selected one); red lines: requirement profiles",
        shapes=shapes,
        annotations=labels,
        showlegend=False,
    )
    return Chart(
        "force",
        "Force against requirement, by scenario",
        {"data": [trace], "layout": layout},
        unique_ids([force.total.pledge_ids for force in a.scenarios]),
    )


def coverage_chart(a: Assessment) -> Chart:
    """Per requirement line: personnel required, offered and employable."""
    lines = a.chosen.lines
    labels = [line.key for line in lines]
    no_ids: list[tuple[str, ...]] = [() for _ in lines]
    bars: list[tuple[str, list[Count], list[tuple[str, ...]]]] = [
        ("required", [Count.exact(line.required_personnel) for line in lines], no_ids),
        (
            "offered",
            [line.offered.personnel for line in lines],
            [line.offered.pledge_ids for line in lines],
        ),
        (
            "employable",
            [line.employable.personnel for line in lines],
            [line.employable.pledge_ids for line in lines],
        ),
    ]
    data = [
        {
            "type": "bar",
            "name": name,
            "x": labels,
            **ranged(values),
            "marker": {"color": COLORS[name]},
            "customdata": [ids_text(ids) for ids in id_groups],
            "hovertemplate": hover("personnel"),
        }
        for name, values, id_groups in bars
    ]
    layout = base_layout(
        "Personnel per requirement line: required, offered, employable (caveats allowing)",
        barmode="group",
    )
    return Chart(
        "coverage",
        "Capability coverage",
        {"data": data, "layout": layout},
        unique_ids([line.offered.pledge_ids for line in lines]),
    )


def sustainment_chart(a: Assessment) -> Chart:
    """Deployed personnel month by month against the requirement."""
    s = a.sustainment
    required = a.requirement.total_personnel
    x = [m.month for m in s.months]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "line": {"shape": "hv", "color": COLORS["force"]},
            "name": "deployed",
            "x": x,
            **ranged([m.total.personnel for m in s.months]),
            "customdata": [ids_text(m.total.pledge_ids) for m in s.months],
            "hovertemplate": "month %{x}: %{y:,} deployed<br>pledges: %{customdata}<extra></extra>",
        },
        level_line(f"required ({required:,})", x, required, "required"),
    ]
    layout = base_layout(
        f"Deployed personnel by month; with rotation ratio {s.rotation_ratio:g} the pledges "
        f"need a pool of {s.pool_personnel.text}",
        xaxis={"title": {"text": "month of the mission"}},
    )
    return Chart(
        "sustainment",
        "Force over time",
        {"data": data, "layout": layout},
        unique_ids([m.total.pledge_ids for m in s.months]),
    )


def leverage_chart(a: Assessment, driver_names: Mapping[str, str]) -> Chart:
    """Each US enabler's leverage; the smallest packages go in the chart's title."""
    levers = a.what_it_takes.leverage
    named = [
        " + ".join(driver_names.get(d, d) for d in p.drivers) or "none" for p in a.packages[:3]
    ]
    subtitle = (
        "smallest packages: " + "; ".join(named) if named else "no package meets the requirement"
    )
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": "leverage",
            "y": [driver_names.get(lever.driver, lever.driver) for lever in levers],
            "x": [lever.personnel for lever in levers],
            "marker": {"color": COLORS["force"]},
            "customdata": [ids_text(a.driver_pledges.get(lever.driver, ())) for lever in levers],
            "hovertemplate": (
                "%{y}: %{x:,.0f} personnel on average<br>pledges: %{customdata}<extra></extra>"
            ),
        }
    ]
    notes = (
        []
        if any(lever.personnel for lever in levers)
        else [empty_note("No US enabler changes the force in this scenario")]
    )
    layout = base_layout(
        f"Force each US enabler unlocks on average; {subtitle}",
        annotations=notes,
        margin={"l": 170, "r": 20, "t": 50, "b": 40},
        yaxis={"autorange": "reversed"},
        xaxis={"rangemode": "tozero", "separatethousands": True, "gridcolor": "#e5e5e5"},
    )
    return Chart(
        "leverage",
        "Minimal US packages and leverage",
        {"data": data, "layout": layout},
        unique_ids([a.driver_pledges.get(lever.driver, ()) for lever in levers]),
    )


def ranged(amounts: Sequence[Count]) -> dict[str, object]:
    """Bars (or points) at the high end of each figure, with an error bar down to its low end,
    so a range never looks like a point."""
    highs = [a.high if a.high is not None else (a.low or 0) for a in amounts]
    lows = [a.counted(Bound.LOW) or 0 for a in amounts]
    spread = [high - low for high, low in zip(highs, lows, strict=True)]
    trace: dict[str, object] = {"y": highs}
    if any(spread):
        trace["error_y"] = {
            "type": "data",
            "symmetric": False,
            "array": [0] * len(spread),
            "arrayminus": spread,
        }
    return trace


def burden_chart(a: Assessment) -> Chart:
    """Active personnel against the GDP-proportional fair share, largest first."""
    rows = sorted(
        a.burden.contributors,
        key=lambda r: (-(r.personnel.high or 0), -(r.fair_share_personnel or 0), r.contributor),
    )[:MAX_BURDEN_ROWS]
    codes = [r.contributor for r in rows]
    data = [
        {
            "type": "bar",
            "name": "active personnel",
            "x": codes,
            **ranged([r.personnel for r in rows]),
            "marker": {"color": COLORS["force"]},
            "customdata": [ids_text(r.pledge_ids) for r in rows],
            "hovertemplate": hover("personnel"),
        },
        {
            "type": "bar",
            "name": "fair share (by GDP)",
            "x": codes,
            "y": [round(r.fair_share_personnel or 0) for r in rows],
            "marker": {"color": COLORS["offered"]},
            "hovertemplate": "%{x}: fair share %{y:,}<extra></extra>",
        },
    ]
    layout = base_layout(
        "Active personnel against a share of the requirement proportional to GDP",
        barmode="group",
    )
    return Chart(
        "burden",
        "Burden sharing",
        {"data": data, "layout": layout},
        unique_ids([r.pledge_ids for r in rows]),
    )


def dashboard_charts(
    a: Assessment, requirements: Mapping[str, int], driver_names: Mapping[str, str]
) -> tuple[Chart, ...]:
    """Every chart of the dashboard, in page order (the answer charts only for a round)."""
    charts = [
        force_chart(a, requirements),
        coverage_chart(a),
        sustainment_chart(a),
        leverage_chart(a, driver_names),
        burden_chart(a),
    ]
    if a.answers is not None:
        charts += [ladder_chart(a.answers), sanctions_chart(a.answers)]
    return tuple(charts)
