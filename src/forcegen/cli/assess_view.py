"""The assessment in the terminal: the summary, then the main tables, narrowed to fit.

The terminal shows what a coordinator reads first, with the pledge ids behind each figure;
`forcegen export` writes every table in full (sustainment month by month, burden for every
member, the sources) to files.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from forcegen.analysis.assessment import Assessment
from forcegen.reports import Cell, Table, assessment_tables, cell_display
from forcegen.reports.table import ENDS

# The tables shown, each with the columns that fit a terminal (all are in the exports);
# `gap_*` stands for every column starting with `gap_`.
SHOWN: dict[str, tuple[str, ...]] = {
    "scenarios": ("scenario_name", "personnel", "gap_*"),
    "activation": ("fixpoint", "meaning", "personnel", "pledge_ids"),
    "coverage": (
        "line",
        "required_personnel",
        "offered_personnel",
        "employable_personnel",
        "shortfall_personnel",
        "required_platforms",
        "employable_platforms",
        "employable_pledge_ids",
    ),
    "packages": ("rank", "drivers", "personnel"),
    "leverage": ("driver", "personnel", "pledge_ids"),
    "held_back": ("pledge_id", "personnel", "waits_for"),
    "burden": (
        "contributor",
        "personnel",
        "fair_share",
        "above_fair_share",
        "personnel_per_gdp_usd_bn",
        "pledge_ids",
    ),
    "enabler_demand": ("enabler", "precondition_count", "desirable_count", "precondition"),
    "ladder": ("rung", "support_count", "take_part_count", "has_all_troop_contributors"),
    "sanctions": ("measure", "support", "oppose", "blockers", "has_unanimity"),
    "support": ("category", "quantity", "value_eur", "contributors"),
    "nominations": ("nominee", "nominations", "is_invited"),
    "pledges": ("id", "personnel", "platforms", "condition", "is_active", "source_ids"),
}
MAX_ROWS = 15


def print_assessment(console: Console, assessment: Assessment) -> None:
    """Print the banner, the summary, the scenarios and the main tables."""
    if assessment.is_illustrative:
        console.print(
            Text(
                "Illustrative round: answers derived from public reporting, not official "
                "answers of any government.",
                style="bold yellow",
            )
        )
    sentences = Text("\n".join(f"• {sentence}" for sentence in assessment.summary))
    console.print(
        Panel(sentences, title=Text(assessment.title), title_align="left"), soft_wrap=False
    )
    tables = {t.key: t for t in assessment_tables(assessment)}
    for key, columns in SHOWN.items():
        if key in tables:
            console.print(_narrowed(tables[key], columns), soft_wrap=False)
    console.print(
        "Every figure names its pledges; `forcegen export --format xlsx --output FILE` writes "
        "every table with the sources behind them.",
        soft_wrap=False,
    )


def _narrowed(t: Table, columns: Sequence[str]) -> RichTable:
    keep = [
        index
        for wanted in columns
        for index, column in enumerate(t.columns)
        if column == wanted
        or (wanted.endswith("*") and column.startswith(wanted[:-1]) and not _is_end(column))
    ]
    rows = t.rows[:MAX_ROWS]
    more = len(t.rows) - len(rows)
    caption = t.description + (f" ({more} more rows in the export.)" if more > 0 else "")
    table = RichTable(
        title=Text(t.title), caption=Text(caption) if caption else None, title_justify="left"
    )
    for i in keep:
        table.add_column(
            t.columns[i].replace("_", " "),
            justify="right" if _is_numeric(rows, i) else "left",
            overflow="fold",
        )
    for row in rows:
        table.add_row(*(Text(cell_display(row[i])) for i in keep))
    if not rows:
        table.add_row(*(Text("—") for _ in keep))
    return table


def _is_end(column: str) -> bool:
    """A column holding one end of a range (`gap_kyiv_40k_low`): the exports have them; the
    terminal shows the range itself."""
    return column.endswith(tuple(f"_{end}" for end in ENDS))


def _is_numeric(rows: Sequence[Sequence[Cell]], index: int) -> bool:
    return any(isinstance(r[index], int | float) and not isinstance(r[index], bool) for r in rows)
