"""What every dashboard chart shares: the `Chart` value, the colours and the base layout.

Figures are Plotly figure specifications as plain JSON-ready dicts; hover texts name the
pledge ids (or participants) behind each bar or point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Figure = dict[str, object]

COLORS = {
    "force": "#1d3557",
    "selected": "#e07a1f",
    "required": "#b10e1e",
    "offered": "#8fb3d9",
    "employable": "#1d3557",
    "support": "#00703c",
    "conditional": "#8fb3d9",
    "oppose": "#b10e1e",
}
REQUIREMENT_DASH = ("dash", "dot", "dashdot")


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: its figure, every pledge its figures rest on, and (for answers that are
    not pledges) the response versions they come from."""

    key: str
    title: str
    figure: Figure
    pledge_ids: tuple[str, ...]
    source_ids: tuple[str, ...] = ()
    is_answers: bool = False  # rests on answers (response versions), not on pledges


def base_layout(title: str, **extra: object) -> Figure:
    layout: Figure = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 14}},
        "margin": {"l": 70, "r": 20, "t": 50, "b": 60},
        "height": 360,
        "font": {"family": "system-ui, sans-serif", "size": 13, "color": "#0b0c0c"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hoverlabel": {"align": "left"},
        "legend": {"orientation": "h", "y": -0.2},
        "yaxis": {"gridcolor": "#e5e5e5", "rangemode": "tozero", "separatethousands": True},
    }
    layout.update(extra)
    return layout


def level_line(name: str, x: Sequence[object], level: int, unit: str) -> Figure:
    """A dashed line across the chart at `level` (a requirement, the number of troop
    contributors) that the bars are read against."""
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "x": list(x),
        "y": [level] * len(x),
        "line": {"color": COLORS["required"], "dash": "dash"},
        "hovertemplate": "%{y:,} " + unit + "<extra></extra>",
    }


def ids_text(ids: Sequence[str]) -> str:
    return ", ".join(ids) if ids else "none"


def hover(unit: str) -> str:
    return "%{x}: %{y:,} " + unit + "<br>pledges: %{customdata}<extra>%{fullData.name}</extra>"


def unique_ids(groups: Sequence[Sequence[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(pledge_id for group in groups for pledge_id in group))


def empty_note(text: str) -> dict[str, object]:
    """An annotation across the middle of an empty chart, saying why it is empty."""
    return {
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.5,
        "text": text,
        "showarrow": False,
        "font": {"size": 15, "color": "#505a5f"},
    }
