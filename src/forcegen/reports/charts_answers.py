"""Charts of a round's answers that are not force: the response ladder (Q4) and sanctions
unanimity (Q6). Hover names the participants; `Chart.source_ids` names the response versions.
"""

from __future__ import annotations

from collections.abc import Sequence

from forcegen.analysis.assessment import AnswerSummaries
from forcegen.reports.chart_style import COLORS, Chart, base_layout, empty_note


def _names(codes: Sequence[str]) -> str:
    return ", ".join(codes) if codes else "none"


def _sources(groups: Sequence[Sequence[str]]) -> tuple[str, ...]:
    return tuple(sorted({source for group in groups for source in group}))


def ladder_chart(answers: AnswerSummaries) -> Chart:
    """Per rung: how many support it and how many would take part, against the number of troop
    contributors (a rung with all of them has broad support)."""
    rungs = answers.ladder.rungs
    x = [rung.rung.replace("_", " ") for rung in rungs]
    contributors = len(answers.ladder.troop_contributors)
    data = [
        {
            "type": "bar",
            "name": "support",
            "x": x,
            "y": [len(rung.supporters) for rung in rungs],
            "marker": {"color": COLORS["support"]},
            "customdata": [_names(rung.supporters) for rung in rungs],
            "hovertemplate": "%{x}: %{y} support<br>%{customdata}<extra></extra>",
        },
        {
            "type": "bar",
            "name": "would take part",
            "x": x,
            "y": [len(rung.participants) for rung in rungs],
            "marker": {"color": COLORS["force"]},
            "customdata": [_names(rung.participants) for rung in rungs],
            "hovertemplate": "%{x}: %{y} would take part<br>%{customdata}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": f"troop contributors ({contributors})",
            "x": x,
            "y": [contributors] * len(x),
            "line": {"color": COLORS["required"], "dash": "dash"},
            "hovertemplate": "%{y} troop contributors<extra></extra>",
        },
    ]
    note = f"highest rung all troop contributors back: {answers.ladder.highest_text}"
    layout = base_layout(
        f"Participants per rung; {note}",
        barmode="group",
        annotations=_unanswered(any(rung.answered for rung in rungs)),
    )
    return Chart(
        "ladder",
        "Response ladder",
        {"data": data, "layout": layout},
        (),
        _sources([rung.source_ids for rung in rungs]),
        is_answers=True,
    )


def sanctions_chart(answers: AnswerSummaries) -> Chart:
    """Per measure: support, support with conditions, opposition (EU members opposing block)."""
    measures = answers.sanctions
    x = [m.measure.replace("_", " ") for m in measures]
    stacks = (
        ("support", "support", [m.support for m in measures]),
        ("with conditions", "conditional", [m.support_with_conditions for m in measures]),
        ("oppose", "oppose", [m.oppose for m in measures]),
    )
    data = [
        {
            "type": "bar",
            "name": name,
            "x": x,
            "y": [len(codes) for codes in groups],
            "marker": {"color": COLORS[color]},
            "customdata": [_names(codes) for codes in groups],
            "hovertemplate": "%{x}: %{y} " + name + "<br>%{customdata}<extra></extra>",
        }
        for name, color, groups in stacks
    ]
    blocked = [m.measure.replace("_", " ") for m in measures if not m.has_unanimity]
    note = f"blocked: {', '.join(blocked)}" if blocked else "no EU member blocks"
    layout = base_layout(
        f"Participants per measure; {note}",
        barmode="stack",
        annotations=_unanswered(bool(measures)),
        xaxis={"visible": bool(measures)},
    )
    return Chart(
        "sanctions",
        "Sanctions unanimity",
        {"data": data, "layout": layout},
        (),
        _sources([m.source_ids for m in measures]),
        is_answers=True,
    )


def _unanswered(has_answers: bool) -> list[dict[str, object]]:
    return [] if has_answers else [empty_note("No government has answered this question yet")]
