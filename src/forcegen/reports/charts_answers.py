"""Charts of a round's answers that are not force: the response ladder (Q4) and sanctions
unanimity (Q6). Hover names the participants; `Chart.source_ids` names the response versions.
"""

from __future__ import annotations

from collections.abc import Sequence

from forcegen.analysis.assessment import AnswerSummaries
from forcegen.reports.chart_style import (
    COLORS,
    Chart,
    Figure,
    base_layout,
    empty_note,
    level_line,
)


def _names(codes: Sequence[str]) -> str:
    return ", ".join(codes) if codes else "none"


def _answers_chart(
    key: str,
    title: str,
    data: list[dict[str, object]],
    layout: Figure,
    source_groups: Sequence[Sequence[str]],
) -> Chart:
    """A chart that rests on response versions (every one behind any bar), not on pledges."""
    sources = tuple(sorted({source for group in source_groups for source in group}))
    figure: Figure = {"data": data, "layout": layout}
    return Chart(key, title, figure, (), sources, is_answers=True)


def ladder_chart(answers: AnswerSummaries) -> Chart:
    """Per rung: how many support it and how many would take part, against the number of troop
    contributors (a rung with all of them has broad support)."""
    rungs = answers.ladder.rungs
    x = [rung.rung.replace("_", " ") for rung in rungs]
    contributors = len(answers.ladder.troop_contributors)
    bars = (
        ("support", "support", [rung.supporters for rung in rungs]),
        ("would take part", "force", [rung.participants for rung in rungs]),
    )
    data = [
        *_participant_bars(x, bars),
        level_line(f"troop contributors ({contributors})", x, contributors, "troop contributors"),
    ]
    note = f"highest rung all troop contributors back: {answers.ladder.highest_text}"
    layout = base_layout(
        f"Participants per rung; {note}",
        barmode="group",
        annotations=_unanswered(any(rung.answered for rung in rungs)),
    )
    sources = [rung.source_ids for rung in rungs]
    return _answers_chart("ladder", "Response ladder", data, layout, sources)


def sanctions_chart(answers: AnswerSummaries) -> Chart:
    """Per measure: support, support with conditions, opposition (EU members opposing block)."""
    measures = answers.sanctions
    x = [m.measure.replace("_", " ") for m in measures]
    stacks = (
        ("support", "support", [m.support for m in measures]),
        ("with conditions", "conditional", [m.support_with_conditions for m in measures]),
        ("oppose", "oppose", [m.oppose for m in measures]),
    )
    data = _participant_bars(x, stacks)
    blocked = [m.measure.replace("_", " ") for m in measures if not m.has_unanimity]
    note = f"blocked: {', '.join(blocked)}" if blocked else "no EU member blocks"
    layout = base_layout(
        f"Participants per measure; {note}",
        barmode="stack",
        annotations=_unanswered(bool(measures)),
        xaxis={"visible": bool(measures)},
    )
    sources = [m.source_ids for m in measures]
    return _answers_chart("sanctions", "Sanctions unanimity", data, layout, sources)


def _participant_bars(
    x: Sequence[str], bars: Sequence[tuple[str, str, Sequence[Sequence[str]]]]
) -> list[dict[str, object]]:
    """One bar trace per (name, colour, participant codes per x): the height counts the
    participants, the hover names them."""
    return [
        {
            "type": "bar",
            "name": name,
            "x": list(x),
            "y": [len(codes) for codes in groups],
            "marker": {"color": COLORS[color]},
            "customdata": [_names(codes) for codes in groups],
            "hovertemplate": "%{x}: %{y} " + name + "<br>%{customdata}<extra></extra>",
        }
        for name, color, groups in bars
    ]


def _unanswered(has_answers: bool) -> list[dict[str, object]]:
    return [] if has_answers else [empty_note("No government has answered this question yet")]
